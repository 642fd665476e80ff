# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Vroegsignalering schulden: van signaal tot hulp
#
# Gemeenten krijgen signalen over betalingsachterstanden van zorgverzekeraars,
# energieleveranciers, woningcorporaties en drinkwaterbedrijven. Outreachteams (sommige
# getraind in vroegsignalering) zoeken daarna contact met het huishouden. Dit rapport
# beantwoordt vijf vragen:
#
# 1. Hoeveel signalen en huishoudens zijn er?
# 2. Hoe ver komen ze in de trechter: signaal → melding → contactpoging → bereikt → hulp geaccepteerd?
# 3. Hoe snel worden huishoudens bereikt?
# 4. Welke signalen leiden tot geaccepteerde hulp?
# 5. Bereikten de teams na de training meer huishoudens, en sneller?
#
# Over groepen met minder dan `min_cel` huishoudens wordt niets gepubliceerd (weergegeven
# als –, en weggelaten uit de figuren).

# %% tags=["parameters"]
data_dir = "data/raw"  # map met de ruwe data (het bestand vroegsignalering_signalen)
gemeente = "alle"  # gemeente waar het rapport over gaat, of "alle" voor de hele regio
peildatum = ""  # datum van de gegevenslevering (jjjj-mm-dd), leeg: de laatste datum in de data
min_cel = 10  # kleinste groep (aantal huishoudens) waarover cijfers gepubliceerd mogen worden
output_dir = ""  # map voor results.json en figuren; leeg: reports/vroegsignalering/<gemeente>

# %%
from IPython.display import Markdown, display

from werkplaats.vroegsignalering import analysis as debt
from werkplaats.vroegsignalering import models as modellen
from werkplaats.vroegsignalering import figures as figuren
from werkplaats.vroegsignalering import text as tekst
from werkplaats.paths import output_dir_for, resolve
from werkplaats.plots import save_figure
from werkplaats.privacy import publishable_count
from werkplaats.results import write_results
from werkplaats.formatting import show_table
from werkplaats.validate import load_dataset

out = output_dir_for(output_dir, debt.ANALYSIS, gemeente)

# %% [markdown]
# ## De gegevens
#
# Het bestand wordt gecontroleerd tegen het codeboek: bekende bronnen, een achterstand
# boven 0 euro, en datums in de goede volgorde (signaal ≤ contactpoging ≤ contact).
# Direct identificerende kolommen worden bij het inlezen verwijderd; de bewerkte data gaan
# zonder signaalnummer en zonder huishoudcode naar `data/processed`.
#
# We kijken naar de signalen zoals ze bekend waren op de **peildatum**: latere signalen
# tellen niet mee, en een contact na de peildatum heeft nog niet plaatsgevonden.

# %%
loaded = load_dataset(debt.DATASET, resolve(data_dir))
print(loaded.summary())
signals = debt.prepare(loaded, peildatum=peildatum)  # schrijft data/processed/vroegsignalering_signalen.parquet
print(f"Peildatum: {signals.attrs['peildatum']}")
show_table(debt.data_check(loaded, signals, min_cel=min_cel), rename={"onderdeel": "", "waarde": "aantal"})

# %% [markdown]
# **Meldingen.** Signalen van één huishouden in dezelfde kalendermaand vormen samen één
# melding (zoals in de landelijke monitor). Een melding binnen zes maanden na de vorige
# melding van hetzelfde huishouden heet een **herhaalmelding**.

# %%
results = debt.analyse(signals, gemeente=gemeente, min_cel=min_cel)
where = "alle gemeenten samen" if results.gemeente == "alle" else results.gemeente
print(f"Dit rapport gaat over: {where} ({publishable_count(results.n_signals, min_cel)} signalen).")

# %% [markdown]
# ## De trechter: van signaal tot hulp
#
# Hoeveel signalen komen er binnen, bij hoeveel is contact gezocht, hoeveel huishoudens
# zijn bereikt en hoeveel accepteerden hulp? Elk percentage is het deel van de stap
# ervoor. De 95%-betrouwbaarheidsintervallen (Wilson) staan in `results.json`.

