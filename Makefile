# The edition's tasks. `make serve` and `make test` are the two commands of the README.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
STAMP := $(VENV)/.installed
# The browsers (schenk_edition.tools.browser): Debian's headless Chromium for the browser tests and the PDF,
# Debian's chromium (the full browser a reader runs) for the budget; CHROMIUM, when set, names one browser for
# both (GitHub's runners: their preinstalled Chrome).
HEADLESS_CHROMIUM := /usr/bin/chromium-headless-shell
READER_CHROMIUM := /usr/bin/chromium

.PHONY: serve build check test validate manifest codes hooks engines bench budget dict-deps browser-deps budget-deps print-deps html-deps epub-deps pdf epub clean

# The pinned requirements, every file checked against its hash, then the edition's own package (editable: the
# hooks import `schenk_edition`; a local directory has no hash, so it is installed alone, without dependencies):
# the README's commands "Without make", quietly (tests/test_install.py holds them equal). A path file written by
# older versions of this Makefile is removed, so that it cannot hide a failing install.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'schenk_edition.pth').unlink(missing_ok=True)"
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# The validators first: their findings are printed and do not stop the preview (`-`); the preview then reports
# the build's own findings (an unknown citation key, say) on every rebuild and keeps serving.
serve: $(STAMP) dict-deps  ## the validators' findings, then the site at http://127.0.0.1:8000
	-$(PY) -m schenk_edition validate
	SITE_URL=http://127.0.0.1:8000/ $(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## strict build into site/
	$(PY) -m mkdocs build --strict --site-dir site

validate: $(STAMP) dict-deps  ## the validators only
	$(PY) -m schenk_edition validate

check: dict-deps validate build  ## the fast gate: validators, then the strict build

manifest: $(STAMP)  ## add the build's new URLs and anchors to stable-urls.txt (never drops one)
	$(PY) -m schenk_edition manifest

codes: $(STAMP)  ## regenerate CODES.md, the reference of finding codes
	$(PY) -m schenk_edition codes

# Once per clone: every `git commit` then runs the validators (.pre-commit-config.yaml). Not a prerequisite of
# other targets, since a hook belongs to the contributor's clone, not to a build.
hooks: $(STAMP)  ## install the git pre-commit hook
	$(VENV)/bin/pre-commit install

# The tests share the strict build that `check` has just made (EDITION_SITE; tests/conftest.py, `site`), spread
# over one worker more than the machine has cores (pytest-xdist; a module whose fixtures render a PDF or an EPUB
# stays on one worker: --dist loadgroup): the browser tests wait for a page's network to fall quiet or for
# Material's tooltip delay, and the extra worker fills those waits (2 cores: pytest 2 min 40 s on 2 workers, 2 min
# 22 s on 3; README, "Measured"). TEST_WORKERS=0 runs them in this process.
# What can run side by side does: the venv's install beside `npm ci`, the validators and the strict build beside
# the engines' builds (the caches they share are written whole: core.diskcache); the Debian packages one after
# the other (apt-get takes a lock).
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: dict-deps  ## every test (the 15 slowest named at the end)
	$(MAKE) -j2 --output-sync=target $(STAMP) node_modules/.package-lock.json
	$(MAKE) html-deps browser-deps print-deps epub-deps
	$(MAKE) -j2 --output-sync=target check engines
	EDITION_SITE=site $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=15

# The site must not depend on the engine: MkDocs 1.6.1 (unmaintained) and ProperDocs 1.6.7 (its maintained fork)
# build it into .engines/ with the same SOURCE_DATE_EPOCH (the cite box prints the access date); the two sites
# must be the same file by file except the generator tag (and sitemap dates, gzip header).
engines: $(STAMP)  ## build with MkDocs and with ProperDocs; fail when the sites differ beyond the generator tag
	rm -rf .engines
	export SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(date +%s)} && \
	  $(PY) -m mkdocs build --strict -f mkdocs.yml -d .engines/mkdocs && \
	  $(VENV)/bin/properdocs build --strict -f mkdocs.yml -d .engines/properdocs && \
	  $(PY) -m schenk_edition sitediff .engines/mkdocs .engines/properdocs

