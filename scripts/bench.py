#!/usr/bin/env python3
"""make bench: UnionPress against Hugo on the same generated corpus, in one run.

    scripts/bench.py [--articles N] [--runs R] [--binary PATH] [--out DIR] [--no-hugo] [--no-readme]

Generates (or reuses) a corpus of N articles with ../shared/bench/make-corpus.py under DIR (default
bench-out/, git-ignored), then, R times over, measures in turn:

  full          unionpress build into a new folder
  no change     the same build again, nothing changed
  one article   the same build after one article's body changed
  one added     the same build after a story dated today was added (as a day's commit adds them);
                reported beside the others, with no target of its own
  in memory     unionpress build --render-to-memory (renders every page, writes nothing)
  Hugo          ../shared/bench/hugo-build.sh into a new folder, when `hugo` is installed
  Hugo memory   the same Hugo build with --renderToMemory

Before each measurement the programs (UnionPress's and Hugo's) are read (not timed), and before each
build that reads the whole corpus every file of the corpus, so that no build reads them from the
disk while another finds them in memory (see warm), and then waits three seconds, so that no build
reuses the memory the one before it freed (see PAUSE_SECONDS). Before each
measurement what earlier ones wrote is flushed to the disk, and the outputs are kept
until every run is done (removing one makes the next build slower, see settle_after_removal; a bench
started within six minutes of the last one's removal waits the rest), so no build pays for another.
Each measurement gives the wall time (a monotonic clock around the child, to the microsecond: GNU
time's 10 ms steps were a tenth of a one-article rebuild), and from the kernel's account of the
child when it is reaped (wait4) its CPU time (user + system) and peak resident memory, the largest
of the child's and of every process it waited for (Hugo's harness is a shell script). The table
gives the median of the R runs, pages per second (HTML pages of the output over the wall time) and
the ratios the targets are stated in; it is printed and written into README.md between
<!-- bench:start --> and <!-- bench:end --> (one section per corpus size). The machine's load
average before and after is printed with it: other work on the machine slows every row.
"""

import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED_BENCH = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

# Targets of issue 6, as ratios measured in the same run.
TARGET_FULL = {10000: 0.5, 100000: 0.4}
TARGET_MEMORY = 0.2
TARGET_NO_CHANGE = 0.03
TARGET_ONE_ARTICLE = 0.05
TARGET_RSS_100K = 1 << 30

# The programs measured (read before each measurement, see warm); set by main.
PROGRAMS = []

# Seconds between the end of one measurement's preparation and the start of the build measured.
# This virtual machine hands memory back to its host about two seconds after it is freed (free page
# reporting), and the first touch of such memory waits for the host. A build started at once after
# another reuses the memory that one freed, which no build an editor or CI starts does: 120 MB
# touched in 2 MiB pages took 20 ms right after another process freed them and 264 ms a few
# seconds later. Every build measured starts after this pause, as a user's would.
PAUSE_SECONDS = 3


def load_average():
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def timed(command, label, env=None, corpus=None):
    """Runs `command`; returns (wall s, cpu s, peak RSS bytes, stdout).

    First, not timed: what earlier builds wrote is flushed to the disk, the programs are read, and
    `corpus` when the command reads it whole (see warm), so that no build is slowed by the
    write-back of the one before it or by reading its program from the disk; then a pause of
    PAUSE_SECONDS. The child's output goes to temporary files, not pipes, so that nothing needs
    reading while it runs and it is reaped with wait4, which gives its usage."""
    os.sync()
    warm(PROGRAMS + ([corpus] if corpus else []))
    time.sleep(PAUSE_SECONDS)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        sys.exit(f"bench: {label} failed ({process.returncode}):\n{stderr[-2000:]}")
    # ru_maxrss is in kilobytes on Linux.
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, stdout


REMOVED_STAMP = "outputs-removed-at"
# ext4 without a journal skips inodes freed in the last 60 s when allocating, 360 s while the
# inode table's block is not yet written back (fs/ext4/ialloc.c, RECENTCY_MIN and RECENTCY_DIRTY).
RECENTLY_FREED_SECONDS = 361


