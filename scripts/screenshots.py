#!/usr/bin/env python3
"""Serve a built site on loopback and screenshot its kinds of page in headless Chromium.

    scripts/screenshots.py [SITE_DIR] [OUT_DIR]

Needs Debian's chromium and chromium-driver and selenium from PyPI. Writes
OUT_DIR/<page>-<phone|desktop>.png and prints what each search page reported.
"""
import functools
import http.server
import os
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

site = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "public")
out = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "/tmp/unionpress-shots")
os.makedirs(out, exist_ok=True)

handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=site)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_port}/"

first_article = sorted(os.listdir(os.path.join(site, "articles")))[0]
first_region = "shaoxing" if os.path.isdir(os.path.join(site, "regions", "shaoxing")) else sorted(os.listdir(os.path.join(site, "regions")))[0]
first_topic = sorted(d for d in os.listdir(os.path.join(site, "topics")) if d != "index.html")[0]
pages = {
    "home": "",
    "article": f"articles/{first_article}/",
    "region": f"regions/{first_region}/",
    "regions": "regions/",
    "topic": f"topics/{first_topic}/",
    "search": "search/?q=%E9%AA%91%E6%89%8B",
    "archive": "archive/",
    "person": "people/" + sorted(d for d in os.listdir(os.path.join(site, "people")) if d != "index.html")[0] + "/",
}

options = Options()
options.add_argument("--headless=new")
options.add_argument("--no-sandbox")
options.add_argument("--disable-gpu")
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    for width, height, label in [(390, 844, "phone"), (1366, 900, "desktop")]:
        driver.set_window_size(width, height)
        for name, path in pages.items():
            driver.get(base + path)
            if name == "search":
                WebDriverWait(driver, 10).until(
                    lambda d: d.find_element(By.ID, "search-status").text not in ("", "正在搜索…"))
                count = driver.find_element(By.ID, "search-results").get_attribute("data-result-count")
                print(f"search ({label}): data-result-count={count}")
            driver.save_screenshot(os.path.join(out, f"{name}-{label}.png"))
    print("console errors:", [e for e in driver.get_log("browser") if e["level"] == "SEVERE"])
finally:
    driver.quit()
    server.shutdown()
print("screenshots in", out)
