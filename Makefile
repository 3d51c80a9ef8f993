# Two commands matter: `make demo` and `make test`. Both build .venv from this project's own files.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench freedict clean

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

# Optional: FreeDict's German-French dictionaries (CC BY-SA 3.0, from Debian's packages; nothing is installed on
# the system), for `tmtool align --dictionary` and `python -m benchmarks.align --dictionary` (docs/alignment.md).
FREEDICT := .cache/freedict
freedict: $(FREEDICT)/freedict-deu-fra.index $(FREEDICT)/freedict-fra-deu.index

$(FREEDICT)/freedict-%.index:
	mkdir -p $(FREEDICT)/tmp
	cd $(FREEDICT)/tmp && apt-get download dict-freedict-$*
	dpkg-deb -x $(FREEDICT)/tmp/dict-freedict-$*_*.deb $(FREEDICT)/tmp/x
	cp $(FREEDICT)/tmp/x/usr/share/dictd/freedict-$*.dict.dz $(FREEDICT)/
	cp $(FREEDICT)/tmp/x/usr/share/doc/dict-freedict-$*/copyright $(FREEDICT)/freedict-$*.copyright
	cp $(FREEDICT)/tmp/x/usr/share/dictd/freedict-$*.index $(FREEDICT)/
	rm -rf $(FREEDICT)/tmp

clean:
	rm -rf $(VENV) demo-output .pytest_cache .cache
