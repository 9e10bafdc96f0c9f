"""Real-browser checks of `unionpress serve`: headless Chromium (Debian) driven by selenium (PyPI).

Imported by validate-site.py. Starts the preview on a copy of the sources, on a free port, and
checks what an editor relies on with several tabs open: every tab loads (a browser opens at most six
connections to one server, so tabs out of sight must not each hold a reload stream), the tab in
sight reloads when its page changes, and a tab out of sight reloads when shown again after a change.
"""
import os
import re
import shutil
import subprocess
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except Exception:
            pass
        time.sleep(0.1)
    return False


def run(binary, sources, work, check):
    source = os.path.join(work, "preview-source")
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(sources, source)
    story = os.path.join(source, "preview-check.md")
    with open(story, "w", encoding="utf-8") as handle:
        handle.write("---\ntitle: 杭州市职工书屋开放\ndate: 2030-01-01\nregions: [杭州市]\n---\n\n杭州市总工会开放职工书屋。\n")
    server = subprocess.Popen([binary, "serve", "--source", source, "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    driver = None
    try:
        base = None
        for line in server.stdout:
            found = re.search(r"serving on (http://\S+/)", line)
            if found:
                base = found.group(1)
                break
        check("preview: the server starts and says where", base is not None, "no 'serving on' line")
        if base is None:
            return
        options = Options()
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
            options.add_argument(flag)
        options.page_load_strategy = "none"
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        pages = ["", "topics/", "search/", "archive/", "regions/", "people/", "regions/hangzhou/", "404.html"]
        loaded = []
        for index, page in enumerate(pages):
            if index:
                driver.switch_to.new_window("tab")
            driver.get(base + page)
            if wait_until(lambda: driver.execute_script("return document.readyState") == "complete"
                          and driver.execute_script("return document.body.innerText.length") > 0, 10):
                loaded.append(page)
        check(f"preview: {len(pages)} tabs open at once all load", len(loaded) == len(pages),
              f"loaded only {len(loaded)}: {loaded}")
        if len(loaded) != len(pages):
            return
        first, shown = driver.window_handles[0], driver.window_handles[-1]
        driver.switch_to.window(first)
        driver.execute_script("window.__unchanged = true; document.addEventListener('visibilitychange', function () {"
                              " if (document.hidden) sessionStorage.setItem('unionpress-check-hidden', '1'); });")
        driver.switch_to.window(shown)
        driver.get(base)
        wait_until(lambda: driver.execute_script("return document.readyState") == "complete", 10)
        driver.execute_script("window.__unchanged = true")
        with open(story, "a", encoding="utf-8") as handle:
            handle.write("\n职工可以借阅图书。\n")
        check("preview: the tab in sight reloads when its page changes",
              wait_until(lambda: driver.execute_script("return window.__unchanged !== true"), 10), "no reload")
        driver.switch_to.window(first)
        reloaded = wait_until(lambda: driver.execute_script("return window.__unchanged !== true"), 10)
        was_hidden = driver.execute_script("return sessionStorage.getItem('unionpress-check-hidden') === '1'")
        check("preview: a tab out of sight when its page changed reloads when shown", reloaded and was_hidden,
              f"reloaded {reloaded}, was out of sight {was_hidden}")

        # The warnings are on every page: a tab whose page does not change swaps its panel in place.
        driver.get(base + "404.html")
        wait_until(lambda: driver.execute_script("return document.readyState") == "complete", 10)

        def own_warning():
            return driver.execute_script(
                "var li = document.querySelector('#unionpress-warnings li[data-file=\"preview-check.md\"]');"
                " return li ? li.textContent : null;")
        before = own_warning()
        check("preview: the loader's warnings are listed on the page (a short story)", bool(before) and "warning" in before,
              str(before))
        driver.execute_script("document.getElementById('unionpress-warnings').open = true; window.__unchanged = true")
        with open(story, "a", encoding="utf-8") as handle:
            handle.write("\n书屋周末也开放。\n")
        swapped = wait_until(lambda: own_warning() not in (None, before), 10)
        kept = driver.execute_script("return window.__unchanged === true && document.getElementById('unionpress-warnings').open")
        check("preview: a tab whose page did not change gets the new warnings without reloading, its panel still open",
              swapped and kept, f"swapped {swapped}, not reloaded and open {kept}: {own_warning()!r}")
        room = wait_until(lambda: driver.execute_script(
            "var p = document.getElementById('unionpress-warnings');"
            " return parseFloat(getComputedStyle(document.body).paddingBottom) >= p.offsetHeight;"), 5)
        check("preview: the page leaves room below its content for the panel, so its last links can be reached", room,
              driver.execute_script("return document.body.style.paddingBottom"))
        driver.execute_script("document.getElementById('unionpress-warnings').open = false")
        time.sleep(0.3)
        driver.refresh()
        wait_until(lambda: driver.execute_script("return document.readyState") == "complete", 10)
        folded = wait_until(lambda: driver.execute_script("return document.getElementById('unionpress-warnings').open === false"), 5)
        check("preview: a panel the editor folded stays folded when the page reloads", folded, "open again")
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(10)
