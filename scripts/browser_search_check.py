"""Real-browser checks of the search page: headless Chromium (Debian) driven by selenium (PyPI).

Imported by validate-site.py. The site is served by a static HTTP server on loopback under a
sub-path (`/portal/`), to show that search needs no server code and works under any path.
"""
import functools
import glob
import http.server
import json
import os
import re
import threading
import time
import unicodedata
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


def load_folding():
    """The traditional-to-simplified table the index and the page fold with (one scalar for one)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "NewsLoader", "Resources", "t2s-chars.tsv")
    table = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) == 2 and len(fields[0]) == 1 and len(fields[1]) == 1:
                table[fields[0]] = fields[1]
    return table


FOLDING = load_folding()


def normalize(text):
    out = []
    for ch in text:
        mapped = ch.lower() if ord(ch) < 0x80 else unicodedata.normalize("NFKC", ch).lower()
        out.append("".join(FOLDING.get(c, c) for c in mapped))
    return "".join(out)


def expected_urls(site, query):
    """Stories whose headline parts or text contain every white-space separated term."""
    terms = [t for t in normalize(query).split() if t]
    found = set()
    for path in glob.glob(os.path.join(site, "search", "docs", "*.json")):
        with open(path, encoding="utf-8") as handle:
            fragment = json.load(handle)
        text = normalize(fragment.get("h", fragment["t"]) + "\n" + fragment["x"])
        if all(term in text for term in terms):
            found.add(fragment["u"])
    return found


def contrast(foreground, background):
    """The contrast ratio of two CSS `rgb(…)` colours, as WCAG computes it."""
    def luminance(colour):
        channels = [int(part) / 255 for part in re.findall(r"[\d.]+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def run(site, check, former=None):
    """Runs the checks on `site`; `former`, (address, title), is a story's former address that
    must lead to the story of that title."""
    parent = os.path.dirname(site)
    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=parent)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/{os.path.basename(site)}/"
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    timings = []

    def open_search(params):
        started = time.monotonic()
        driver.get(base + "search/?" + urllib.parse.urlencode(params))
        WebDriverWait(driver, 15).until(
            lambda d: d.find_element(By.ID, "search-status").text not in ("正在搜索…",) and
            (d.find_element(By.ID, "search-status").text != "" or not params.get("q")))
        timings.append(time.monotonic() - started)
        count = int(driver.find_element(By.ID, "search-results").get_attribute("data-result-count"))
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results h3 a")]
        return count, links

    try:
        for query in ["骑手", "一键入会", "枫桥经验", "职工", "AED", "工会 服务", "職工"]:
            count, links = open_search({"q": query})
            expected = expected_urls(site, query)
            shown = {urllib.parse.urlparse(link).path.split(f"/{os.path.basename(site)}/", 1)[1] for link in links}
            check(f"browser: “{query}” finds exactly the {len(expected)} stories that contain it",
                  count == len(expected) and shown <= expected and len(shown) == min(10, len(expected)),
                  f"data-result-count={count}, expected {len(expected)}; shown {len(shown)}")
            if count <= 10:
                pager = driver.find_element(By.ID, "search-pages")
                check(f"browser: “{query}” fits one page and shows no page numbers", not pager.is_displayed(),
                      f"pager shown: {pager.text!r}")
        for query in ["进行时", "骑手", "工会 服务"]:
            count, links = open_search({"q": query})
            unmarked = [item.text[:40] for item in driver.find_elements(By.CSS_SELECTOR, "#search-results li")
                        if not item.find_elements(By.CSS_SELECTOR, "mark")]
            check(f"browser: every result for “{query}” shows its match (a column or subtitle included)",
                  count > 0 and not unmarked, f"{count} results; unmarked: {unmarked}")
        for query in ["工会", "职工", "骑手"]:
            open_search({"q": query})
            marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#search-results mark")]
            partial = [m for m in marks if normalize(query) not in normalize(m)]
            check(f"browser: every mark of “{query}” holds the whole word, even where a snippet is cut",
                  bool(marks) and not partial, f"{len(marks)} marks; partial: {partial[:5]}")
        count, links = open_search({"q": "职工"})
        pages = -(-count // 10)
        check("browser: the site has enough results to page through (职工)", pages >= 3, f"{count} results")

        def pager_items():
            return [(el.tag_name, el.text, el.get_attribute("rel") or "", el.get_attribute("aria-current") or "",
                     urllib.parse.parse_qs(urllib.parse.urlparse(el.get_attribute("href") or "").query))
                    for el in driver.find_elements(By.CSS_SELECTOR, "#search-pages > *")]
        first = pager_items()
        check("browser: the first page of results offers 下一页 (rel=next, page 2, q kept) and no 上一页",
              first and first[-1][1] == "下一页" and first[-1][2] == "next" and first[-1][4].get("page") == ["2"]
              and first[-1][4].get("q") == ["职工"] and all(item[1] != "上一页" for item in first), str(first))
        check("browser: the current page is marked, not linked", ("span", "1", "", "page", {}) in first, str(first))
        gap_expected = pages > 3 + 2
        check("browser: pages left out of the pager show a gap (…), as on the list pages",
              any(item[1] == "…" for item in first) == gap_expected, f"{pages} pages: {first}")
        count_last, _ = open_search({"q": "职工", "page": str(pages)})
        last = pager_items()
        check("browser: the last page offers 上一页 (rel=prev) and no 下一页, and its number is current",
              last and last[0][1] == "上一页" and last[0][2] == "prev" and last[0][4].get("page") == [str(pages - 1)]
              and all(item[1] != "下一页" for item in last) and ("span", str(pages), "", "page", {}) in last, str(last))
        count, links = open_search({"q": "工会，服务！"})
        status = driver.find_element(By.ID, "search-status").text
        shown = {urllib.parse.urlparse(link).path.split(f"/{os.path.basename(site)}/", 1)[1] for link in links}
        check("browser: punctuation in a query is not claimed as found; each word is, and every result holds them",
              "“工会”“服务”" in status and "，" not in status and count > 0 and shown <= expected_urls(site, "工会 服务"), status)
        metas = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#search-results .story-meta")]
        check("browser: results give their dates as the list pages do (2022年2月22日)",
              bool(metas) and all(re.match(r"^\d{4}年\d{1,2}月\d{1,2}日", m) for m in metas if m[:1].isdigit()), str(metas[:3]))
        driver.get(base + "search/?" + urllib.parse.urlencode({"region": "hangzhou"}))
        WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "search-status").text != "")
        check("browser: a filter with no words asks for words", "请输入" in driver.find_element(By.ID, "search-status").text,
              driver.find_element(By.ID, "search-status").text)
        count_traditional, _ = open_search({"q": "職工"})
        count_simplified, _ = open_search({"q": "职工"})
        check("browser: a query in traditional characters finds what the simplified one does",
              count_traditional == count_simplified and count_simplified > 0, f"{count_traditional} vs {count_simplified}")
        count_all, _ = open_search({"q": "工会"})
        region = sorted(os.listdir(os.path.join(site, "regions")))[0]
        count_region, _ = open_search({"q": "工会", "region": "hangzhou" if os.path.isdir(os.path.join(site, "regions", "hangzhou")) else region})
        check("browser: a region filter narrows the results and stays in the URL",
              count_region <= count_all and "region=" in driver.current_url, f"{count_region} vs {count_all}")
        filtered_status = driver.find_element(By.ID, "search-status").text
        region_name = driver.execute_script(
            "var s = document.getElementById('search-region'); return s.options[s.selectedIndex].textContent.trim();")
        check("browser: the status names the region the results were filtered by, and the tab's title the query",
              bool(region_name) and f"（{region_name}）" in filtered_status and driver.title.startswith("工会 · "),
              f"{filtered_status!r}, {driver.title!r}")
        # Stepping through a filter with the keyboard filters in place, the focus kept on it.
        open_search({"q": "工会"})
        chosen = []
        for step in range(2):
            select = driver.find_element(By.ID, "search-region")
            select.send_keys(Keys.ARROW_DOWN)
            try:
                WebDriverWait(driver, 15).until(
                    lambda d: "region=" in d.current_url and d.find_element(By.ID, "search-status").text not in ("", "正在搜索…")
                    and urllib.parse.parse_qs(urllib.parse.urlparse(d.current_url).query).get("region", [""])[0] not in chosen)
            except TimeoutException:
                break
            chosen.append(urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)["region"][0])
            focused = driver.execute_script("return document.activeElement && document.activeElement.id")
            if focused != "search-region":
                break
        region_status = driver.find_element(By.ID, "search-status").text
        region_name = driver.execute_script(
            "var s = document.getElementById('search-region'); return s.options[s.selectedIndex].textContent.trim();")
        check("browser: a region filter stepped through with the arrow keys applies at each step, the focus kept on it",
              len(chosen) == 2 and chosen[0] != chosen[1] and f"（{region_name}）" in region_status
              and driver.execute_script("return document.activeElement.id") == "search-region"
              and "q=" in driver.current_url,
              f"regions {chosen}, status {region_status!r}, url {driver.current_url}")
        count_unknown, _ = open_search({"q": "工会", "region": "no-such-region"})
        unknown_status = driver.find_element(By.ID, "search-status").text
        check("browser: a region the site does not have is left out, with a note, rather than finding nothing",
              count_unknown == count_all and "no-such-region" in unknown_status and "未按其筛选" in unknown_status,
              f"{count_unknown} vs {count_all}: {unknown_status!r}")
        count, _ = open_search({"q": "<img src=x onerror=alert(1)>"})
        injected = driver.find_elements(By.CSS_SELECTOR, "#search-results img, #search-status img")
        check("browser: HTML in a query is shown as text, never injected", not injected and count == 0, "an <img> was injected")
        count, _ = open_search({"q": "量子纠缠"})
        status = driver.find_element(By.ID, "search-status").text
        check("browser: a search that finds nothing says what to try next", count == 0 and "没有找到" in status and "再试" in status, status)
        count, _ = open_search({"q": "！？。，"})
        status = driver.find_element(By.ID, "search-status").text
        check("browser: a punctuation-only query gets a clear message", count == 0 and "标点" in status, status)
        count, _ = open_search({"q": "职工" * 200})
        check("browser: a very long query is cut and answered", driver.find_element(By.ID, "search-status").text != "", "no answer")
        headers = driver.find_elements(By.CSS_SELECTOR, ".header-search")
        check("browser: the search page shows its own search box only, not the header's beside it",
              bool(headers) and not any(h.is_displayed() for h in headers) and driver.find_element(By.ID, "search-input").is_displayed(),
              f"{len(headers)} header boxes")
        driver.get(base + "search/?q=%20%20%20")
        WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "search-status").text != "")
        check("browser: a query of spaces only asks for words", "请输入" in driver.find_element(By.ID, "search-status").text,
              driver.find_element(By.ID, "search-status").text)
        # 主题宣讲 is found in one story only, after `”、` (see validate-site.py).
        open_search({"q": "主题宣讲"})
        cut = [s.text for s in driver.find_elements(By.CSS_SELECTOR, "#search-results .story-snippet") if s.text.startswith("…")]
        open_search({"q": "工会"})
        cut += [s.text for s in driver.find_elements(By.CSS_SELECTOR, "#search-results .story-snippet")
                if s.text.startswith("…")]
        loose = [text[:20] for text in cut if len(text) > 1 and text[1] in "，。、；：！？,.;:!?）)」』”"]
        check("browser: a snippet cut into a sentence begins after its punctuation, not with it", bool(cut) and not loose,
              f"{len(cut)} cut snippets; starting with a mark: {loose[:3]}")
        # A mark left on the page: it is there after Back only if the browser kept the page.
        driver.execute_script("window.keptByBrowser = true")
        box = driver.find_element(By.ID, "search-input")
        box.clear()
        box.send_keys("骑手")
        box.submit()
        WebDriverWait(driver, 15).until(lambda d: "q=" in d.current_url and d.find_element(By.ID, "search-status").text not in ("", "正在搜索…"))
        check("browser: a search sent from the page's form has no empty filters in its address",
              "region=" not in driver.current_url and "topic=" not in driver.current_url and "%E9%AA%91%E6%89%8B" in driver.current_url,
              driver.current_url)
        # Back to the search this one was sent from: a page the browser keeps in its back/forward
        # cache comes back as it was left, the box set to the query of its address again.
        driver.back()
        WebDriverWait(driver, 15).until(lambda d: "%E9%AA%91%E6%89%8B" not in d.current_url)
        try:
            WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "search-input").get_attribute("value") == "工会")
        except TimeoutException:
            pass  # told by the check below
        status = driver.find_element(By.ID, "search-status").text
        kept = driver.execute_script("return window.keptByBrowser === true")
        check("browser: Back to a search shows its query in the box, as its results and address do (the page kept by the browser)",
              kept and driver.find_element(By.ID, "search-input").get_attribute("value") == "工会" and "工会" in status,
              f"kept {kept}, box {driver.find_element(By.ID, 'search-input').get_attribute('value')!r}, status {status!r}")
        # A match on the dark page reads at 4.5:1 at least.
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        colours = driver.execute_script(
            "return Array.from(document.querySelectorAll('#search-results .story-snippet mark')).map(function (m) {"
            "  var s = getComputedStyle(m); return [s.color, s.backgroundColor]; })")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        ratio = min((contrast(*pair) for pair in colours), default=0)
        check("browser: a match marked in a result's snippet reads at 4.5:1 or more on the dark page", ratio >= 4.5,
              f"{colours[:1]}: {ratio:.2f}:1 ({len(colours)} marks)")
        if former:
            address, title = former
            driver.get(base + address)
            try:
                WebDriverWait(driver, 15).until(lambda d: address not in d.current_url)
                heading = driver.find_element(By.TAG_NAME, "h1").text
                check("browser: a story's former address leads to the story",
                      urllib.parse.urlparse(driver.current_url).path.startswith(f"/{os.path.basename(site)}/articles/") and title in heading,
                      f"{driver.current_url}: {heading!r}")
            except TimeoutException:
                check("browser: a story's former address leads to the story", False, f"still at {driver.current_url}")
        # On a phone: links set in running lines are 24 px tall or more, and no page scrolls sideways.
        driver.set_window_size(390, 844)
        running = ".story-title a, .breadcrumbs a, .article-byline a, .article-dateline a, .region-tree a"
        short, wide = [], []

        def measure(address, label):
            """Opens `address`; notes its running-line links under 24 px and whether it scrolls sideways."""
            driver.get(address)
            heights = driver.execute_script(f"return Array.from(document.querySelectorAll('{running}')).map(a => a.getBoundingClientRect().height)")
            short.extend((label, round(h, 1)) for h in heights if h < 24)
            if driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth"):
                wide.append(label)

        for page in ["", "regions/", "topics/"]:
            measure(base + page, page or "home")
            if page == "":
                article = driver.execute_script("var a = document.querySelector('.story-title a'); return a && a.href")
        # A story with a picture wider than the phone (see validate-site.py).
        measure(base + "articles/wide-photo/", "articles/wide-photo/")
        picture = driver.execute_script("var i = document.querySelector('.article-body img'); return i && i.getBoundingClientRect().width")
        check("browser: on a phone, a picture wider than the screen fits the column", bool(picture) and picture <= 390, f"{picture} px wide")
        if article:
            measure(article, "article")
        check("browser: on a phone, links in running lines (titles, breadcrumbs, bylines, regions) are 24 px tall or more",
              bool(article) and not short, str(short[:5]))
        check("browser: on a phone, no page scrolls sideways", not wide, str(wide))
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check("browser: no error in the console", not errors, str(errors[:3]))
    finally:
        driver.quit()
        server.shutdown()
    return timings
