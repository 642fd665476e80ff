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
# # Oefening: van schuldsignaal tot hulp
#
# Gemeenten krijgen signalen over betalingsachterstanden van zorgverzekeraars,
# energieleveranciers, woningcorporaties en drinkwaterbedrijven. Een outreachteam probeert
# daarna contact te krijgen met het huishouden. Halverwege de periode kregen een aantal teams
# een training in vroegsignalering.
#
# **Wat je leert**: de juiste noemer kiezen in een trechter, een Kaplan–Meier-curve lezen
# (signalen die nog niet lang genoeg gevolgd zijn tellen eerlijk mee), een odds-ratio
# uitrekenen en een covariaat toevoegen aan een logistisch model.
#
# **Hoe het werkt**
#
# - Elke groep krijgt eigen **oefendata** (synthetisch, met ingebouwde effecten): vul bij
#   `groep` het nummer in dat je van je docent kreeg.
# - Elke opdracht eindigt met `antwoord = None`. Vervang `None` door je antwoord en voer de
#   cel uit: `controleer(...)` zegt of het goed is, of wat er niet klopt, zonder het antwoord
#   te verraden.
# - Voer eerst alles uit (**Run → Restart Kernel and Run All Cells**). Tijd: ongeveer 50 minuten.

# %% tags=["parameters"]
groep = 1  # nummer van je groep (krijg je van je docent): elke groep heeft eigen oefendata
data_dir = ""  # map met oefendata van de docent; leeg = maak de oefendata van je groep zelf
min_cel = 10  # kleinste groep (huishoudens) waarover cijfers gepubliceerd mogen worden

# %%
import pandas as pd

from werkplaats import vroegsignalering as lijn
from werkplaats.checks import select_gemeente
from werkplaats.lines import load_line
from werkplaats.opdrachten import controleer, keuzes, oefendata
from werkplaats.stats.glm import fit_logit
from werkplaats.student_errors import friendly_errors
from werkplaats.vroegsignalering import figures as figuren
from werkplaats.vroegsignalering import models as modellen

friendly_errors()  # foutmeldingen beginnen met een Nederlandse tip
map_met_data = oefendata("vroegsignalering", groep=groep, data_dir=data_dir)
geladen = load_line("vroegsignalering", map_met_data)
print(geladen["vroegsignalering_signalen"].summary())

# %% [markdown]
# ## De data
#
# `lijn.prepare` maakt er één rij per signaal van, zoals de stand was op de peildatum (de
# laatste datum in de data). Handige kolommen: `contactpoging` en `bereikt` (waar/onwaar),
# `dagen` (van signaal tot contact, of tot de peildatum als er nog geen contact is),
# `getraind` (het team was getraind op de dag van het signaal) en `team`.

# %%
voorbereid = lijn.prepare(geladen)
signalen = voorbereid.signals
print("peildatum:", voorbereid.peildatum)
signalen[["gemeente", "team", "bron", "signaal_datum", "contactpoging", "bereikt", "dagen", "getraind"]].head()

# %% [markdown]
# De trechter voor alle gemeenten samen. `lijn.analyse` rekent alles uit; `lijn.tables` geeft
# de tabellen zoals ze gepubliceerd mogen worden (niets over minder dan `min_cel` huishoudens).

# %%
resultaten = lijn.analyse(voorbereid, min_cel=min_cel)
tabellen = lijn.tables(resultaten)
fig = figuren.funnel_figure(tabellen["trechter_bron"])

# %% [markdown]
# ## Opdracht 1 (10 min): hoe vaak leidt een contactpoging tot contact?
#
# Welk **aandeel van de signalen met een contactpoging** werd in **Amersfoort** bereikt?
# Geef een getal tussen 0 en 1. Denk goed na over de noemer.

# %%
amersfoort = select_gemeente(signalen, "Amersfoort", min_rows=min_cel)
# je berekening hier

antwoord = None  # een aandeel tussen 0 en 1
controleer("vroegsignalering.1", antwoord, data=map_met_data)

# %% [markdown]
# ## Opdracht 2 (15 min): hoe snel worden huishoudens bereikt?
#
# Signalen van de laatste weken voor de peildatum hebben nog niet de kans gehad om tot
# contact te leiden. Wie die gewoon als "niet bereikt" telt, onderschat hoe snel het gaat.
# De **Kaplan–Meier**-methode telt zo'n signaal mee zolang het gevolgd is, en daarna niet
# meer (*censurering*). `time_to_contact` geeft per bron de curve en het aandeel bereikt na
# 14, 30 en 60 dagen.
#
# Welk aandeel van de signalen van **energieleveranciers** was binnen **30 dagen** bereikt?

# %%
curves, tabel = modellen.time_to_contact(signalen)
fig = figuren.time_to_contact_figure(tabellen["tijd_tot_contact_curven"], tabellen["tijd_tot_contact"],
                                     min_cel=min_cel)

# %%
# je berekening hier (bekijk bijvoorbeeld de tabel)

antwoord = None  # een aandeel tussen 0 en 1
controleer("vroegsignalering.2", antwoord, data=map_met_data)

# %% [markdown]
# ## Opdracht 3 (10 min): werkt de training?
#
# `training_model` vergelijkt, onder signalen met een contactpoging, de kans om bereikt te
# worden vóór en na de training van het team, **binnen elk team** (team als factor in een
# logistisch model). De coëfficiënt van `getraind` is een log-odds; de **odds-ratio** is
# `exp(coëfficiënt)`. Wat is de odds-ratio van de training?

# %%
training = modellen.training_model(signalen)
training.table.loc[["getraind"]]

# %%
antwoord = None  # een getal, bijvoorbeeld 1.2
controleer("vroegsignalering.3", antwoord, data=map_met_data)

# %% [markdown]
# ## Opdracht 4 (15 min): bron als covariaat
#
# Misschien kwamen er na de training andere soorten signalen binnen, die makkelijker tot
# contact leiden? Voeg **bron** toe aan het model (`+ C(bron)`: elke bron krijgt een eigen
# coëfficiënt, zorgverzekeraar is de referentie) en vergelijk de coëfficiënt en de odds-ratio
# van `getraind` met opdracht 3.

# %%
pogingen = signalen[signalen["contactpoging"]]
modeldata = pd.DataFrame({"bereikt": pogingen["bereikt"].astype(int), "getraind": pogingen["getraind"].astype(int),
                          "team": pogingen["team"].astype(str), "bron": pogingen["bron"].astype(str)})
model = fit_logit(modeldata, "bereikt ~ getraind + C(team)")  # voeg hier bron toe
print(model.odds_ratio("getraind"))
model.table.loc[["getraind"]]

# %%
keuzes("vroegsignalering.4", data=map_met_data)

# %%
antwoord = None  # een letter
controleer("vroegsignalering.4", antwoord, data=map_met_data)

# %% [markdown]
# ## Tot slot
#
# Een beleidsmedewerker vraagt: "Moeten alle teams de training krijgen?" Schrijf in twee
# zinnen wat deze gegevens daarover zeggen, en wat ze níet kunnen zeggen (denk aan: wie
# bepaalde welke teams eerst getraind werden?). (Niet automatisch nagekeken.)
