"""The lecturer's commands: ``werkplaats oefendata`` (data per student group) and
``werkplaats antwoorden`` (the answer key for a group's data).

>>> from click.testing import CliRunner
>>> CliRunner().invoke(answers_command, ["--lijn", "onbekend", "--groep", "1"]).exit_code
2
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from werkplaats.lines import LINES

__all__ = ["answers_command", "exercise_data_command", "LINE_NAMES"]

LINE_NAMES = tuple(line.name for line in LINES)


@click.command("oefendata")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="map voor de oefendata")
@click.option("--groep", type=click.IntRange(min=0), default=None, help="groepsnummer: deze groep in --out")
@click.option("--groepen", type=click.IntRange(min=1), default=None,
              help="aantal groepen: groep 1 t/m N, elk in --out/groep-N")
@click.option("--lijn", "lines", type=click.Choice(LINE_NAMES), multiple=True,
              help="alleen deze onderzoekslijn (herhaal voor meer; standaard alle drie)")
def exercise_data_command(out: Path, groep: int | None, groepen: int | None, lines: tuple[str, ...]) -> None:
    """Maak oefendata voor studentgroepen: elke groep eigen synthetische data (seed 7000 + groep)."""
    from werkplaats.errors import WerkplaatsError
    from werkplaats.opdrachten.data import exercise_data, seed_for_group

    if (groep is None) == (groepen is None):
        raise click.UsageError("geef --groep N (één groep) of --groepen N (groep 1 t/m N).")
    targets = {groep: out} if groep is not None else {g: out / f"groep-{g}" for g in range(1, (groepen or 0) + 1)}
    for number, folder in targets.items():
        for line in lines or LINE_NAMES:
            try:
                exercise_data(line, seed=seed_for_group(number), out=folder)
            except ModuleNotFoundError as exc:
                click.echo(f"overgeslagen: {line} (nog niet beschikbaar: {exc.name})", err=True)
            except WerkplaatsError as exc:
                raise click.ClickException(str(exc)) from exc
        click.echo(f"groep {number} (seed {seed_for_group(number)}): {folder}")


@click.command("antwoorden")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
              help="map met de oefendata van een groep (zoals werkplaats oefendata die maakte)")
@click.option("--groep", type=click.IntRange(min=0), default=None,
              help="groepsnummer: maak de data van deze groep opnieuw (als --data ontbreekt)")
@click.option("--lijn", "lines", multiple=True, help="alleen deze onderzoekslijn (herhaal voor meer)")
def answers_command(data_dir: Path | None, groep: int | None, lines: tuple[str, ...]) -> None:
    """Antwoordsleutel voor docenten: de antwoorden op de opdrachten, berekend op de data van een groep."""
    unknown = [line for line in lines if line not in LINE_NAMES]
    if unknown:
        click.echo(f"FOUT  onbekende onderzoekslijn {', '.join(unknown)} (kies uit {', '.join(LINE_NAMES)}).",
                   err=True)
        sys.exit(2)
    if (data_dir is None) == (groep is None):
        click.echo("FOUT  geef --data MAP (de oefendata van een groep) of --groep N.", err=True)
        sys.exit(2)
    for line in lines or LINE_NAMES:
        _print_key(line, data_dir, groep)


def _print_key(line: str, data_dir: Path | None, groep: int | None) -> None:
    from werkplaats.errors import WerkplaatsError
    from werkplaats.lines import line_named
    from werkplaats.opdrachten import answer_key
    from werkplaats.opdrachten.data import exercise_data, seed_for_group
    from werkplaats.paths import resolve

    given = resolve(data_dir) if data_dir is not None else None
    number = groep or 0  # the caller passes --groep when there is no --data
    if given is not None:
        if not all(any(given.glob(f"{name}.*")) for name in line_named(line).datasets):
            click.echo(f"\n{line}: geen data in {given}; overgeslagen.")
            return
        heading = f"{line} (data: {given})"
    else:
        heading = f"{line} (groep {number}, seed {seed_for_group(number)})"
    try:
        folder = given if given is not None else exercise_data(line, groep=number)
        key = answer_key(folder, (line,))
    except ModuleNotFoundError as exc:
        click.echo(f"\n{line}: nog niet beschikbaar ({exc.name}); overgeslagen.")
        return
    except WerkplaatsError as exc:
        raise click.ClickException(f"{line}: {exc}") from exc
    click.echo(f"\n{heading}")
    for task, answer in key:
        click.echo(f"  {task.code:<20} {task.title}\n  {'':<20} antwoord: {answer}")
