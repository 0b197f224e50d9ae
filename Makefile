# GovHub: `make run` and `make test` are all a newcomer needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CATALOGUES := $(wildcard govhub/translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)
# axe-core (npm, pinned in tests/browser/package-lock.json), injected into the browser tests' pages.
AXE := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: run test test-postgres test-fast bench lint messages translations system-deps clean

run: $(INSTALLED) translations ## Install, migrate, load demo data, serve on :5000
	$(BIN)/govhub run

# The whole suite on two workers (each module stays on one), then the in-process
# tests again on PostgreSQL (each worker in its own throwaway database).
XDIST := -n 2 --dist loadfile

test: $(INSTALLED) translations system-deps $(AXE) ## The whole suite, on SQLite then PostgreSQL
	$(BIN)/pytest $(XDIST)
	GOVHUB_TEST_DATABASE=postgresql $(BIN)/pytest $(XDIST) -m "not live and not browser and not postgres"

test-postgres: $(INSTALLED) translations ## The in-process tests on PostgreSQL only
	GOVHUB_TEST_DATABASE=postgresql $(BIN)/pytest $(XDIST) -m "not live and not browser and not postgres"

test-fast: $(INSTALLED) translations ## Everything but the browser, live and scale tests
	$(BIN)/pytest -m "not browser and not live and not postgres"

bench: $(INSTALLED) translations ## Benchmarks (see bench/README.md)
	$(BIN)/python bench/async_modes.py
	$(BIN)/python bench/live_vote.py
	$(BIN)/python bench/offering_search.py

lint: $(INSTALLED)
	$(BIN)/ruff check .

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(INSTALLED)

translations: $(COMPILED)

%.mo: %.po $(INSTALLED)
	$(BIN)/pybabel -q compile -i $< -o $@

# Re-extract the strings after changing templates or code, then translate
# what `pybabel update` marks as new in messages.po.
messages: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 -o govhub/translations/messages.pot --no-location --sort-output --omit-header --ignore-dirs ".* _* node_modules bench tests" .
	$(BIN)/pybabel update -i govhub/translations/messages.pot -d govhub/translations --no-fuzzy-matching --ignore-obsolete

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --silent
	touch $(AXE)

system-deps: ## Debian packages the browser tests need (installed when missing)
	@bash .ci/system-deps

clean:
	rm -rf $(VENV) instance .pytest_cache
