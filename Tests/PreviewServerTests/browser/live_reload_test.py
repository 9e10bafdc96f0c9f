#!/usr/bin/env python3
"""Real-browser check of `unionpress serve`: an open tab updates by itself when a source changes.

    live_reload_test.py --binary .build/debug/unionpress [--seeds seeds] [--timeout 10]

Copies the seed pages into a temporary folder, starts `unionpress serve --port 0` on 127.0.0.1,
opens one article in headless Chromium (selenium), then edits that article's sentence in the
copied page dump. The tab is never refreshed by this script; it must show the new text by itself.
Then it writes a Markdown article with a broken date: the error banner must appear in the tab,
naming file:line, over the last good page; fixing the file must remove it. Last, SIGINT with the
tab still open must stop the server within a second.

Prints one line per step and a final `PASS ...` or `FAIL ...`. Exit codes: 0 pass, 1 fail,
77 skipped (selenium, chromium or chromedriver missing) -- the Swift test checks before running.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
MARKER = "预览实时更新校验"


def log(message):
    print(message, flush=True)


def find_browser():
    """Paths of chromium and chromedriver, or None when either is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def start_server(binary, source, deadline_seconds):
    process = subprocess.Popen(
        [binary, "serve", "--source", source, "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        log("  server: " + line.rstrip())
        match = re.search(r"serving on (http://127\.0\.0\.1:\d+/)", line)
        if match:
            return process, match.group(1)
    process.kill()
    raise RuntimeError("the server did not print its URL in time")


def drain(process):
    """Keeps reading the server's output in the background so its pipe never fills."""
    import threading

    def pump():
        for line in process.stdout:
            log("  server: " + line.rstrip())
    threading.Thread(target=pump, daemon=True).start()


def wait_for(condition, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except Exception:  # the page may be between two documents while it reloads
            pass
        time.sleep(interval)
    return False


def pick_sentence(driver, source):
    """A stretch of an article paragraph that occurs exactly once, verbatim, in one page dump."""
    paragraphs = [p.text for p in driver.find_elements("css selector", ".article-body p")]
    texts = {}
    for name in sorted(os.listdir(source)):
        if name.endswith(".txt"):
            with open(os.path.join(source, name), encoding="utf-8") as handle:
                texts[name] = handle.read()
    for paragraph in paragraphs:
        for start in range(0, max(1, len(paragraph) - 12), 6):
            window = paragraph[start:start + 12]
            if len(window) < 12 or not re.fullmatch(r"[\u4e00-\u9fff]+", window):
                continue
            hits = [(name, text.count(window)) for name, text in texts.items() if window in text]
            if len(hits) == 1 and hits[0][1] == 1:
                return hits[0][0], window
    return None, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, help="the unionpress executable")
    parser.add_argument("--seeds", default="seeds", help="the seed folder to copy")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each change")
    args = parser.parse_args()

    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        log("SKIP selenium is not installed (pip install selenium)")
        return SKIP
    found = find_browser()
    if not found:
        log("SKIP chromium or chromedriver not found (apt-get install chromium chromium-driver)")
        return SKIP
    browser, chromedriver = found

    workdir = tempfile.mkdtemp(prefix="unionpress-browser-")
    source = os.path.join(workdir, "seeds")
    shutil.copytree(args.seeds, source)
    server = driver = None
    try:
        server, url = start_server(args.binary, source, 60)
        drain(server)
        options = Options()
        options.binary_location = browser
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=414,900", "--no-proxy-server"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
        driver.set_page_load_timeout(20)

        driver.get(url)
        links = [a.get_attribute("href") for a in driver.find_elements("css selector", "a[href*='articles/']")]
        if not links:
            log("FAIL the home page links to no article")
            return 1
        driver.get(links[0])
        article = driver.current_url
        log(f"tab open on {article}")
        if not wait_for(lambda: driver.execute_script(
                "return !!document.getElementById('unionpress-live-reload')"), 5):
            log("FAIL the served page has no live-reload script")
            return 1
        # A flag only this document carries: if it is gone, the tab loaded a new document by itself.
        driver.execute_script("window.__unionpressProbe = 1;")
        time.sleep(0.5)  # let the event stream connect

        name, sentence = pick_sentence(driver, source)
        if not name:
            log("FAIL found no sentence of the article verbatim in a page dump")
            return 1
        path = os.path.join(source, name)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text.replace(sentence, sentence + MARKER, 1))
        edited = time.monotonic()
        log(f"edited {name}: “{sentence}” → “{sentence}{MARKER}”")

        updated = wait_for(lambda: MARKER in driver.find_element("css selector", ".article-body").text, args.timeout)
        latency = time.monotonic() - edited
        if not updated:
            log(f"FAIL the tab did not show the edit within {args.timeout:.0f} s")
            return 1
        reloaded = driver.execute_script("return window.__unionpressProbe === undefined")
        if not reloaded or driver.current_url != article:
            log("FAIL the text changed but not through a reload of the same page")
            return 1
        log(f"the tab updated by itself {latency:.2f} s after the edit")

        # A broken source: the banner names file:line over the last good page, then goes away.
        broken = os.path.join(source, "zz-preview-check.md")
        with open(broken, "w", encoding="utf-8") as handle:
            handle.write("---\ntitle: 预览校验稿件\ndate: 2023-13-45\n---\n\n正文一段，用于校验错误提示。\n")
        banner = wait_for(lambda: "zz-preview-check.md:3" in driver.find_element("id", "unionpress-error").text, args.timeout)
        if not banner:
            log("FAIL no error banner naming zz-preview-check.md:3 appeared")
            return 1
        if MARKER not in driver.find_element("css selector", ".article-body").text:
            log("FAIL the banner did not keep the last good page")
            return 1
        log("error banner shown: " + driver.find_element("css selector", "#unionpress-error li").text)
        # Its heading folds it to one line, so the page under it can be read.
        opened = driver.find_element("id", "unionpress-error").size["height"]
        driver.find_element("css selector", "#unionpress-error summary").click()
        folded = driver.find_element("id", "unionpress-error").size["height"]
        if not (folded < opened and folded <= 90):
            log(f"FAIL the banner's heading did not fold it: {opened} px open, {folded} px after a click")
            return 1
        with open(broken, "w", encoding="utf-8") as handle:
            handle.write("---\ntitle: 预览校验稿件\ndate: 2023-05-14\n---\n\n正文一段，用于校验错误提示。\n")
        recovered = wait_for(lambda: not driver.find_elements("id", "unionpress-error")
                             and MARKER in driver.find_element("css selector", ".article-body").text, args.timeout)
        if not recovered:
            log("FAIL the banner did not go away after the fix")
            return 1
        # Ctrl-C while the tab still holds its event stream and keep-alive connections.
        stopping = time.monotonic()
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            log("FAIL the server did not stop within 5 s of SIGINT")
            return 1
        stop_time = time.monotonic() - stopping
        if stop_time >= 1.0 or server.returncode != 0:
            log(f"FAIL SIGINT with a tab open: stopped after {stop_time:.2f} s, exit code {server.returncode}")
            return 1
        log(f"PASS live reload in a real browser: edit visible after {latency:.2f} s; error banner shown and "
            f"cleared; stopped {stop_time:.2f} s after SIGINT with the tab open")
        return 0
    except Exception as error:  # report, don't crash: the Swift test reads the last line
        log(f"FAIL {type(error).__name__}: {error}")
        return 1
    finally:
        if driver is not None:
            driver.quit()
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
