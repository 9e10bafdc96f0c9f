# UnionPress — the two commands a newcomer needs: `make site` and `make test`.
SWIFT      ?= swift
SOURCE     ?= seeds
OUTPUT     ?= public
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev
RELEASE_BIN  := .build/release/unionpress

.PHONY: site test deps build serve check list clean

## Install the Debian packages the build needs, if they are missing.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## Build the release binary.
build: deps
	$(SWIFT) build -c release --product unionpress

## Generate the site from seeds/ into public/.
site: build
	$(RELEASE_BIN) build --source $(SOURCE) --output $(OUTPUT)

## Run every test.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## The loader's warnings for the sources.
check: build
	$(RELEASE_BIN) check --source $(SOURCE)

## Every article as JSON.
list: build
	$(RELEASE_BIN) list --json --source $(SOURCE)

clean:
	rm -rf .build $(OUTPUT)
