# Two commands matter: `make run` opens the app, `make test` runs every test.
# Both create .venv when it is missing and install the project into it; as root on
# Debian they first install the system packages that the app and the tests use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_PACKAGES := libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
	libwayland-client0 libwayland-cursor0 libxcb-randr0 libxcb-xkb1 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 \
	libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0 \
	libenchant-2-2 hunspell-ar
# What the tests use besides: a virtual screen, ExifTool, Chromium, Java for the HTML validator,
# the validators of the desktop entry and the AppStream metainfo, Hugo for the export benchmark,
# OpenSSH's server for the publish tests and rsync for the publish benchmark; for the real-input
# tier (tests/integration) a session bus, the accessibility bus and its Python bindings, xdotool
# for real keys and mouse, ImageMagick's import for screenshots; a PostgreSQL server (the tests
# start a throw-away one of their own).
TEST_PACKAGES := $(RUN_PACKAGES) xvfb xauth libimage-exiftool-perl chromium default-jre-headless \
	appstream desktop-file-utils hugo openssh-server rsync $(NPM_PACKAGE) \
	dbus dbus-x11 at-spi2-core python3-pyatspi gir1.2-atspi-2.0 xdotool imagemagick postgresql
# Debian's npm only where no npm is installed: a Node.js from elsewhere (NodeSource) brings its own,
# and Debian's package would conflict with it.
NPM_PACKAGE := $(if $(shell command -v npm 2>/dev/null),,npm)
# The exported pages' web tier from npm, pinned by tests/web/package-lock.json: Lighthouse and the
# current Nu HTML checker (its jar runs on the system Java; its download script is not run).
WEB := tests/web

.PHONY: run test lint bench package translations screenshot system-run system-test clean

run: system-run $(BIN)/.installed
	$(BIN)/workstation $(ARGS)

test: system-test $(BIN)/.installed-test $(WEB)/node_modules/.installed lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The code's habits: ruff's lint and format, and the import layers (pyproject.toml).
lint: $(BIN)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: $(BIN)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks $(BENCH_ARGS)

# The one-folder desktop app at dist/workstation/ (see packaging/README.md).
package: system-run $(BIN)/.installed-package
	$(BIN)/python -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/workstation.spec
	@du -sh dist/workstation

# Qt Linguist: gathers the interface strings of ui/ into the .ts files, then compiles the .qm the
# app loads. The .qm are committed: a plain `pip install .` has no lrelease to build them with.
translations: $(BIN)/.installed
	$(BIN)/pyside6-lupdate -no-obsolete -locations none $$(find ui -name '*.py' | sort) \
		-ts resources/translations/workstation_ar.ts resources/translations/workstation_en.ts
	for ts in resources/translations/*.ts; do $(BIN)/pyside6-lrelease $$ts || exit 1; done

# The README's picture of the main window in Arabic, taken under a virtual X screen.
screenshot: system-test $(BIN)/.installed
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python docs/screenshot.py docs/main-window-ar.png ar

$(WEB)/node_modules/.installed: $(WEB)/package.json $(WEB)/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix $(WEB) --ignore-scripts --no-audit --no-fund && touch $@; \
	else echo "npm is missing (apt-get install npm): the Lighthouse tests will be skipped"; fi

# Installs missing Debian packages when run as root; otherwise says what is missing.
system-run:
	@sh packaging/linux/system-packages.sh $(RUN_PACKAGES)

system-test:
	@sh packaging/linux/system-packages.sh $(TEST_PACKAGES)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(BIN)/.installed: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(BIN)/.installed-test: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test,package]'
	touch $@ $(BIN)/.installed $(BIN)/.installed-package

$(BIN)/.installed-package: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[package]'
	touch $@ $(BIN)/.installed

clean:
	rm -rf $(VENV) build dist *.egg-info $(WEB)/node_modules
