# Two commands do everything on a fresh machine (Python 3.11 with pip and venv, Pango):
#   make briefing   build the briefing from seeds/ with config.yaml into output/
#   make test       run the whole test suite
# Both create .venv when missing and (re)install the project when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: briefing test check bench clean-venv pages readme eval-dates eval-quotes

briefing: $(STAMP)
	$(BIN)/briefing build --config config.yaml

test: $(STAMP)
	$(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/briefing check --config config.yaml

bench: $(STAMP)
	$(BIN)/python -m tests.bench

# Regenerate the configuration reference in README.md from the schema.
readme: $(STAMP)
	$(BIN)/briefing config-reference --update README.md

# Look at the PDF as a reader would (needs Debian's poppler-utils).
pages: briefing
	rm -rf pages && mkdir -p pages && pdftoppm -png -r 60 output/briefing.pdf pages/p

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

clean-venv:
	rm -rf $(VENV)

# Dating accuracy on real articles with known dates (needs ../shared/corpora).
eval-dates: $(STAMP)
	$(BIN)/python -m tests.eval_dates

# Quotation detection and speaker attribution against the annotated set.
eval-quotes: $(STAMP)
	$(BIN)/python -m tests.eval_quotes