def remove_outputs(work, out):
    """Removes the bench's outputs and notes when, for `settle_after_removal`."""
    shutil.rmtree(work)
    os.sync()
    with open(os.path.join(out, REMOVED_STAMP), "w") as handle:
        handle.write(f"{time.time()}\n")


def settle_after_removal(out):
    """Waits until the files the last bench removed no longer slow the creation of new ones.

    On ext4 without a journal (this machine's disk), creating a file skips every inode freed in the
    last 60 seconds, and in the last 360 while its inode table block is not yet written back, reading
    the inode table to find them: right after a large output is removed, the next build spends much
    of its system time there (a 10,000-article build 5.8-7.7 s instead of 2.4-3.0 s here), whichever
    generator it is. A build dirties those blocks as it creates files, so one starting 60 seconds
    after a removal still pays. So outputs are kept until every run is done, and the next bench
    waits until their removal is 361 seconds old."""
    try:
        with open(os.path.join(out, REMOVED_STAMP)) as handle:
            removed = float(handle.read().strip() or 0)
    except (OSError, ValueError):
        return
    wait = removed + RECENTLY_FREED_SECONDS - time.time()
    if wait > 0:
        print(f"bench: waiting {wait:.0f} s: outputs were removed {time.time() - removed:.0f} s ago "
              "(recently freed inodes slow file creation for 360 s)", flush=True)
        time.sleep(wait)


def count_pages(folder):
    pages = 0
    for _, _, names in os.walk(folder):
        pages += sum(1 for name in names if name.endswith(".html"))
    return pages


def make_corpus(articles, out):
    corpus = os.path.join(out, f"corpus-{articles}")
    stamp = os.path.join(corpus, ".bench-complete")
    if not os.path.exists(stamp):
        print(f"bench: generating {articles} articles in {corpus}", flush=True)
        subprocess.run([sys.executable, os.path.join(SHARED_BENCH, "make-corpus.py"), "--articles", str(articles), "--out", corpus],
                       check=True, stdout=subprocess.DEVNULL)
        open(stamp, "w").close()
    return corpus


def warm(paths):
    """Reads each of `paths` (files, or folders read file by file) once, so that every measurement
    finds the programs and the corpus in the page cache.

    A corpus not read since the machine started (or since its pages were dropped) is read from the
    disk by whichever build comes first, while Hugo, run after it, finds the corpus in memory: a
    10,000-article full build took 2.51 and 3.18 s with the corpus's pages dropped, 1.96 and 1.98 s
    right after with them in memory. This machine also pages out files nobody has touched for a
    minute (the kernel's DAMON, `pageout` of unmapped page cache idle for 60 s): the program itself
    after the bench's wait, and at 100,000 articles the corpus between one build and the next. A
    no-change rebuild whose program had been paged out took 137-247 ms, against 75-122 ms right
    after with it read (three pairs)."""
    for path in paths:
        files = [path] if os.path.isfile(path) else (os.path.join(folder, name) for folder, _, names in os.walk(path) for name in names)
        for file in files:
            with open(file, "rb") as handle:
                while handle.read(1 << 20):
                    pass


