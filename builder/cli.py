"""The ``dossier`` command line: export, build, dates."""

from __future__ import annotations

import functools
import inspect
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from builder.corpus import BuildDateError, read_corpus
from builder.extract.executors import EXECUTORS, ExecutorError
from builder.extract.nlp import ModelNotFound
from builder.faults import describe_error, exit_cleanly_on_sigterm, left_out_message
from builder.settings import DEFAULT_MODEL, RunSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent

corpus_option = click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("seeds"),
    show_default=True,
    help="Folder of articles (.txt, .md).",
)
model_option = click.option(
    "--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline to use."
)
curation_options = [
    click.option(
        "--no-curation", is_flag=True, help="Ignore curation.yaml: what the machine alone extracts."
    ),
    click.option(
        "--curation",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Curation file (default: curation.yaml in the corpus folder).",
    ),
]


speed_options = [
    click.option(
        "--executor",
        type=click.Choice(EXECUTORS),
        default="local",
        show_default=True,
        help="Where the per-article stage runs: this machine's cores, or a Dask cluster.",
    ),
    click.option(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local Dask cluster).",
    ),
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes (local) or local Dask workers [default: the machine's cores].",
    ),
    click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Cache of per-article results [default: the corpus's folder in ~/.cache/briefing-dossier].",
    ),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the cache: extract every article."),
]


def _folded_into_settings(options: list, fields: Callable[..., dict[str, Any]]):
    """A decorator: ``options`` on a command, their values handed to it inside one ``settings`` record.

    ``fields`` turns the options' values (by parameter name) into ``RunSettings`` fields.
    The decorators below stack: each adds its own fields to the command's one record.
    """

    def decorate(function):
        @functools.wraps(function)
        def command(*args, **kwargs):
            values = {name: kwargs.pop(name) for name in inspect.signature(fields).parameters}
            kwargs["settings"] = replace(kwargs.get("settings") or RunSettings(), **fields(**values))
            return function(*args, **kwargs)

        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _model_fields(model: str) -> dict[str, Any]:
    return {"model": model}


def _curation_fields(no_curation: bool, curation: Path | None) -> dict[str, Any]:
    return {"use_curation": not no_curation, "curation_path": curation}


def _speed_fields(
    executor: str, scheduler: str | None, jobs: int | None, cache_dir: Path | None, no_cache: bool
) -> dict[str, Any]:
    return {
        "executor": executor,
        "scheduler": scheduler,
        "jobs": jobs,
        "cache_dir": cache_dir,
        "use_cache": not no_cache,
    }


