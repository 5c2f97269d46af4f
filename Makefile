# The toolkit's one entry point. Every target bootstraps what it needs through `setup`.
#   spec/turbopuffer.yaml --(scripts/ + templates/ + clientlib/)--> generated/   (the typed Python client)
#   emulator/ serves the spec locally; tests/ check spec, client and emulator against each other.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
VENV_STAMP := .venv/.setup-stamp
NPM_STAMP := node_modules/.setup-stamp
BROWSER_STAMP := build/.chromium-stamp
BENCH_STAMP := .venv/.bench-stamp
HOST ?= 127.0.0.1
PORT ?= 8787
PYTEST_ARGS ?=
QUICK ?=
# Redocly must not phone home (CI has no network beyond package registries).
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true

.PHONY: help setup lint generate check-generated serve demo test bench build publish rehearse-release \
        docs fuzz crash-test contract-live drift parity clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

# ---- environment -------------------------------------------------------------------------
setup: $(VENV_STAMP) $(NPM_STAMP) ## create .venv and node_modules (idempotent, fast when unchanged)

# The first run installs ~150 packages (about a minute): a line per ten packages shows it moving
# (pip's errors still reach the terminal; its full output would be ~300 lines).
PIP_PROGRESS := awk '/^(Collecting|Processing) / { if (++n % 10 == 1) { printf "  collecting: %d packages so far (%s)\n", n, $$2; fflush() } } \
  /^Installing collected/ { printf "  installing %d packages ...\n", n; fflush() } \
  /^Successfully installed/ { printf "  installed %d packages\n", NF - 2 }'
$(VENV_STAMP): pyproject.toml $(wildcard generated/pyproject.toml)
	@echo "setup: installing the Python development environment into .venv (~150 packages, about a minute the first time; skipped while pyproject.toml is unchanged)"
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	set -o pipefail; $(PY) -m pip install --disable-pip-version-check -e '.[dev]' | $(PIP_PROGRESS)
	if [ -f generated/pyproject.toml ]; then $(PY) -m pip install -q --disable-pip-version-check -e generated/; fi
	@echo "setup: .venv is ready"
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(BROWSER_STAMP):
	bash scripts/ensure_chromium.sh
	mkdir -p build && touch $@

# ---- spec ---------------------------------------------------------------------------------
lint: setup ## validate the spec (openapi-spec-validator + Redocly), lint Python, mypy --strict over the emulator and clientlib/
	$(PY) -m openapi_spec_validator spec/turbopuffer.yaml
	npx --no-install redocly lint --config spec/redocly.yaml spec/turbopuffer.yaml
	$(PY) -m ruff check emulator scripts tests benchmarks examples clientlib
	$(PY) -m ruff format --check emulator scripts tests benchmarks examples clientlib
	$(PY) -m mypy --strict emulator/tpuf_emulator
	# the hand-written client modules, at their source (the *.pyi stubs stand in for spec-rendered modules)
	cd clientlib && ../$(PY) -m mypy --strict --explicit-package-bases --namespace-packages turbopuffer_openapi_client
	npx --no-install tsc -p generated-ts/tsconfig.json --noEmit
	npx --no-install tsc -p tests/ts/tsconfig.json --noEmit

docs: setup ## render the API reference to build/docs/index.html
	mkdir -p build/docs
	npx --no-install redocly build-docs spec/turbopuffer.yaml --config spec/redocly.yaml --inlineBundle -o build/docs/index.html

drift: ## what the newest `turbopuffer` client on PyPI knows that spec/ lacks (exit 1 if behind)
	python3 scripts/drift.py --venv build/drift-venv

# ---- client -------------------------------------------------------------------------------
generate: setup ## regenerate generated/ (Python: spec/ + templates/ + clientlib/) and generated-ts/ (TypeScript)
	$(PY) scripts/generate.py --out generated
	$(PY) scripts/generate_ts.py --out generated-ts

check-generated: setup ## fail if generated/ differs from what the spec produces
	$(PY) scripts/generate.py --check generated
	$(PY) scripts/generate_ts.py --check generated-ts

build: setup ## sdists + wheels of the emulator and the client: changelogs, twine check, each wheel smoke-tested in a fresh venv
	$(PY) scripts/release.py build
	bash scripts/pack_ts.sh

rehearse-release: build ## upload both to a local package index, install them from it into a fresh venv, run examples/user-project
	$(PY) scripts/release.py rehearse

publish: build ## upload both to PyPI (needs TWINE_USERNAME=__token__ TWINE_PASSWORD=<PyPI token>; never run by CI)
	$(PY) -m twine upload dist/emulator/* dist/client/*

# ---- emulator -----------------------------------------------------------------------------
serve: setup ## run the emulator on $(HOST):$(PORT) (DATA_DIR=... for durable storage)
	.venv/bin/tpuf-emulator --host $(HOST) --port $(PORT) $(if $(DATA_DIR),--data-dir $(DATA_DIR))

demo: setup ## start the emulator, run the generated client against it, show results
	$(PY) scripts/demo.py

# ---- tests --------------------------------------------------------------------------------
test: setup lint check-generated docs $(BROWSER_STAMP) rehearse-release ## everything CI runs
	mkdir -p build/reports
	$(PY) -m pytest tests --junitxml=build/reports/junit.xml $(PYTEST_ARGS)

parity: setup ## run the tests marked @pytest.mark.parity and regenerate docs/parity.md from them
	$(PY) -m pytest tests -m parity -p tests.parity.plugin --parity-out docs/parity.md -q

fuzz: setup ## the contract and parser suites with large budgets and random seeds
	TPUF_FUZZ=1 $(PY) -m pytest tests/contract tests/reliability -x $(PYTEST_ARGS)

crash-test: setup ## SIGKILL the emulator at random moments, check every acknowledged write
	$(PY) scripts/crash_test.py --cycles 50

contract-live: setup ## the positive contract suite against the hosted service (needs TURBOPUFFER_API_KEY)
	$(PY) scripts/contract_live.py

# The benchmark-only group (peers, embedding model, CPU torch); the corpus's Debian docs packages are
# installed by the benchmark itself (benchmarks/realtext/corpus.py) when missing.
$(BENCH_STAMP): $(VENV_STAMP) pyproject.toml
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev,bench]'
	touch $@

bench: setup $(BENCH_STAMP) ## benchmarks -> benchmarks/results/*.json + BENCHMARKS.md (QUICK=1 for minutes)
	HF_HUB_OFFLINE=1 $(PY) -m benchmarks $(if $(QUICK),--quick)

clean: ## remove build outputs (keeps .venv and node_modules)
	rm -rf build dist
