# The edition's tasks. `make serve` and `make test` are the two commands of the README.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
STAMP := $(VENV)/.installed

.PHONY: serve build check test validate bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'schenk_edition.pth').write_text('$(CURDIR)\n')"
	touch $@

serve: $(STAMP)  ## serve the site at http://127.0.0.1:8000
	SITE_URL=http://127.0.0.1:8000/ $(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## strict build into site/
	$(PY) -m mkdocs build --strict --site-dir site

validate: $(STAMP)  ## the validators only
	$(PY) -m scripts.edition validate

check: validate build  ## the fast gate: validators, then the strict build

test: check  ## every test
	$(PY) -m pytest

bench: $(STAMP)  ## build and check timings
	$(PY) -m scripts.edition bench

clean:
	rm -rf site .pytest_cache