# %%
total = results.funnel_bron.iloc[-1]
display(Markdown(tekst.funnel_sentence(total, where)))
fig = figuren.funnel_figure(results.funnel_bron, min_cel=min_cel, title=f"Van signaal tot hulp ({where})")
_ = save_figure(fig, out, "trechter")

# %% [markdown]
# De trechter per gemeente (alle gemeenten, ter vergelijking) en per bron:

# %%
percent = [c for c in results.funnel_gemeente.columns if c.startswith("aandeel")]
counts = {c: 0 for c in debt.COUNTS}
labels = {"aandeel_contactpoging": "contactpoging (% signalen)", "aandeel_bereikt": "bereikt (% pogingen)",
          "aandeel_geaccepteerd": "geaccepteerd (% bereikt)"}
short = [c for c in percent if not c.endswith(("_low", "_high"))]
show_table(results.funnel_gemeente[["gemeente", *debt.COUNTS, *short]], percent=short, numbers=counts,
           rename=labels)

# %%
show_table(results.funnel_bron[["bron", *debt.COUNTS, *short]], percent=short, numbers=counts, rename=labels)

# %% [markdown]
# ## Signalen per maand
#
# Het aantal signalen per maand en per bron. De laatste maand kan onvolledig zijn (tot de
# peildatum).

# %%
fig = figuren.signals_per_month_figure(results.per_month, min_cel=min_cel)
_ = save_figure(fig, out, "signalen_per_maand")

# %% [markdown]
# ## Hoe snel worden huishoudens bereikt?
#
# De lijnen tonen welk deel van de signalen na zoveel dagen tot contact heeft geleid
# (Kaplan–Meier). Signalen die nog niet bereikt zijn, tellen mee tot de peildatum; zo
# tellen recente signalen eerlijk mee. De band is het 95%-interval. Een lijn stopt waar
# minder dan `min_cel` signalen nog gevolgd worden.

# %%
fig = figuren.time_to_contact_figure(results.curves, results.contact_table, min_cel=min_cel)
_ = save_figure(fig, out, "tijd_tot_contact")

# %%
days = [c for c in results.contact_table.columns if c.startswith("day_") and c.count("_") == 1]
show_table(results.contact_table[["bron", "signalen", "huishoudens", *days]], percent=days,
           numbers={"signalen": 0, "huishoudens": 0},
           rename={d: f"bereikt binnen {d[4:]} dagen" for d in days})

# %%
display(Markdown(tekst.contact_sentence(results.contact_table)))

# %% [markdown]
# Het Cox-model vergelijkt de snelheid van contact tussen de bronnen, bij een gelijke
# hoogte van de achterstand. Een hazard ratio boven 1 betekent: sneller contact dan na
# een signaal van een zorgverzekeraar.

# %%
show_table(modellen.ratio_table(results.cox, results.small_terms["cox"], ratio="hazard_ratio")
           .drop(columns="suppressed"),
           numbers={"estimate": 3, "se": 3, "hazard_ratio": 2, "ci_low": 2, "ci_high": 2},
           rename={"term": "", "estimate": "coëfficiënt", "se": "standaardfout", "ci_low": "95%-interval van",
                   "ci_high": "tot", "hazard_ratio": "hazard ratio"})

# %%
display(Markdown(tekst.cox_sentence(results.cox, results.small_terms["cox"])))

# %% [markdown]
# ## Welke signalen leiden tot geaccepteerde hulp?
#
# Onder de bereikte huishoudens met een bekende uitkomst: hoe groot is de kans dat ze hulp
# accepteren, naar bron en hoogte van de achterstand (logistische regressie)? Een odds
# ratio boven 1 betekent: vaker hulp geaccepteerd dan na een signaal van een
# zorgverzekeraar. Bij `log_achterstand` gaat het om een achterstand die 2,7 keer zo hoog is.

