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
# The test folders that need no browser, no site build and no Pyodide: `make check` runs them.
# tests/site builds the whole site and tests/pyodide starts Pyodide under Node (a minute or more
# each), so they run with the browser tests in `make test`.
FAST_TESTS := tests/engine tests/rules tests/wizard_web tests/sitebuild

.PHONY: setup offline-copy build serve test check lint fast-tests bench bench-slow chromium clean policy-diff

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

# Browser tests drive Debian's Chromium; install it when it is missing (needs root, as on CI).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Install Debian's chromium first: sudo apt-get install chromium" >&2; exit 1; fi; }

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

fast-tests: setup
	$(PY) -m pytest -n 2 -m "not browser and not history" $(FAST_TESTS)

# The freshness report (pages and policies by age of review) is printed first; its own test runs in pytest.
test: setup chromium lint
	$(PY) -m sitebuild.freshness
	$(PY) -m pytest

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
