#!/usr/bin/env python3
"""Measure the search index of a built site: its size, what a first query downloads, and the query
time in a real headless browser.

    scripts/bench-search.py SITE_DIR [--browser]

SITE_DIR is a built site (e.g. of the 10,000-article corpus of ../shared/bench). For each sample
query it counts the bytes the search page fetches for a first query — meta.json, the shards of the
query's tokens, the length tables of the stories it ranks and the fragments of the first page of
results — as assets/search.js does.
With --browser it also opens search/?q=… in headless Chromium behind a static server on loopback
and reports the time from navigation to results (median of the sample queries). Prints a Markdown
table.
"""
import functools
import glob
import http.server
import json
import os
import statistics
import sys
import threading
import time
import unicodedata
import urllib.parse

QUERIES = ["骑手", "一键入会", "枫桥经验", "职工", "产业工人", "AED", "工会 服务", "快递小哥"]
PAGE_SIZE = 10


def normalize(text):
    return "".join(ch.lower() if ord(ch) < 0x80 else unicodedata.normalize("NFKC", ch).lower() for ch in text)


def char_class(ch):
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2A6DF or 0x3040 <= code <= 0x30FF:
        return 1
    if 0x30 <= code <= 0x39 or 0x61 <= code <= 0x7A:
        return 2
    return 0


def query_tokens(query):
    tokens = []
    for word in normalize(query).split():
        run, run_class = [], 0
        def flush():
            if len(run) == 1:
                tokens.append(run[0])
            for a, b in zip(run, run[1:]):
                tokens.append(a + b)
            run.clear()
        for ch in word:
            cls = char_class(ch)
            if cls != run_class:
                flush()
            run_class = cls
            if cls:
                run.append(ch)
        flush()
    return sorted(set(tokens))


def fnv1a(text):
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value ^= byte
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def size(path):
    return os.path.getsize(path) if os.path.exists(path) else 0


def shard_documents(bytes_, wanted):
    """Documents of the wanted tokens in a binary shard (see SearchIndexFormat.swift)."""
    offset = 4
    def varint():
        nonlocal offset
        value, shift = 0, 0
        while True:
            byte = bytes_[offset]
            offset += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7
    found = {}
    for _ in range(varint()):
        length = varint()
        token = bytes_[offset:offset + length].decode("utf-8")
        offset += length
        kind = bytes_[offset]
        offset += 1
        count, byte_length = varint(), varint()
        end = offset + byte_length
        if token in wanted:
            documents, document = set(), 0
            for _ in range(count):
                document += varint()
                documents.add(document)
                # A count or a first position, doubled: its low bit set when more follows.
                if kind == 0:
                    if varint() & 1:
                        varint()
                elif kind == 1:
                    if varint() & 1:
                        for _ in range(varint() - 1):
                            varint()
            found[token] = documents
        offset = end
    return found


def first_query_bytes(site, meta, query):
    tokens = query_tokens(query)
    shards = sorted({fnv1a(t) % meta["shards"] for t in tokens})
    total = size(os.path.join(site, "search", "meta.json"))
    postings = {}
    for shard in shards:
        path = os.path.join(site, "search", f"index-{shard}.bin")
        total += size(path)
        with open(path, "rb") as handle:
            postings.update(shard_documents(handle.read(), set(tokens)))
    candidates = None
    for t in tokens:
        docs = postings.get(t, set())
        candidates = docs if candidates is None else candidates & docs
    # The length tables of the candidates (an upper bound: candidates before the positions are
    # checked), then the first page of results: the fragments of up to ten documents.
    tables = {d // meta["lengthsPerFile"] for d in candidates or []}
    total += sum(size(os.path.join(site, "search", f"lengths-{t}.bin")) for t in tables)
    shown = sorted(candidates or [])[:PAGE_SIZE]
    total += sum(size(os.path.join(site, "search", "docs", f"{d}.json")) for d in shown)
    return total, len(candidates or [])


def browser_times(site):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    times = {}
    try:
        for query in QUERIES:
            started = time.monotonic()
            driver.get(f"http://127.0.0.1:{server.server_port}/search/?" + urllib.parse.urlencode({"q": query}))
            WebDriverWait(driver, 60).until(lambda d: d.find_element(By.ID, "search-status").text not in ("", "正在搜索…"))
            times[query] = time.monotonic() - started
    finally:
        driver.quit()
        server.shutdown()
    return times


def main():
    site = os.path.abspath(sys.argv[1])
    with open(os.path.join(site, "search", "meta.json"), encoding="utf-8") as handle:
        meta = json.load(handle)
    shard_bytes = sum(size(p) for p in glob.glob(os.path.join(site, "search", "index-*.bin")))
    fragment_bytes = sum(size(p) for p in glob.glob(os.path.join(site, "search", "docs", "*.json")))
    times = browser_times(site) if "--browser" in sys.argv else {}
    print(f"Search index of {meta['docs']} stories: {meta['shards']} shards, {shard_bytes / 1e6:.1f} MB of postings, "
          f"{fragment_bytes / 1e6:.1f} MB of result fragments.\n")
    print("| query | stories with every token | first query downloads | time to results (headless Chromium) |")
    print("| --- | ---: | ---: | ---: |")
    for query in QUERIES:
        downloaded, matches = first_query_bytes(site, meta, query)
        timing = f"{times[query] * 1000:.0f} ms" if query in times else "–"
        print(f"| {query} | {matches} | {downloaded / 1000:.0f} KB | {timing} |")
    if times:
        print(f"\nmedian time to results: {statistics.median(times.values()) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