# %%
show_table(modellen.ratio_table(results.accept, results.small_terms["logit_accept"]).drop(columns="suppressed"),
           numbers={"estimate": 3, "se": 3, "odds_ratio": 2, "ci_low": 2, "ci_high": 2},
           rename={"term": "", "estimate": "coëfficiënt", "se": "standaardfout", "ci_low": "95%-interval van",
                   "ci_high": "tot", "odds_ratio": "odds ratio"})

# %%
display(Markdown(tekst.accept_sentence(results.accept, results.small_terms["logit_accept"])))

# %% [markdown]
# ## Heeft de training geholpen?
#
# Twee manieren om te kijken:
#
# - **Binnen elk team, vóór en na de training.** Onder de signalen met een contactpoging
#   vergelijken we de kans op contact vóór en na de trainingsdatum van het eigen team
#   (logistische regressie met een vast effect per team). Verbeterden alle teams in
#   dezelfde periode, dan lijkt dat ook een trainingseffect; daarom schatten we het
#   effect ook met een correctie per kwartaal, waarbij de (nog) niet getrainde teams laten
#   zien wat er zonder training gebeurde.
# - **De tijdreeks rond de training.** Per maand het deel van de signalen dat binnen 60
#   dagen bereikt werd, met de maanden geteld vanaf de training van het team. Sprong het
#   bereik omhoog na de training, en veranderde de trend? De trainingsmaand zelf laten we
#   weg.

# %%
display(Markdown(tekst.training_sentence(results.training)))
display(Markdown(tekst.training_sentence(results.training_calendar, calendar=True)))

# %%
fig = figuren.its_figure(modellen.its_by_month(results.its_monthly, min_cel=min_cel), results.its_fit,
                         min_cel=min_cel)
_ = save_figure(fig, out, "tijdreeks_training")

# %%
display(Markdown(tekst.its_sentence(results.its_fit)))

# %% [markdown]
# ## Beperkingen
#
# - **De training is niet door loting toegewezen.** Teams kozen zelf wanneer ze de
#   training volgden; een team dat net een nieuwe werkwijze of extra mensen kreeg, kan
#   tegelijk getraind zijn. Ook andere veranderingen rond die tijd (seizoen, landelijke
#   campagnes) kunnen het verschil verklaren. De vergelijking binnen hetzelfde team en met
#   nooit getrainde teams maakt dat kleiner, maar sluit het niet uit.
# - **Recente signalen hebben minder tijd gehad.** Signalen vlak voor de peildatum zijn
#   vaak nog niet bereikt. Kaplan–Meier en het Cox-model houden daar rekening mee; de
#   trechter en de logistische modellen niet: die tellen alleen wat op de peildatum bekend
#   is. Omdat getrainde teams vooral recente signalen hebben, onderschat dat het effect
#   van de training eerder dan dat het overschat.
# - **Signalen, geen huishoudens.** Eén huishouden kan meerdere signalen hebben; de
#   modellen tellen signalen en behandelen ze als onafhankelijk, waardoor de intervallen
#   iets te smal kunnen zijn.
# - **Uitkomst alleen bij bereikte huishoudens.** Of hulp geaccepteerd wordt, weten we
#   alleen van wie bereikt is; wie niet bereikt wordt, kan juist meer of minder hulp nodig
#   hebben.
# - **Drempelbedragen.** Veel gemeenten gaan pas bij een minimumbedrag op een signaal af
#   (landelijk mediaan 75 euro); verschillen tussen gemeenten kunnen daar ook vandaan komen.

# %% [markdown]
# ## Resultaten opslaan
#
# De kerncijfers gaan naar `results.json` (met de parameters en de vingerafdruk van het
# invoerbestand), de figuren naar de map `figuren` ernaast.

# %%
figures = {**debt.key_figures(results), **debt.result_tables(results)}
parameters = {"data_dir": data_dir, "gemeente": gemeente, "peildatum": peildatum, "min_cel": min_cel,
              "output_dir": output_dir}
path = write_results(out, debt.ANALYSIS, figures, parameters=parameters, inputs=[loaded.path])
print(f"geschreven: {path}")
