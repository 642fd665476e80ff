"""Dutch readings of the debt results: numbers with a decimal comma, the right verdicts,
and a plain sentence instead of a number when something is suppressed."""

from __future__ import annotations

import doctest

import pytest

from werkplaats.validate import load_dataset
from werkplaats.vroegsignalering import analysis as debt
from werkplaats.vroegsignalering import text as debt_text


@pytest.fixture(scope="module")
def results(reference_dir):
    signals = debt.prepare(load_dataset("vroegsignalering_signalen", reference_dir), peildatum="2026-06-30",
                           write=False)
    return debt.analyse(signals)


def test_doctests():
    assert doctest.testmod(debt_text).failed == 0


def test_funnel_sentence(results):
    text = debt_text.funnel_sentence(results.funnel_gemeente.iloc[-1])
    assert "6000 signalen" in text and "3506 huishoudens" in text and "33,8%" in text
    assert "niets te publiceren" in debt_text.funnel_sentence({"suppressed": True})


def test_model_sentences_read_the_intervals(results):
    cox = debt_text.cox_sentence(results.cox)
    assert "woningcorporaties: 1,36" in cox and "kans op snel contact groter" in cox
    assert "drinkwaterbedrijven: 0,80" in cox and "kleiner" in cox
    accept = debt_text.accept_sentence(results.accept)
    assert accept.index("energieleveranciers") < accept.index("drinkwaterbedrijven")
    assert "geen aantoonbaar verschil" in accept
    training = debt_text.training_sentence(results.training)
    assert training.startswith("Na de training leidden contactpogingen vaker")
    assert "1,72" in debt_text.training_sentence(results.training)
    assert "procentpunt hoger" in debt_text.its_sentence(results.its_fit)


def test_hidden_terms_and_missing_models_are_not_read_out(results):
    assert "drinkwaterbedrijven" not in debt_text.cox_sentence(results.cox, hidden={"drinkwaterbedrijf"})
    for sentence in (debt_text.cox_sentence, debt_text.accept_sentence, debt_text.training_sentence,
                     debt_text.its_sentence):
        assert "niet te schatten" in sentence(None)


def test_contact_sentence(results):
    text = debt_text.contact_sentence(results.contact_table, day=30)
    assert "zorgverzekeraars 24,3%" in text and "woningcorporaties leiden het vaakst" in text


def test_training_sentence_with_calendar_correction(results):
    text = debt_text.training_sentence(results.training_calendar, calendar=True)
    assert "in hetzelfde kwartaal" in text and "1,73" in text
