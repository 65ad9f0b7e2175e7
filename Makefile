# Two commands set everything up on a fresh machine with Python 3.11+:
#   make html   - create .venv, install requirements.txt, build the site into _build/html
#   make test   - the same, plus the test requirements, then run the tests
# Under CI=true the tests that need TeX or Chromium must run; .ci/run installs them.
# requirements.txt and requirements-test.txt pin the exact versions the tests last passed
# with (generated from the ranges in requirements*.in by `make lock`); `make upgrade`
# moves them to the newest versions the ranges allow and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SPHINXOPTS ?= -n -W --keep-going
BUILDDIR ?= _build

.PHONY: help html test test-quick lock upgrade live clean venv test-venv pdf epub handbook-png screenshots migrate schema new-year bench bench-blocks site-as-read \
	html-zh pdf-zh catalog gettext publish po

help:
	@echo "make html | test | test-quick | live | pdf | epub | publish | handbook-png | bench | clean"
	@echo "make lock | upgrade   (the pinned versions in requirements*.txt)"
	@echo "make html-zh | pdf-zh | po | catalog   (translations: guide/translating.md)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.live: requirements-live.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-live.txt
	touch $@

$(VENV)/.testing: requirements-test.txt requirements-live.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

venv: $(VENV)/.runtime
test-venv: $(VENV)/.testing

html: venv
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) . $(BUILDDIR)/html$(LANGSUFFIX)

# The slowest tests are listed at the end of every run.  test-quick leaves out what needs
# TeX, a browser or EPUBCheck, the benchmark's own tests and the few slow whole-site
# comparisons (the marks are listed in pyproject.toml); CI runs everything.  Both run on
# every core (pytest-xdist).
PYTEST = $(BIN)/python -m pytest tests -n auto --durations=15 --durations-min=1
QUICK = not tex and not browser and not epubcheck and not bench and not slow

test: html test-venv
	$(PYTEST)

test-quick: test-venv
	$(PYTEST) -m "$(QUICK)"

# What readers get of each year (page, exports, PDF chapter), recorded in
# tests/expected/site/ for tests/test_site_as_read.py: run after a change on purpose.
site-as-read: test-venv
	$(BIN)/python -m tools.site_as_read $(YEARS)

# The lock files: exact versions for every platform and Python >= 3.11 (uv pip compile).
# lock keeps today's pins where the ranges still allow them; upgrade takes the newest.
LOCK = $(BIN)/uv pip compile --universal --python-version 3.11 --quiet

# (requirements.txt's "-e ." line, the extension, is no constraint uv accepts: left out)
RUNTIME_PINS = $(VENV)/runtime-pins.txt

lock: test-venv
	$(LOCK) requirements.in -o requirements.txt
	grep -v '^-e ' requirements.txt > $(RUNTIME_PINS)
	$(LOCK) requirements.in requirements-live.in -c $(RUNTIME_PINS) -o requirements-live.txt
	$(LOCK) requirements.in requirements-test.in -c $(RUNTIME_PINS) -o requirements-test.txt

upgrade: test-venv
	$(LOCK) --upgrade requirements.in -o requirements.txt
	grep -v '^-e ' requirements.txt > $(RUNTIME_PINS)
	$(LOCK) --upgrade requirements.in requirements-live.in -c $(RUNTIME_PINS) \
		-o requirements-live.txt
	$(LOCK) --upgrade requirements.in requirements-test.in -c $(RUNTIME_PINS) \
		-o requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $(VENV)/.runtime $(VENV)/.live $(VENV)/.testing
	$(BIN)/course-schedule schema  # its timezone list is tzdata's: regenerate, then review
	$(MAKE) test

# The preview builds without -W, so a mistake shows on the page (an error box where a
# schedule cannot be read) while the warnings scroll by; -n as make html has it.
live: $(VENV)/.live
	$(BIN)/sphinx-autobuild -b html -n . $(BUILDDIR)/live --watch _ext

# The PDF handbook (xelatex + latexmk; handbook/require-tex.sh names missing Debian
# packages) and the e-book; handbook-png renders the newest year's first page for the README.
PDF = $(BUILDDIR)$(LANGDIR)/latex/deep-generative-models.pdf

pdf: venv
	@bash handbook/require-tex.sh
	$(BIN)/sphinx-build -M latexpdf . $(BUILDDIR)$(LANGDIR) $(SPHINXOPTS)
	@echo "PDF handbook: $(PDF)"

