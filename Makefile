# The two set-up commands are `make run` and `make test`; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test pytest install messages lint format bench bench-inprocess opensearch clean

$(STAMP): requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Interface translations: site-wide strings in locale/, each app's own in <app>/locale/.
# Compiled with Babel (a pinned dependency), so no GNU gettext is needed to run.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po */locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
APPS_WITH_LOCALE := $(patsubst %/locale/,%,$(wildcard */locale/))

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

## Create .venv with the pinned requirements and compile the translations (production: README, Deployment)
install: $(STAMP) $(MO_FILES)

## Set everything up on SQLite and serve the demo site on http://$(HOST):$(PORT)/
run: $(STAMP) $(MO_FILES)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo --admin
	$(PY) manage.py runserver $(HOST):$(PORT)

## Lint and run the whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)
test: $(DEV_STAMP) $(MO_FILES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

## The suite alone, without lint (CI runs it again with DATABASE_URL set)
pytest: $(DEV_STAMP) $(MO_FILES)
	$(BIN)/pytest $(PYTEST_ARGS)

## Re-extract translatable strings (needs GNU gettext): site-wide into locale/, app strings into <app>/locale/
messages: $(STAMP)
	$(PY) manage.py makemessages --locale zh_Hans --no-obsolete --ignore ".venv/*" --ignore "var/*" --ignore "tools/*" \
		$(foreach app,$(APPS_WITH_LOCALE),--ignore "$(app)/*")
	for app in $(APPS_WITH_LOCALE); do \
		(cd $$app && DJANGO_SETTINGS_MODULE=config.settings.dev PYTHONPATH=.. ../$(PY) -m django makemessages --locale zh_Hans --no-obsolete) || exit 1; \
	done
	$(PY) -c "import glob, polib; [setattr(po, 'metadata_is_fuzzy', False) or po.save() for po in map(polib.pofile, glob.glob('locale/*/LC_MESSAGES/django.po') + glob.glob('*/locale/*/LC_MESSAGES/django.po'))]"

## A local OpenSearch 2.19 node on 127.0.0.1:$(OPENSEARCH_PORT) (no Docker; needs Java 17+ and Maven; first build downloads ~83 MB)
OPENSEARCH_PORT ?= 9201
opensearch:
	OPENSEARCH_PORT=$(OPENSEARCH_PORT) tools/opensearch-node/opensearch-node.sh start
	@echo "Tests: export OPENSEARCH_URL=http://127.0.0.1:$(OPENSEARCH_PORT)"
	@echo "Site:  SEARCH_ENGINE=opensearch SEARCH_URL=http://127.0.0.1:$(OPENSEARCH_PORT), then manage.py update_index"
	@echo "Stop:  OPENSEARCH_PORT=$(OPENSEARCH_PORT) tools/opensearch-node/opensearch-node.sh stop"

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Seed a large site (kept in var/bench/), serve it with gunicorn on loopback, measure it (README: Performance)
bench: $(STAMP) $(MO_FILES)
	$(PY) -m bench.run $(BENCH_ARGS)

## The bench's URLs in one process, page cache off, against the floor (BENCH_ARGS="--profile 'a guide'" profiles one)
bench-inprocess: $(STAMP) $(MO_FILES)
	$(PY) -m bench.inprocess $(BENCH_ARGS)

clean:
	rm -rf var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm var/test-media .pytest_cache
