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
# # Oefening: werkt een interventie tegen eenzaamheid?
#
# In vier gemeenten deden ouderen mee aan een onderzoek naar een aanpak tegen eenzaamheid:
# een **interventiegroep** en een **controlegroep**, gemeten bij de start (T0), na drie maanden
# (T1) en na een jaar (T2) met de eenzaamheidsschaal van De Jong Gierveld (score 0–11).
# Er is **niet geloot** wie in welke groep kwam.
#
# **Wat je leert**: een aandeel berekenen voor één gemeente, een effecttabel lezen, en
# begrijpen waarom ANCOVA en verschilscores (verschil-in-verschillen) een ander antwoord
# kunnen geven.
#
# **Hoe het werkt**
#
# - Elke groep krijgt eigen **oefendata** (synthetisch, met ingebouwde effecten): vul bij
#   `groep` het nummer in dat je van je docent kreeg. Je antwoorden zijn dus anders dan die
#   van andere groepen.
# - Elke opdracht eindigt met `antwoord = None`. Vervang `None` door je antwoord en voer de
#   cel uit: `controleer(...)` zegt of het goed is, of wat er niet klopt, zonder het antwoord
#   te verraden.
# - Voer eerst alles uit (**Run → Restart Kernel and Run All Cells**) en werk dan de
#   opdrachten één voor één af. Tijd: ongeveer 60 minuten.

# %% tags=["parameters"]
groep = 1  # nummer van je groep (krijg je van je docent): elke groep heeft eigen oefendata
data_dir = ""  # map met oefendata van de docent; leeg = maak de oefendata van je groep zelf
min_cel = 10  # kleinste groep waarover cijfers gepubliceerd mogen worden

# %%
from werkplaats import eenzaamheid as lijn
from werkplaats.checks import select_gemeente
from werkplaats.disclosure import protect
from werkplaats.eenzaamheid.describe import baseline_balance, prevalence
from werkplaats.eenzaamheid.effects import effect_table
from werkplaats.lines import load_line
from werkplaats.opdrachten import controleer, keuzes, oefendata
from werkplaats.student_errors import friendly_errors

friendly_errors()  # foutmeldingen beginnen met een Nederlandse tip
map_met_data = oefendata("eenzaamheid", groep=groep, data_dir=data_dir)
geladen = load_line("eenzaamheid", map_met_data)
print(geladen["eenzaamheid_metingen"].summary())

# %% [markdown]
# ## De data
#
# `lijn.prepare` berekent per meting de totaalscore (`djg_totaal`, 0–11), de twee
# subschalen, en de vlaggen `eenzaam` (score 3 of meer) en `ernstig` (score 9 of meer). Een
# deelnemer met meer dan één lege vraag heeft geen totaalscore (`NaN`).

# %%
scores = lijn.prepare(geladen).scores
scores.head()

# %% [markdown]
# Zo ziet het aandeel eenzamen er uit per meting, voor **alle gemeenten samen**
# (`prevalence` telt alleen deelnemers met een totaalscore en geeft een 95%-interval;
# `protect` laat weg wat over minder dan `min_cel` deelnemers gaat, zoals in een rapport):

# %%
protect(prevalence(scores, by=["meting"]), min_cel=min_cel)

# %% [markdown]
# ## Opdracht 1 (10 min): hoeveel deelnemers in Utrecht waren eenzaam bij de start?
#
# Bereken het **aandeel** deelnemers in **Utrecht** dat bij **T0** eenzaam was (score 3 of
# meer), onder de deelnemers met een totaalscore. Geef een getal tussen 0 en 1.
#
# Tip: `select_gemeente(scores, "Utrecht")` geeft de rijen van één gemeente en waarschuwt
# bij een typfout. Daarna kun je `prevalence` gebruiken, of zelf rekenen met pandas.

# %%
utrecht = select_gemeente(scores, "Utrecht", min_rows=min_cel)
# je berekening hier

antwoord = None  # een aandeel tussen 0 en 1, bijvoorbeeld 0.42
controleer("eenzaamheid.1", antwoord, data=map_met_data)

# %% [markdown]
# Een typfout in de naam van een gemeente geeft een foutmelding die zegt wat je moet doen:

# %% tags=["raises-exception"]
select_gemeente(scores, "Utrect")

# %% [markdown]
# ## Opdracht 2 (10 min): hoe groot is het effect op T1?
#
# `effect_table` zet de schattingen van het effect naast elkaar: **ANCOVA** (de T1-score,
# gecorrigeerd voor de T0-score) en **verschil-in-verschillen** (het verschil in gemiddelde
# verandering). Het effect is *interventie − controle* in scorepunten: negatief betekent dat
# de interventiegroep minder eenzaam werd dan de controlegroep.
#
# Wat is het **ANCOVA-effect op T1**? Geef het getal (in scorepunten).

# %%
effecten = protect(effect_table(scores, mixed=False), min_cel=min_cel)
effecten[["methode", "meting", "n", "effect", "se", "ci_low", "ci_high"]]

# %%
antwoord = None  # een getal in scorepunten, bijvoorbeeld -0.8
controleer("eenzaamheid.2", antwoord, data=map_met_data)

# %% [markdown]
# ## Opdracht 3 (15 min): waarom verschillen ANCOVA en verschil-in-verschillen?
#
# De twee methoden geven niet hetzelfde getal. Bekijk de balanstabel (de groepen bij T0;
# een gestandaardiseerd verschil groter dan 0,1 geldt als een verschil) en de kolom `n` in
# de effectentabel. Welke uitspraak klopt? Geef de letter.

# %%
protect(baseline_balance(scores), min_cel=min_cel)

# %%
keuzes("eenzaamheid.3", data=map_met_data)

# %%
antwoord = None  # een letter, bijvoorbeeld "a"
controleer("eenzaamheid.3", antwoord, data=map_met_data)

# %% [markdown]
# ## Opdracht 4 (10 min): leeftijd en geslacht als covariaten
#
# Voeg `leeftijd` en `geslacht` toe aan de ANCOVA met
# `effect_table(scores, covariates=["leeftijd", "geslacht"], mixed=False)`. De tabel krijgt
# dan een rij `ANCOVA met covariaten`. Wat is daar het **effect op T1**?

# %%
# je berekening hier

antwoord = None  # een getal in scorepunten
controleer("eenzaamheid.4", antwoord, data=map_met_data)

# %% [markdown]
# ## Opdracht 5 (10 min): wat doen de covariaten?
#
# Vergelijk je antwoorden op opdracht 2 en 4, en het verschil daartussen met de
# standaardfout (`se`). Welke uitspraak klopt?

# %%
keuzes("eenzaamheid.5", data=map_met_data)

# %%
antwoord = None  # een letter
controleer("eenzaamheid.5", antwoord, data=map_met_data)

# %% [markdown]
# ## Tot slot
#
# Schrijf in twee zinnen voor een beleidsmedewerker op wat dit onderzoek laat zien over het
# effect van de interventie na drie maanden, en wat je erbij zou zeggen over het ontbreken
# van loting. (Deze vraag wordt niet automatisch nagekeken.)