with_model = _folded_into_settings([model_option], _model_fields)
with_curation = _folded_into_settings(curation_options, _curation_fields)
with_speed = _folded_into_settings(speed_options, _speed_fields)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
def main(verbose: bool) -> None:
    """Turn a folder of news articles into a briefing dossier."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    exit_cleanly_on_sigterm()  # a terminated build stops its workers and removes its temporary files


def _build(corpus_dir: Path, settings: RunSettings):
    from builder.pipeline import build_dossier
    from builder.resolve.curation import CurationError

    if not corpus_dir.is_dir():
        raise click.ClickException(f"corpus folder not found: {corpus_dir}")
    try:
        return build_dossier(corpus_dir, settings, progress=sys.stderr.isatty())
    except (ModelNotFound, CurationError, ExecutorError, BuildDateError) as error:
        raise click.ClickException(str(error)) from error
    except OSError as error:  # an unreadable folder or curation file: name it
        raise click.ClickException(f"{error.filename or corpus_dir}: {error.strerror or error}") from error


def _fail_if_strict(strict: bool, failed: list[str] | tuple[str, ...]) -> None:
    """With ``--strict``, articles the builder left out fail the command at the end, by name."""
    if strict and failed:
        raise click.ClickException(left_out_message(failed))


strict_option = click.option(
    "--strict",
    is_flag=True,
    help="Fail at the end if an article could not be processed (it is left out either way).",
)


def _formats_help() -> str:
    """The export formats and their files, for ``dossier --help`` and ``dossier export --help``."""
    from builder.publish.export import EXPORT_FORMATS

    heading = "Export formats (dossier export --format NAME, or all; the site carries every one):"
    rows = [
        f"  {fmt.name:<9} " + "; ".join(f"{file.name}: {file.description}" for file in fmt.files)
        for fmt in EXPORT_FORMATS
    ]
    return "\b\n" + "\n".join([heading, *rows])  # \b: click keeps the lines as they are


main.epilog = _formats_help()


@main.command(epilog=_formats_help())
@corpus_option
@with_model
@with_curation
@with_speed
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    default=("json",),
    show_default=True,
    metavar="NAME",
    help="What to write (repeat for several, or `all`); the formats are listed below.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The file to write, for a format of one file [default: its own name, in --output-dir].",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where the files go under their own names.",
)
@click.option("--title", default="Briefing dossier", show_default=True, help="Title of the timeline.")
@strict_option
def export(
    corpus_dir: Path,
    formats: tuple[str, ...],
    output: Path | None,
    output_dir: Path,
    title: str,
    strict: bool,
    settings: RunSettings,
) -> None:
    """Write the machine-readable dossier (dossier.json, or the formats asked for) for a corpus folder."""
    from builder.pipeline import failed_files
    from builder.publish.export import EXPORT_FORMATS, export_format, write_atomically

    try:
        chosen = list(EXPORT_FORMATS) if "all" in formats else [export_format(name) for name in formats]
    except KeyError as error:
        raise click.BadParameter(error.args[0], param_hint="--format") from error
    files = list({file.name: file for fmt in chosen for file in fmt.files}.values())
    if output is not None and len(files) != 1:
        raise click.BadParameter(
            f"{len(files)} files to write ({', '.join(f.name for f in files)}): use --output-dir",
            param_hint="--output",
        )
    dossier = _build(corpus_dir, settings)
    for file in files:
        path = output if output is not None else output_dir / file.name
        try:
            write_atomically(path, file.render(dossier, title))
        except OSError as error:
            raise click.ClickException(f"cannot write {path}: {error.strerror or error}") from error
        click.echo(f"wrote {path}", err=True)
    click.echo(
        f"{len(dossier.documents)} articles, {len(dossier.actors)} actors, "
        f"{len(dossier.events)} events, {len(dossier.figures)} figures"
        + (f", {len(dossier.skipped)} files reported" if dossier.skipped else ""),
        err=True,
    )
    _fail_if_strict(strict, failed_files(dossier))


@main.command()
@corpus_option
@model_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def dates(corpus_dir: Path, model: str, as_json: bool) -> None:
    """List every time expression with its normalised value (offsets after the dateline)."""
    from builder.extract.nlp import load_pipeline, parse_documents
    from builder.extract.times import tag_times

    if not corpus_dir.is_dir():
        raise click.ClickException(f"corpus folder not found: {corpus_dir}")
    try:
        nlp = load_pipeline(model)
    except ModelNotFound as error:
        raise click.ClickException(str(error)) from error
    # The parse decides the tense of a clause ("will meet on Friday" points ahead).
    for document, doc in parse_documents(nlp, read_corpus(corpus_dir).documents):
        try:
            times = tag_times(document, doc)
        except Exception as error:  # noqa: BLE001 - one article never stops the listing
            click.echo(f"{document.path}: left out: {describe_error(error)}", err=True)
            continue
        for time in times:
            record = {
                "doc": document.id,
                "start": time.span.start,
                "end": time.span.end,
                "text": time.span.text,
                "value": time.value,
                "type": time.kind,
                "anchor": document.date,
                "anchor_source": document.date_source,
            }
            if as_json:
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                click.echo(
                    f"{document.id}\t{time.span.start}-{time.span.end}\t{time.value}\t{time.span.text}"
                )


@main.command()
@corpus_option
@with_model
@with_curation
@click.option(
    "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail on warnings, like mkdocs build --strict (an article left out is one; the site is built).",
)
@with_speed
def build(corpus_dir: Path, site_dir: Path, strict: bool, settings: RunSettings) -> None:
    """Build the dossier site for any corpus folder (runs mkdocs build)."""
    from builder.plugin.build import SiteBuildError, build_site

    if not corpus_dir.is_dir():
        raise click.ClickException(f"corpus folder not found: {corpus_dir}")
    try:
        built = build_site(PROJECT_ROOT / "mkdocs.yml", site_dir, corpus_dir, settings, strict=strict)
    except SiteBuildError as error:
        raise click.ClickException(str(error)) from error
    if built.up_to_date:
        click.echo(f"{site_dir} is up to date: nothing changed since its last build", err=True)
    else:
        click.echo(f"built {site_dir}", err=True)


@main.command()
@corpus_option
@with_model
@with_curation
@with_speed
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("site/briefing.pdf"),
    show_default=True,
)
@click.option("--title", default="Briefing dossier", show_default=True, help="Title on the cover.")
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=PROJECT_ROOT / "templates",
    help="Templates folder (holds print/).",
)
def pdf(corpus_dir: Path, output: Path, title: str, templates_dir: Path, settings: RunSettings) -> None:
    """Write the PDF briefing for a corpus folder (typeset offline with Typst)."""
    from jinja2 import TemplateError

    from builder.publish.briefing import write_briefing
    from builder.publish.typeset import TypesetError

    dossier = _build(corpus_dir, settings)
    try:
        write_briefing(dossier, templates_dir, output, title=title)
    except (TemplateError, OSError, TypesetError) as error:
        raise click.ClickException(f"PDF briefing: {error}") from error
    click.echo(f"wrote {output}", err=True)
