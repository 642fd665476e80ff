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
#     display_name: Python (werkplaats)
#     language: python
#     name: werkplaats
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

from werkplaats import vroegsignalering as lijn
from werkplaats.formatting import show
from werkplaats.lines import load_line
from werkplaats.paths import output_dir_for, resolve
from werkplaats.plots import save_figure
from werkplaats.results import save_results
from werkplaats.vroegsignalering import figures as figuren
from werkplaats.vroegsignalering import text as tekst

out = output_dir_for(output_dir, lijn.ANALYSIS, gemeente)

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
#
# **Meldingen.** Signalen van één huishouden in dezelfde kalendermaand vormen samen één
# melding (zoals in de landelijke monitor). Een melding binnen zes maanden na de vorige
# melding van hetzelfde huishouden heet een **herhaalmelding**.

# %%
loaded = load_line(lijn.ANALYSIS, resolve(data_dir))
prepared = lijn.prepare(loaded, peildatum=peildatum)
_ = lijn.write_prepared(prepared)  # data/processed/vroegsignalering_signalen.parquet
results = lijn.analyse(prepared, gemeente=gemeente, min_cel=min_cel)
tabellen = lijn.tables(results)  # alles wat het rapport toont, afgeschermd (min_cel)
where = "alle gemeenten samen" if results.gemeente == "alle" else results.gemeente
print(f"Peildatum: {results.peildatum}. Dit rapport gaat over: {where}.")
display(Markdown(tekst.teams_sentence(results.teams)))

# %%
show(tabellen["gegevens"])

# %% [markdown]
# ## De trechter: van signaal tot hulp
#
# Hoeveel signalen komen er binnen, bij hoeveel is contact gezocht, hoeveel huishoudens
# zijn bereikt en hoeveel accepteerden hulp? Elk percentage is het deel van de stap
# ervoor, met een 95%-betrouwbaarheidsinterval (Wilson).

# %%
display(Markdown(tekst.funnel_sentence(tabellen["trechter_bron"].iloc[-1], where)))
fig = figuren.funnel_figure(tabellen["trechter_bron"], min_cel=min_cel, title=f"Van signaal tot hulp ({where})")
_ = save_figure(fig, out, "trechter")

# %% [markdown]
# De trechter per gemeente (alle gemeenten, ter vergelijking), per bron en per maand:

# %%
show(tabellen["trechter_gemeente"])

# %%
show(tabellen["trechter_bron"])

# %%
show(tabellen["trechter_maand"])

# %% [markdown]
# ## Signalen per maand
#
# Het aantal signalen per maand en per bron. De laatste maand kan onvolledig zijn (tot de
# peildatum).

# %%
fig = figuren.signals_per_month_figure(tabellen["signalen_per_maand"], min_cel=min_cel)
_ = save_figure(fig, out, "signalen_per_maand")

# %% [markdown]
# ## Hoe snel worden huishoudens bereikt?
#
# De lijnen tonen welk deel van de signalen na zoveel dagen tot contact heeft geleid
# (Kaplan–Meier). Signalen die nog niet bereikt zijn, tellen mee tot de peildatum; zo
# tellen recente signalen eerlijk mee. De band is het 95%-interval. Een lijn stopt waar
# minder dan `min_cel` signalen nog gevolgd worden.

# %%
fig = figuren.time_to_contact_figure(tabellen["tijd_tot_contact_curven"], tabellen["tijd_tot_contact"],
                                     min_cel=min_cel)
_ = save_figure(fig, out, "tijd_tot_contact")

# %%
show(tabellen["tijd_tot_contact"])

# %%
display(Markdown(tekst.contact_sentence(tabellen["tijd_tot_contact"])))

# %% [markdown]
# Het Cox-model vergelijkt de snelheid van contact tussen de bronnen, bij een gelijke
# hoogte van de achterstand. Een hazard ratio boven 1 betekent: sneller contact dan na
# een signaal van een zorgverzekeraar.

# %%
show(tabellen["modellen"])

# %%
show(tabellen["cox"])

# %%
display(Markdown(tekst.cox_sentence(tabellen["cox"])))

# %% [markdown]
# ## Welke signalen leiden tot geaccepteerde hulp?
#
# Onder de bereikte huishoudens met een bekende uitkomst: hoe groot is de kans dat ze hulp
# accepteren, naar bron en hoogte van de achterstand (logistische regressie)? Een odds
# ratio boven 1 betekent: vaker hulp geaccepteerd dan na een signaal van een
# zorgverzekeraar. Bij `log_achterstand` gaat het om een achterstand die 2,7 keer zo hoog is.

# %%
show(tabellen["accepteren"])

# %%
display(Markdown(tekst.accept_sentence(tabellen["accepteren"])))

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
show(tabellen["training"])

# %%
display(Markdown(tekst.training_sentence(tabellen["training"])))
display(Markdown(tekst.training_sentence(tabellen["training"], calendar=True)))

# %%
fig = figuren.its_figure(tabellen["tijdreeks_maand"], min_cel=min_cel)
_ = save_figure(fig, out, "tijdreeks_training")

# %%
show(tabellen["tijdreeks_model"])

# %%
display(Markdown(tekst.its_sentence(tabellen["tijdreeks_model"])))

# %% [markdown]
# Het bereik per maand, voor alle getrainde teams samen en per team:

# %%
show(tabellen["tijdreeks_maand"])

# %%
show(tabellen["tijdreeks_team"])

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

# %%
# results.json: kerncijfers, afgeschermde tabellen met hun rollen, parameters en herkomst
_ = save_results(out, lijn, results, loaded, parameters={"data_dir": data_dir, "output_dir": output_dir})
