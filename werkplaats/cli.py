"""The ``werkplaats`` command: validate data, make synthetic data, run reports.

Run ``werkplaats --help``; every sub-command answers in Dutch.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from werkplaats.errors import WerkplaatsError

__all__ = ["audit", "main", "sleutel", "synth", "validate"]


class _DutchFaults(click.Group):
    """The last safety net: a file-system fault no command handled itself (a folder that cannot
    be read or written, a full disk) is one Dutch line and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OSError as exc:
            from werkplaats.errors import write_fault

            where = exc.filename or "de opgegeven map"
            click.echo(f"FOUT  {write_fault(exc, where, 'de bestanden', verb='lezen of schrijven', keeps='')}",
                       err=True)
            sys.exit(1)


@click.group(cls=_DutchFaults, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="werkplaats")
def main() -> None:
    """Onderzoekswerkbank van de Wmo-werkplaats."""


@main.command()
@click.argument("pad", type=click.Path(path_type=Path))
@click.option("--analyse", "analyses", multiple=True, metavar="NAAM",
              help="controleer alleen de datasets van deze analyse (herhaal voor meer; standaard: alle)")
def validate(pad: Path, analyses: tuple[str, ...]) -> None:
    """Controleer een ruw databestand, of een map met ruwe data zoals de notebooks hem lezen
    (exit 0 = goed, 1 = fout; één regel per probleem)."""
    from werkplaats.validate import check_folder, load_file

    if pad.is_dir():
        try:
            lines = check_folder(pad, analyses or None)
        except WerkplaatsError as exc:
            click.echo(f"FOUT  {exc}", err=True)
            sys.exit(1)
        for status, message in lines:
            click.echo(f"{status:<5} {message}", err=status == "FOUT")
        sys.exit(1 if any(status == "FOUT" for status, _ in lines) else 0)
    try:
        loaded = load_file(pad)
    except WerkplaatsError as exc:
        click.echo(f"FOUT  {exc}", err=True)
        sys.exit(1)
    except KeyError as exc:  # no codebook for this file name
        click.echo(f"FOUT  {pad.name}: {exc.args[0] if exc.args else exc}", err=True)
        sys.exit(1)
    click.echo(f"OK    {loaded.summary()}")
    sys.exit(0)


@main.command()
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="map voor de bestanden")
@click.option("--seed", type=int, default=2026, show_default=True, help="startgetal: zelfde seed = zelfde data")
def synth(out: Path, seed: int) -> None:
    """Maak synthetische data met ingeplante effecten (alle drie de onderzoekslijnen)."""
    from werkplaats.synth import write_all

    for path in write_all(out, seed=seed):
        click.echo(f"geschreven: {path}")


@main.command()
@click.option("--bestand", type=click.Path(path_type=Path), default=None,
              help="waar de sleutel komt (standaard ~/.config/werkplaats/sleutel)")
def sleutel(bestand: Path | None) -> None:
    """Maak een geheime sleutel voor pseudoniemen (HMAC-SHA256), buiten de repository."""
    from werkplaats.privacy import create_key_file

    try:
        path = create_key_file(bestand)
    except WerkplaatsError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"sleutel geschreven naar {path} (alleen leesbaar voor u). Maak er een veilige reservekopie van.")


# Report runs (werkplaats.runner): run one notebook, list its parameters, run a plan.
from werkplaats.runner.commands import params_command, plan_command, run_command  # noqa: E402


@main.command()
@click.argument("map_", metavar="RAPPORTENMAP", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--min-cel", type=click.IntRange(min=1), default=None,
              help="drempel (standaard: de min_cel waarmee elk rapport gemaakt is)")
def audit(map_: Path, min_cel: int | None) -> None:
    """Probeer afgeschermde cijfers terug te rekenen uit alle rapporten in een map, zoals een
    aanvaller zou doen (exit 0 = niets terug te rekenen, 1 = wel; één regel per cijfer)."""
    from werkplaats.audit import audit_folder, report_files

    try:
        found = audit_folder(map_, min_cel=min_cel)
    except (WerkplaatsError, OSError, ValueError) as exc:
        click.echo(f"FOUT  {map_}: de rapporten zijn niet te lezen ({exc})", err=True)
        sys.exit(1)
    reports = len(report_files(map_))
    for finding in found:
        click.echo(f"LEK   {finding}")
    if found:
        click.echo(f"{len(found)} cijfer(s) onder de drempel terug te rekenen uit {reports} rapport(en).")
        sys.exit(1)
    click.echo(f"OK    {reports} rapport(en): geen enkel afgeschermd cijfer terug te rekenen.")


main.add_command(run_command)
main.add_command(params_command)
main.add_command(plan_command)


# Exercises for students (werkplaats.opdrachten): data per student group and the answer key.
from werkplaats.opdrachten.commands import answers_command, exercise_data_command  # noqa: E402

main.add_command(exercise_data_command)
main.add_command(answers_command)


if __name__ == "__main__":  # pragma: no cover
    main()
