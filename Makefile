# Two commands set everything up on a fresh machine: `make serve` and `make test` (see README);
# `make check` is the fast loop while editing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.package-lock.json
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
# The tests that need no site build, no Pyodide and no browser (markers, set in tests/conftest.py
# and pyproject.toml): `make check` runs them; `make test` runs everything.
FAST_TESTS := -m "not site and not pyodide and not browser and not walk and not history"

.PHONY: setup offline-copy build serve test check lint fast-tests bench bench-slow chromium faketime clean policy-diff review release

$(PY):
	@interpreter=$$(scripts/find-python) && echo "Using $$interpreter" && "$$interpreter" -m venv $(VENV)

$(PY_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

setup: $(PY_STAMP) $(NPM_STAMP)

# The offline copy (file://, every language) into dist/; the site's download page offers it.
offline-copy: setup
	$(PY) -m sitebuild.offline_copy

build: offline-copy
	$(VENV)/bin/mkdocs build --strict

serve: offline-copy
	$(VENV)/bin/mkdocs serve --strict --dev-addr $(HOST):$(PORT)

# Debian packages the tests need, installed when missing (needs root, as on CI): Chromium drives the
# browser tests; faketime moves a process's clock, for the tests that prove a commit answers the
# same on any day.
DEBIAN_INSTALL = command -v $(1) >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2); \
	  else echo "Install Debian's $(2) first: sudo apt-get install $(2)" >&2; exit 1; fi; }

# Chromium and a font for every script of the site's languages (Noto CJK: Chinese, Japanese, Korean),
# or the screenshots the browser tests take show boxes (tests/browser/test_fonts.py checks them).
chromium:
	@$(call DEBIAN_INSTALL,chromium,chromium)
	@fc-list :lang=ja | grep -q . && fc-list :lang=ko | grep -q . || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk; \
	  else echo "Install Debian's fonts-noto-cjk first: sudo apt-get install fonts-noto-cjk" >&2; exit 1; fi; }

faketime:
	@$(call DEBIAN_INSTALL,faketime,faketime)

# Lint, format, types: ruff and mypy (settings in pyproject.toml), yamllint (.yamllint), eslint
# (eslint.config.js). CI runs them through `make test`, so the tree stays clean.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/yamllint --strict rules/
	npx --no-install eslint .
	$(VENV)/bin/ruff format --check .

# The fast loop: the linters and every test that needs no browser, site build or Pyodide, side by
# side (the tests in two processes, pytest-xdist; the linters take a few seconds beside them).
check: setup
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint fast-tests

fast-tests: setup faketime
	$(PY) -m pytest -n 2 $(FAST_TESTS)

# The freshness report is printed first: the rules' review alarms and coming ends on today's date,
# then pages and policies by age of review. It never fails the tests (decision 0004); its own test
# runs in pytest.
test: setup chromium faketime lint
	$(PY) -m sitebuild.freshness
	$(PY) -m pytest

# What the rules need a person to review today (alarms, coming ends); never fails. CI prints it first.
review: setup
	@$(PY) -m wizard.tooling.review

# The publishing gate: refuses while a scheduled end has passed unreviewed (decision 0004), then builds
# the site for its public address (SITE_URL=https://... make release; sitebuild/release.py).
release: setup
	$(PY) -m wizard.tooling.review --strict
	@$(MAKE) --no-print-directory offline-copy
	RELEASE=1 $(VENV)/bin/mkdocs build --strict

clean:
	rm -rf site dist .pytest_cache .mypy_cache .ruff_cache

# Whose advice a rule change changes (python -m wizard.tooling.diff): by default the last commit
# that touched rules/ against its parent; or `make policy-diff OLD=main NEW=rules` (refs or folders).
policy-diff: setup
	@new="$(NEW)"; old="$(OLD)"; \
	if [ -z "$$new" ]; then new=$$(git log -1 --format=%h -- rules); old="$$new^"; fi; \
	$(PY) -m wizard.tooling.diff "$${old:-HEAD}" "$$new"

# Measures the wizard in Chromium on this machine; prints a table, writes bench-results/wizard.json.
bench: setup chromium
	$(PY) -m bench.run

# The wizard's first visit on slow 4G and on 400 kbit/s, throttled at the server (several minutes);
# prints a table, writes bench-results/wizard-slow.json. `make bench-slow ARGS="--runs 3"`.
bench-slow: setup chromium
	$(PY) -m bench.slow $(ARGS)
