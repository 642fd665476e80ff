"""Dutch readings of the protected debt tables: numbers with a decimal comma, the right
verdicts (values as R finds them), and a plain sentence instead of a blanked number."""

from __future__ import annotations

import pandas as pd
import pytest

from werkplaats.lines import load_line
from werkplaats.vroegsignalering import analysis
from werkplaats.vroegsignalering import text as tekst
from werkplaats.vroegsignalering.preparation import prepare


@pytest.fixture(scope="module")
def published(reference_dir):
    prepared = prepare(load_line("vroegsignalering", reference_dir), peildatum="2026-06-30")
    return analysis.tables(analysis.analyse(prepared))


@pytest.fixture(scope="module")
def nothing(reference_dir):
    prepared = prepare(load_line("vroegsignalering", reference_dir), peildatum="2026-06-30")
    return analysis.tables(analysis.analyse(prepared, min_cel=100_000))


def test_funnel_sentence(published):
    text = tekst.funnel_sentence(published["trechter_gemeente"].iloc[-1])
    assert "6000 signalen" in text and "3506 huishoudens" in text and "33,8%" in text  # R: 1827 / 5398
    assert "niets te publiceren" in tekst.funnel_sentence({"huishoudens": pd.NA})


def test_model_sentences_read_the_intervals(published):
    cox = tekst.cox_sentence(published["cox"])
    assert "woningcorporaties: 1,36" in cox and "kans op snel contact groter" in cox  # R: exp(0.3094)
    assert "drinkwaterbedrijven: 0,80" in cox and "kleiner" in cox  # R: exp(-0.2201)
    accept = tekst.accept_sentence(published["accepteren"])
    assert accept.index("energieleveranciers") < accept.index("drinkwaterbedrijven")
    assert "geen aantoonbaar verschil" in accept
    training = tekst.training_sentence(published["training"])
    assert training.startswith("Na de training leidden contactpogingen vaker")
    assert "1,72" in training and "5398 signalen" in training  # R: exp(0.5405), n 5398
    assert "procentpunt hoger" in tekst.its_sentence(published["tijdreeks_model"])


def test_blanked_figures_are_not_read_out(published, nothing):
    cox = published["cox"].copy()
    cox.loc[cox["term"] == "drinkwaterbedrijf", "hazard_ratio"] = float("nan")
    assert "drinkwaterbedrijven" not in tekst.cox_sentence(cox)
    assert "niet te schatten" in tekst.cox_sentence(nothing["cox"])
    assert "niet te schatten" in tekst.accept_sentence(nothing["accepteren"])
    assert "niet te schatten" in tekst.training_sentence(nothing["training"])
    assert "niet te schatten" in tekst.its_sentence(nothing["tijdreeks_model"])
    assert "niets te publiceren" in tekst.contact_sentence(nothing["tijd_tot_contact"])
    assert "niets te publiceren" in tekst.funnel_sentence(nothing["trechter_gemeente"].iloc[-1])


def test_contact_sentence(published):
    text = tekst.contact_sentence(published["tijd_tot_contact"], day=30)
    assert "zorgverzekeraars 24,3%" in text and "woningcorporaties leiden het vaakst" in text  # R KM


def test_training_sentence_with_calendar_correction(published):
    text = tekst.training_sentence(published["training"], calendar=True)
    assert "in hetzelfde kwartaal" in text and "1,73" in text
