# videoclerk: `make run` starts the server with demo data (and the clerk app); `make test` runs everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data
PORT ?= 8080

.PHONY: run server test test-postgres test-lowest lint bench clean translations translations-update screenshots \
	widget-screenshots package

# The clerk app's Dutch translations: .ts sources are kept in git, the .qm files are built.
# videoclerk_nl.ts covers the app shell and the clerk's flow; other parts may add their own
# <part>_nl.ts beside it (the app loads every *_nl.qm there).
TS := resources/translations/videoclerk_nl.ts
TS_ALL := $(wildcard resources/translations/*.ts)
QM_ALL := $(TS_ALL:.ts=.qm)
# Modules whose texts the translation covers (add a panel here once its texts are translated).
TR_SOURCES = $(shell find clerk_app -name '*.py' -not -path 'clerk_app/admin/*' \
	-not -path 'clerk_app/supervisor/*' | sort)
# The admin and supervisor panels have their own file (every admin area's sub-package).
PANELS := clerk_app/admin clerk_app/supervisor
PANELS_TS := resources/translations/panels_nl.ts

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[server,app,dev]'
	touch $@

# The server in the background, the app in front; closing the app stops the server.
run: $(BIN)/.installed translations
	@$(BIN)/videoclerk-server serve --data-dir $(DATA) --port $(PORT) --demo & server=$$!; \
	trap 'kill $$server 2>/dev/null; wait $$server 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python tools/wait_for_server.py http://127.0.0.1:$(PORT) && \
	$(BIN)/videoclerk --server http://127.0.0.1:$(PORT) --logged-out

server: $(BIN)/.installed
	$(BIN)/videoclerk-server serve --data-dir $(DATA) --port $(PORT) --demo

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy

# In parallel: one worker per core, at most 4; each module's tests stay on one worker, so a
# module's own server (a module-scoped fixture) starts once.
PARALLEL := -n auto --maxprocesses=4 --dist loadscope
test: lint translations
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PARALLEL)

# The same tests with every server they start on a fresh PostgreSQL database of the local
# server (127.0.0.1:5432, user postgres), dropped at the run's end (tests/conftest.py). Left
# out: tests marked engine_independent (no server, no database: the rules, Qt widgets with
# fakes, media, the wheel and the desktop bundle), which `make test` has run; skipped:
# sqlite_only. TESTS picks files: `make test-postgres TESTS=tests/test_api_keys.py`.
TESTS ?=
test-postgres: $(BIN)/.installed translations
	VIDEOCLERK_TEST_DATABASE=postgresql QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PARALLEL) $(TESTS)

# The floors in pyproject.toml must be true: the lowest versions they allow, in a venv of their
# own, through quick tests that reach every dependency (pure rules, the real server over HTTP,
# the app's socket through a proxy, media) — docs/install.md.
LOWEST := .venv-lowest
LOWEST_TESTS := tests/test_privacy_rules.py tests/test_queue_rules.py tests/test_retention_rules.py \
	tests/test_webhooks_rules.py tests/test_catalogue_money.py tests/test_offers_pricing.py \
	tests/test_app_config.py tests/test_app_core_is_qt_free.py tests/test_media_core.py \
	tests/test_signup.py tests/test_offers_api.py \
	tests/test_shared_limits.py::test_a_window_counts_in_memory_while_redis_does_not_answer \
	tests/test_clerk_client.py::test_desk_takes_a_call_and_media_flows_both_ways \
	tests/test_app_installer.py::test_the_proxy_carries_log_in_and_the_live_socket
test-lowest: $(BIN)/.installed translations
	rm -rf $(LOWEST)
	$(BIN)/uv venv --quiet --python $(BIN)/python $(LOWEST)
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct \
		-e '.[server,app,dev]'
	QT_QPA_PLATFORM=offscreen $(LOWEST)/bin/pytest -q -p no:cacheprovider $(LOWEST_TESTS)

translations: $(QM_ALL)

resources/translations/%.qm: resources/translations/%.ts $(BIN)/.installed
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After changing texts in the app: refresh the .ts, then translate the new entries.
translations-update: $(BIN)/.installed
	$(BIN)/pyside6-lupdate $(TR_SOURCES) -ts $(TS) -target-language nl -no-obsolete -locations none
	$(BIN)/pyside6-lupdate -extensions py $(PANELS) -ts $(PANELS_TS) -target-language nl \
		-no-obsolete -locations none

# PNGs of the app for the README, through a scripted call under a virtual X server.
screenshots: $(BIN)/.installed translations
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python tools/screenshots.py
	for language in en nl; do xvfb-run -a -s "-screen 0 1600x1000x24" \
		$(BIN)/python tools/screenshots.py --call-views --language $$language || exit 1; done
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python tools/offer_screenshot.py
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python tools/first_login_screenshot.py

# The visitor's offer in the call panel (desktop and phone) and the rating on the end screen,
# from the widget's offer and rating tests.
widget-screenshots: $(BIN)/.installed
	VIDEOCLERK_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/test_widget_offer.py -q \
		-k "phone_width or desktop_picture"
	VIDEOCLERK_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/test_widget_rating_browser.py -q \
		-k keyboard
	VIDEOCLERK_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/test_widget_visitor_panel.py -q \
		-k phone

# The clerk app as a one-folder bundle for this machine's platform (build/videoclerk.spec,
# docs/desktop-bundle.md): build/dist/videoclerk/, on Linux also a .tar.gz with a .desktop file.
PACKAGE_DIR := build/dist
package: $(BIN)/.installed translations
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath $(PACKAGE_DIR) \
		--workpath build/work build/videoclerk.spec
	@if [ "$$(uname -s)" = Linux ]; then $(BIN)/python build/linux_archive.py $(PACKAGE_DIR); fi

bench: $(BIN)/.installed
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) $(LOWEST) .pytest_cache .mypy_cache .ruff_cache build/dist build/work