epub: venv
	$(BIN)/sphinx-build -M epub . $(BUILDDIR)$(LANGDIR) $(SPHINXOPTS)

# Everything a plain static host (GitHub Pages) serves: the site with the PDF handbook and
# the e-book beside its pages, where the landing page links them (_ext/site/editions.py).
# Read the Docs builds and serves the three itself.
EPUB = $(BUILDDIR)$(LANGDIR)/epub/deep-generative-models.epub

publish: html pdf epub
	cp $(PDF) $(EPUB) $(BUILDDIR)/html$(LANGSUFFIX)/
	@echo "Publish the folder $(BUILDDIR)/html$(LANGSUFFIX)/"

handbook-png: pdf test-venv
	$(BIN)/python handbook/pages.py $(PDF) --png docs-assets/handbook-2022.png

# Refresh the README's screenshots (docs-assets/screenshots/) in Debian's Chromium.
screenshots: test-venv
	UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/test_browser.py -q -k "2022 or visibly"

# Convert a legacy Jekyll page: make migrate FROM=../legacy/index2020.markdown YEAR=2020
# (FORCE=1 overwrites an existing years/<YEAR>/index.md; warnings go to stderr).
migrate: venv
	$(BIN)/python -m tools.migrate "$(FROM)" "$(YEAR)" $(if $(FORCE),--force)

# The site in another language (guide/translating.md): the extension's own words come from
# _ext/locale/, the pages' text from locale/<lang>/LC_MESSAGES/*.po (sphinx-intl).  Each
# language builds into its own folders, e.g. make html SITE_LANGUAGE=zh_CN ->
# _build/html-zh_CN, make pdf SITE_LANGUAGE=zh_CN -> _build/zh_CN/latex.
# (Not LANGUAGE: that environment variable is gettext's own.)
SITE_LANGUAGE ?=
ifneq ($(SITE_LANGUAGE),)
SPHINXOPTS += -D language=$(SITE_LANGUAGE)
LANGSUFFIX := -$(SITE_LANGUAGE)
LANGDIR := /$(SITE_LANGUAGE)
endif

html-zh:
	$(MAKE) html SITE_LANGUAGE=zh_CN

pdf-zh:
	$(MAKE) pdf SITE_LANGUAGE=zh_CN

# The pages' messages for translators (_build/gettext/*.pot); then sphinx-intl update.
gettext: venv
	$(BIN)/sphinx-build -b gettext $(SPHINXOPTS) . $(BUILDDIR)/gettext

# Update the site's translations (locales/<lang>/LC_MESSAGES/*.po) from the pages, conf.py
# and the theme, refit the Chinese search's dictionary, and count what is left to translate.
po: test-venv
	$(BIN)/python -m tools.po --builddir $(BUILDDIR)

# Re-extract the extension's own words into the sphinx-course-schedule message catalog,
# _ext/locale/*/LC_MESSAGES/sphinx-course-schedule.po (a test fails when they are out of
# step with the code; builds compile them, see _ext/locale).
catalog: venv
	$(BIN)/course-schedule catalog

# Regenerate _static/schedule.schema.json from _ext/schedule/model/schedule.py (a test fails when it is stale).
schema: venv
	$(BIN)/course-schedule schema

# Start a year from another one: make new-year FROM=2022 YEAR=2023 (see guide/);
# FORCE=1 replaces an existing years/<YEAR>/.  This site keeps a term at years/<yyyy>/
# index.md; the command itself takes any term page and any new path.
new-year: venv
	$(BIN)/course-schedule new-term "years/$(FROM)/index.md" "$(YEAR)" "years/$(YEAR)/index.md" $(if $(FORCE),--force)

# Benchmark: {schedule} vs the same tables by hand, 3/30/300 pages, -j 2, incremental,
# make pdf; writes bench/results.json and bench/README.md.  BENCHOPTS=--quick: a smoke run.
bench: venv
	$(BIN)/python bench/run.py $(BENCHOPTS)

# One very large schedule block, stage by stage, at n and 2n rows: is every stage linear?
# Writes bench/blocks.json and the "blocks" table of bench/README.md.
bench-blocks: venv
	$(BIN)/python bench/blocks.py $(BENCHOPTS)

clean:
	rm -rf $(BUILDDIR)