# The word lists of the name rule (AN003; scripts/schenk_edition/checks/anonymity/lexicon.py): Debian's wswedish
# (/usr/share/dict/swedish) and wbritish (/usr/share/dict/british-english, for the English comments), installed
# with apt-get when missing (sudo when not root); EDITION_SWEDISH_WORDS / EDITION_ENGLISH_WORDS name other files
# of one word per line instead (then nothing is installed).
dict-deps:
	@test -f "$${EDITION_SWEDISH_WORDS:-/usr/share/dict/swedish}" -a \
	  -f "$${EDITION_ENGLISH_WORDS:-/usr/share/dict/british-english}" || { S=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$S apt-get update && $$S env DEBIAN_FRONTEND=noninteractive apt-get install -y wswedish wbritish; }

# What the browser tests (tests/browser/) and the PDF need besides the venv: Debian's chromium-headless-shell (a
# browser is never downloaded; sudo when not root) and the npm packages of package-lock.json (axe-core,
# lighthouse).
browser-deps: node_modules/.package-lock.json
	@test -x "$${CHROMIUM:-$(HEADLESS_CHROMIUM)}" || { S=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$S apt-get update && $$S env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium-headless-shell; }

# What the budget needs besides browser-deps: Debian's chromium, the reader's browser (sudo when not root).
budget-deps: browser-deps
	@test -x "$${CHROMIUM:-$(READER_CHROMIUM)}" || { S=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$S apt-get update && $$S env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

# What the PDF check (tests/browser/test_print.py) needs besides Chromium: pdftotext and pdftoppm from
# Debian's poppler-utils (sudo when not root).
print-deps:
	@command -v pdftotext >/dev/null || { S=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$S apt-get update && $$S env DEBIAN_FRONTEND=noninteractive apt-get install -y poppler-utils; }

# What the HTML check (tests/test_html_valid.py) needs: Java from Debian's default-jre-headless (sudo when not
# root) to run the Nu Html Checker, vnu.jar of npm's vnu-jar (package-lock.json; .npmrc keeps its install script,
# which would download a Java, from running).
html-deps: node_modules/.package-lock.json
	@command -v java >/dev/null || { S=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$S apt-get update && $$S env DEBIAN_FRONTEND=noninteractive apt-get install -y default-jre-headless; }

# What the EPUB check (tests/test_epub.py) needs: Debian's epubcheck (run with the Java of html-deps; sudo when
# not root).
EPUBCHECK := /usr/share/java/epubcheck.jar
epub-deps: html-deps
	@test -f $(EPUBCHECK) || { S=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$S apt-get update && $$S env DEBIAN_FRONTEND=noninteractive apt-get install -y epubcheck; }

# The whole edition as one PDF (Chromium) and as an EPUB 3, from the built site, into dist/ (gitignored):
# dist/schenk-utgava-<version>.pdf and .epub, the version being CHANGELOG.md's newest (the release attaches them).
# Then the site is built again, so that its download links (start page, /om-utgavan/) give the files' sizes.
pdf: build browser-deps  ## the whole edition as one PDF in dist/
	$(PY) -m schenk_edition pdf
	$(PY) -m mkdocs build --strict --site-dir site

epub: build  ## the whole edition as an EPUB 3 in dist/
	$(PY) -m schenk_edition epub
	$(PY) -m mkdocs build --strict --site-dir site

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

bench: $(STAMP)  ## the strict build against plain Material (medians of 5 interleaved rounds) and validate
	$(PY) -m schenk_edition bench

budget: $(STAMP) budget-deps html-deps  ## every page: Lighthouse mobile and desktop, gzip weight, Nu Html Checker
	$(PY) -m schenk_edition budget

clean:
	rm -rf site dist .engines .pytest_cache
