# One way to run each thing. The quick start is `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The Telegram Bot API emulator of the end-to-end tests (Node.js), installed into the repo.
EMULATOR       := tests/emulator
EMULATOR_STAMP := $(EMULATOR)/node_modules/.installed

.PHONY: setup emulator run test check lint bench load cluster-up cluster-down bench-cluster clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "gongkai needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

# npm ci from the committed lockfile; once installed, nothing is fetched again.
$(EMULATOR_STAMP): $(EMULATOR)/package.json $(EMULATOR)/package-lock.json
	@command -v npm >/dev/null || { echo "the tests need Node.js and npm (Telegram emulator)" >&2; exit 1; }
	cd $(EMULATOR) && npm ci --no-audit --no-fund --prefer-offline
	@touch $@

emulator: $(EMULATOR_STAMP)

run: $(STAMP)
	$(BIN)/gongkai run

test: $(STAMP) $(EMULATOR_STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/gongkai check corpus

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# make bench BENCH_ARGS=--quick   (or --sizes 1000,10000)
bench: $(STAMP)
	$(BIN)/python -m index.bench $(BENCH_ARGS)

# The real bot (gongkai serve) on the Bot API emulator, 200 users × 10 questions, on 127.0.0.1;
# prints answered, lost, throughput and p50/p95.   make load LOAD_ARGS="--users 20 --messages 5"
load: $(STAMP) $(EMULATOR_STAMP)
	$(BIN)/python -m tests.load $(LOAD_ARGS)

# A 3-node OpenSearch cluster on 127.0.0.1 (Java 17 + Maven; the launcher jar is built once
# into var/opensearch). Hosts in var/cluster/hosts, node pids in var/cluster/pids.
cluster-up: $(STAMP)
	$(BIN)/python -m index.opensearch.devcluster up

cluster-down: $(STAMP)
	$(BIN)/python -m index.opensearch.devcluster down

# 10^6 synthetic records on a fresh 3-node cluster beside whoosh at 10^5 (and 10^6):
# make bench-cluster BENCH_ARGS="--records 100000 --whoosh 10000"   for a quick look
bench-cluster: $(STAMP)
	$(BIN)/python -m index.opensearch.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache $(EMULATOR)/node_modules
