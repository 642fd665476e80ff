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
# # Oefening: wat vinden Wmo-cliënten van hun ondersteuning?
#
# Vijf gemeenten hielden het cliëntervaringsonderzoek (twee jaren). Cliënten gaven bij tien
# stellingen aan of ze het (helemaal) eens zijn, bijvoorbeeld *v02: Ik werd snel geholpen* en
# *v03: De medewerker nam mij serieus*.
#
# **Wat je leert**: een aandeel "eens" goed berekenen (wat telt mee in de noemer?), een
# trechterdiagram lezen in plaats van een ranglijst, en zien wat weging met een scheve
# respons doet.
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
min_cel = 10  # kleinste groep waarover cijfers gepubliceerd mogen worden

# %%
from werkplaats import clientervaring as lijn
from werkplaats.clientervaring import figures as figuren
from werkplaats.clientervaring.preparation import latest_year
from werkplaats.clientervaring.response import response_table
from werkplaats.clientervaring.scoring import STATEMENTS, percent_agree
from werkplaats.clientervaring.weighting import weighted_agree
from werkplaats.disclosure import protect
from werkplaats.lines import load_line
from werkplaats.opdrachten import controleer, keuzes, oefendata
from werkplaats.opdrachten.clientervaring import funnel_results, plot_funnel_results
from werkplaats.checks import select_gemeente
from werkplaats.student_errors import friendly_errors

friendly_errors()  # foutmeldingen beginnen met een Nederlandse tip
map_met_data = oefendata("clientervaring", groep=groep, data_dir=data_dir)
data = lijn.prepare(load_line(lijn.ANALYSIS, map_met_data))
for regel in data.summaries:
    print(regel)

# %% [markdown]
# ## De data
#
# `data.answers` heeft één rij per respondent: achtergrond (gemeente, jaar, leeftijdsklasse,
# ...) en de antwoorden op `v01` ... `v10`. De open toelichting is bij het inlezen al
# verwijderd. Het rapport kijkt naar het **laatste jaar**:

# %%
laatste_jaar = latest_year(data.answers)
print("jaar:", laatste_jaar["jaar"].max(), "- respondenten:", len(laatste_jaar))
laatste_jaar[["gemeente", "jaar", "leeftijdsklasse", "geslacht", "v02", "v03"]].head()

# %% [markdown]
# ## Opdracht 1 (10 min): hoeveel cliënten in Woerden voelden zich serieus genomen?
#
# Bereken voor **Woerden**, in het **laatste jaar**, het aandeel dat het (helemaal) eens is met
# **v03** (*De medewerker nam mij serieus*). Alleen geldige antwoorden tellen: `weet niet /
# n.v.t.` en lege antwoorden tellen niet mee. Geef een getal tussen 0 en 1.
#
# Tip: tel eerst de antwoorden met `woerden["v03"].value_counts(dropna=False)`. Of gebruik
# `percent_agree(woerden, by=None, items=["v03"])`.

# %%
woerden = select_gemeente(laatste_jaar, "Woerden", min_rows=min_cel)
# je berekening hier

antwoord = None  # een aandeel tussen 0 en 1
controleer("clientervaring.1", antwoord, data=map_met_data)

# %% [markdown]
# ## Opdracht 2 (15 min): welke gemeente wijkt echt af bij "snel geholpen"?
#
# Een ranglijst zet altijd iemand onderaan, ook als de verschillen toeval zijn. Het
# **trechterdiagram** zet elke gemeente uit tegen het aantal antwoorden, met grenzen
# waarbinnen 95% en 99,8% van de uitkomsten zou vallen als alle gemeenten gelijk waren.
#
# Maak het trechterdiagram voor **v02** (*Ik werd snel geholpen*) door `funnel_item` te
# veranderen (in het rapport-notebook `clientervaring.ipynb` is dat een parameter; hier
# rekenen we alleen het trechterdiagram uit, dat is sneller dan de hele analyse). Welke gemeente(n) liggen **buiten de 99,8%-grenzen**? Geef een naam, of een
# lijst met namen (`["...", "..."]`), of `"geen"`.

# %%
funnel_item = "v03"  # verander in de stelling van de opdracht
resultaten = funnel_results(laatste_jaar, funnel_item, min_cel=min_cel)
fig = plot_funnel_results(resultaten)

# %%
resultaten.funnel[["gemeente", "n", "share", "lo998", "hi998", "position"]]

# %%
antwoord = None  # een naam, een lijst met namen, of "geen"
controleer("clientervaring.2", antwoord, data=map_met_data)

# %% [markdown]
# ## Opdracht 3 (10 min): gewogen aandeel
#
# Vergelijk de respons met alle cliënten (de populatie): per leeftijdsklasse en geslacht
# het aandeel in de respons naast het aandeel in de populatie.

# %%
respons = protect(response_table(laatste_jaar, data.population), min_cel=min_cel)
respons[respons["gemeente"] == "Amersfoort"]

# %% [markdown]
# De werkbank **weegt** de antwoorden zo dat leeftijd en geslacht verdeeld zijn als in de
# populatie (`weighted_agree`, rakingmethode). Wat is in **Amersfoort** het **gewogen**
# aandeel dat het eens is met **v06** (*kwaliteit van de ondersteuning*), laatste jaar?

# %%
gewogen = protect(weighted_agree(laatste_jaar, data.population, item="v06"), min_cel=min_cel)
fig = figuren.plot_weighted(gewogen)

# %%
# je berekening hier

antwoord = None  # een aandeel tussen 0 en 1
controleer("clientervaring.3", antwoord, data=map_met_data)

# %% [markdown]
# ## Opdracht 4 (10 min): waarom is gewogen meestal hoger?
#
# In de meeste gemeenten is het gewogen aandeel hoger dan het ongewogen. Gebruik de
# responstabel hierboven. Welke verklaring klopt?

# %%
keuzes("clientervaring.4", data=map_met_data)

# %%
antwoord = None  # een letter
controleer("clientervaring.4", antwoord, data=map_met_data)

# %% [markdown]
# ## Tot slot
#
# Een wethouder vraagt: "Staan we onderaan de ranglijst van snel geholpen?" Schrijf in twee
# zinnen wat je antwoordt, met het trechterdiagram in de hand. (Niet automatisch nagekeken.)
#
# De stellingen, ter naslag:

# %%
STATEMENTS
