# Two commands matter: `make demo` and `make test`. Both build .venv from this project's own files.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tmtool align corpora/un-letter-2023/*.txt --level sentence -o demo-output
	rm -rf demo-output/tm
	$(BIN)/tmtool tm add demo-output/alignment.json --tm demo-output/tm
	$(BIN)/tmtool lookup "puppet regime" --src en --tgt fr --tm demo-output/tm --limit 3
	$(BIN)/tmtool glossary check --glossary glossaries/un-places.tbx demo-output/alignment.json
	@echo
	@echo "Wrote demo-output/alignment.json (six languages, sentence level), demo-output/letter.tmx and a TM in"
	@echo "demo-output/tm. Review the alignment with:"
	@echo "  $(BIN)/tmtool review demo-output/alignment.json --glossary glossaries/un-places.tbx"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) demo-output .pytest_cache