def change_one_article(corpus, run):
    """Appends a sentence to one article's body; returns a function that restores the file."""
    articles = os.path.join(corpus, "content", "articles")
    names = sorted(os.listdir(articles))
    path = os.path.join(articles, names[len(names) // 2])
    with open(path, "rb") as handle:
        original = handle.read()
    with open(path, "ab") as handle:
        handle.write(f"\n\n基准测试第{run}轮修改了这篇稿件。\n".encode())

    def restore():
        with open(path, "wb") as handle:
            handle.write(original)
    return restore


def add_one_article(corpus, run):
    """Adds a story dated today, newer than any in the corpus (a copy of one with a new title);
    returns a function that removes it."""
    articles = os.path.join(corpus, "content", "articles")
    names = sorted(name for name in os.listdir(articles) if name.endswith(".md"))
    with open(os.path.join(articles, names[len(names) // 2]), encoding="utf-8") as handle:
        text = handle.read()
    text = re.sub(r"(?m)^date: .*$", f"date: {datetime.date.today().isoformat()}", text, count=1)
    text = re.sub(r'(?m)^title: "(.*)"$', lambda match: f'title: "今日新稿{run}：{match.group(1)}"', text, count=1)
    path = os.path.join(articles, f"zz-bench-added-{run}.md")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return lambda: os.remove(path)


def median(rows, key):
    return statistics.median(row[key] for row in rows)


def fmt_seconds(value):
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def fmt_rss(value):
    return f"{value / (1 << 20):.0f} MiB" if value < (1 << 30) else f"{value / (1 << 30):.2f} GiB"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", 10000)))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 3)))
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "unionpress"))
    parser.add_argument("--out", default=os.path.join(ROOT, "bench-out"))
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even when it is installed")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    args = parser.parse_args()

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"bench: no binary at {binary}; run `make build` (or `make bench`)")
    hugo = None if args.no_hugo else shutil.which("hugo")
    os.makedirs(args.out, exist_ok=True)
    corpus = make_corpus(args.articles, args.out)
    content = os.path.join(corpus, "content")
    work = os.path.join(args.out, "runs")
    if os.path.exists(work):
        remove_outputs(work, args.out)
    settle_after_removal(args.out)
    PROGRAMS[:] = [binary] + ([os.path.realpath(hugo)] if hugo else [])
    os.makedirs(work)
    load_before = load_average()
    print(f"bench: {args.articles} articles, {args.runs} runs, load average {load_before}", flush=True)

    rows = {name: [] for name in ["full", "no change", "one article", "one added", "in memory", "Hugo", "Hugo memory"]}
    pages = {}
    for run in range(1, args.runs + 1):
        output = os.path.join(work, f"unionpress-{run}")
        build = [binary, "build", "--source", content, "--output", output]
        wall, cpu, rss, _ = timed(build, "full build", corpus=content)
        rows["full"].append((wall, cpu, rss))
        pages["unionpress"] = count_pages(output)
        rows["no change"].append(timed(build, "no-change rebuild")[:3])
        restore = change_one_article(corpus, run)
        try:
            rows["one article"].append(timed(build, "one-article rebuild")[:3])
        finally:
            restore()
        timed(build, "rebuild after the change was undone")
        remove = add_one_article(corpus, run)
        try:
            rows["one added"].append(timed(build, "rebuild with one article added")[:3])
        finally:
            remove()
        rows["in memory"].append(timed([binary, "build", "--render-to-memory", "--source", content, "--output",
                                        os.path.join(work, "unused")], "render to memory", corpus=content)[:3])
        if hugo:
            hugo_output = os.path.join(work, f"hugo-{run}")
            rows["Hugo"].append(timed(["sh", os.path.join(SHARED_BENCH, "hugo-build.sh"), corpus, hugo_output], "Hugo",
                                      corpus=content)[:3])
            pages["hugo"] = count_pages(hugo_output)
            rows["Hugo memory"].append(timed([hugo, "--source", os.path.join(SHARED_BENCH, "hugo"), "--contentDir", content,
                                              "--renderToMemory", "--quiet"], "Hugo --renderToMemory", corpus=content)[:3])
        print(f"bench: run {run} done ({', '.join(f'{k} {v[-1][0]:.3f}s' for k, v in rows.items() if v)})", flush=True)
    load_after = load_average()
    # Outputs are removed only now: see settle_after_removal.
    remove_outputs(work, args.out)

    medians = {name: (median(r, 0), median(r, 1), median(r, 2)) for name, r in rows.items() if r}
    full = medians["full"][0]

    def ratio_cell(name):
        wall = medians[name][0]
        if name in ("no change", "one article", "one added"):
            return f"{wall / full:.1%} of full"
        if name == "full" and "Hugo" in medians:
            return f"{wall / medians['Hugo'][0]:.2f}× Hugo"
        if name == "in memory" and "Hugo memory" in medians:
            return f"{wall / medians['Hugo memory'][0]:.2f}× Hugo memory"
        return ""

    def pages_cell(name):
        count = pages.get("hugo" if name.startswith("Hugo") else "unionpress")
        if name in ("no change", "one article", "one added") or not count:
            return ""
        return f"{count / medians[name][0]:,.0f}"

    labels = {
        "full": "UnionPress full build (new folder)", "no change": "UnionPress rebuild, nothing changed",
        "one article": "UnionPress rebuild, one article changed",
        "one added": "UnionPress rebuild, one article added (dated today)", "in memory": "UnionPress `--render-to-memory`",
        "Hugo": "Hugo full build (`hugo-build.sh`)", "Hugo memory": "Hugo `--renderToMemory`",
    }
    lines = [
        f"### {args.articles:,} articles",
        "",
        f"Median of {args.runs} runs, {datetime.date.today().isoformat()}, {os.cpu_count()} cores, load average "
        f"{load_before} before and {load_after} after. Pages: {pages.get('unionpress', 0):,} HTML pages for UnionPress"
        + (f", {pages['hugo']:,} for Hugo" if "hugo" in pages else "") + ".",
        "",
        "| Build | Wall | CPU | Peak RSS | Pages/s | Ratio |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name in rows:
        if name not in medians:
            continue
        wall, cpu, rss = medians[name]
        lines.append(f"| {labels[name]} | {fmt_seconds(wall)} | {fmt_seconds(cpu)} | {fmt_rss(rss)} | {pages_cell(name)} | {ratio_cell(name)} |")

    checks = []
    if "Hugo" in medians and args.articles in TARGET_FULL:
        goal = TARGET_FULL[args.articles]
        checks.append((f"full build ≤ {goal}× Hugo", full / medians["Hugo"][0] <= goal))
    if "Hugo memory" in medians:
        checks.append((f"render to memory ≤ {TARGET_MEMORY}× Hugo's", medians["in memory"][0] / medians["Hugo memory"][0] <= TARGET_MEMORY))
    checks.append((f"no-change rebuild ≤ {TARGET_NO_CHANGE:.0%} of full", medians["no change"][0] / full <= TARGET_NO_CHANGE))
    checks.append((f"one-article rebuild ≤ {TARGET_ONE_ARTICLE:.0%} of full", medians["one article"][0] / full <= TARGET_ONE_ARTICLE))
    if args.articles >= 100000:
        checks.append(("peak RSS ≤ 1 GiB", medians["full"][2] <= TARGET_RSS_100K))
    lines += ["", "Targets: " + "; ".join(f"{name} — {'met' if ok else 'not met'}" for name, ok in checks) + "."]
    table = "\n".join(lines)
    print()
    print(table)

    if not args.no_readme:
        write_readme(os.path.join(ROOT, "README.md"), args.articles, table)
        print(f"\nbench: table written into README.md")


def write_readme(path, articles, section):
    """Puts `section` into the bench block of README.md, replacing the section of the same corpus size."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if START not in text or END not in text:
        text = text.rstrip("\n") + "\n\n## Benchmarks\n\n`make bench` (`BENCH_ARTICLES=100000 make bench` for the large corpus) measures these;" \
            " see `scripts/bench.py`.\n\n" + START + "\n" + END + "\n"
    head, rest = text.split(START, 1)
    block, tail = rest.split(END, 1)
    sections = {}
    for part in re.split(r"(?m)^(?=### )", block.strip()):
        match = re.match(r"### ([\d,]+) articles", part)
        if match:
            sections[int(match.group(1).replace(",", ""))] = part.strip()
    sections[articles] = section.strip()
    body = "\n\n".join(sections[size] for size in sorted(sections))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(head + START + "\n" + body + "\n" + END + tail)


if __name__ == "__main__":
    main()
