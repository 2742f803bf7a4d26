# The targets are the README's commands.
# mkdocs-material prints a banner about its end of life (May 2027) on every `mkdocs` run;
# NO_MKDOCS_2_WARNING=1 is the setting the banner itself names to switch it off. The plan for
# that date is in the README ("Versions pinned, and why").
export NO_MKDOCS_2_WARNING := 1
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve pdf bench lint format clean system-deps

site: $(STAMP)
	$(BIN)/mkdocs build --strict

# ruff (style, and no reaching into another module's privates), the layer contract
# (.importlinter: each stage imports only the ones below it; spaCy only in extract/,
# MkDocs only in plugin/), mypy on the model and the extraction and resolution stages,
# then pytest.
test: $(STAMP) system-deps
	$(BIN)/ruff check builder tests bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/pytest -q

serve: $(STAMP)
	$(BIN)/mkdocs serve

# The PDF briefing alone (mkdocs build also writes it: `pdf: true` in mkdocs.yml).
pdf: $(STAMP) system-deps
	$(BIN)/dossier pdf --corpus seeds -o site/briefing.pdf

# Corpora of 100, 500 and 1,000 synthetic articles, the 133 real articles of the
# development sets (when ../shared is there) and one article of 1 MB and of 5 MB:
# extraction against raw spaCy, cold and warm builds, pages, memory, growth
# (over 20 minutes on the machine of the README's tables, each row's time there; not part of `make test`; README "Speed").
bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check builder tests bench
	$(BIN)/ruff format --check builder tests bench
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format builder tests bench
	$(BIN)/ruff check --fix builder tests bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# Debian packages the browser and PDF tests need (root on these machines):
# Chromium for the browser tests, poppler for pdftoppm/pdftotext/pdffonts/pdfimages,
# DejaVu for the PDF's type (Typst embeds it; without it, Typst's own Libertinus).
system-deps:
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null && \
		test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || \
		{ apt-get update -q && apt-get install -y -q chromium poppler-utils fonts-dejavu-core; }

# The site, and the seeds' caches (in the user's cache folder, see README "Speed").
clean:
	rm -rf site .cache
	test ! -x $(BIN)/python || $(BIN)/python -c "import shutil; from builder.store import default_cache_dir; \
		shutil.rmtree(default_cache_dir('seeds'), ignore_errors=True)"
