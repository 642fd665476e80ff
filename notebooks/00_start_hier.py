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
# # Start hier: de werkbank van de Wmo-werkplaats
#
# Met deze werkbank onderzoek je drie vragen van de Wmo-werkplaats. Elke vraag heeft een
# eigen notebook:
#
# | notebook | vraag |
# | --- | --- |
# | `eenzaamheid.ipynb` | Verminderen interventies de eenzaamheid (De Jong Gierveld-schaal) meer dan in de vergelijkingsgroep? |
# | `vroegsignalering.ipynb` | Hoe ver komen signalen van betalingsachterstanden in de trechter, hoe snel worden huishoudens bereikt, en helpt de training van de teams? |
# | `clientervaring.ipynb` | Wat vinden Wmo-cliënten van toegang, kwaliteit en effect, en verschilt een gemeente echt van de regio? |
#
# In de map `opdrachten/` staan oefeningen bij elke onderzoekslijn. Dit notebook laat zien hoe
# alles werkt. Voer het uit met **Run → Restart Kernel and Run All Cells** en lees dan van
# boven naar beneden mee. Het duurt ongeveer 20 minuten.

# %% tags=["parameters"]
data_dir = "data/raw"  # map met de ruwe data; standaard de synthetische voorbeelddata
gemeente = "alle"  # gemeente waarover je cijfers wilt zien, of "alle"
min_cel = 10  # kleinste groep waarover cijfers getoond mogen worden

# %% [markdown]
# Eerst halen we de functies op die we nodig hebben. `friendly_errors()` zorgt ervoor dat een
# foutmelding begint met een Nederlandse tip (zie stap 6).

# %%
from werkplaats import eenzaamheid as lijn
from werkplaats.formatting import show
from werkplaats.lines import load_line
from werkplaats.student_errors import friendly_errors

friendly_errors()

# %% [markdown]
# ## 1. Van ruwe data naar tabel
#
# De gegevens gaan maar één kant op:
#
# ```
# data/raw/  ──►  inlezen en controleren (codeboek), identificerende kolommen eruit   load_line
#            ──►  voorbereiden: scores en vlaggen berekenen                            lijn.prepare
#            ──►  analyseren: alle tabellen van het onderzoek                          lijn.analyse
#            ──►  beschermen: niets over minder dan min_cel mensen                     lijn.tables
#            ──►  tonen in het notebook                                                show
#            ──►  rapport: reports/<analyse>/<gemeente>/ (HTML en results.json)       werkplaats run
# ```
#
# - **`data/raw`** verandert nooit. Hier staat synthetische voorbeelddata; echte data staat
#   buiten de repository en komt nooit in git.
# - Al het rekenwerk zit in het pakket **`werkplaats`**. Een notebook roept het alleen aan,
#   zodat het kort en leesbaar blijft.
#
# `load_line` leest alle bestanden van één onderzoekslijn. Voor eenzaamheid is dat er één:
# de metingen.

# %%
geladen = load_line("eenzaamheid", data_dir)
metingen = geladen["eenzaamheid_metingen"]
print(metingen.summary())
metingen.data.head()

# %% [markdown]
# `load_line` zoekt het bestand op naam (`.csv`, `.xlsx`, `.sav` of `.parquet`), controleert
# elke kolom met het **codeboek** (`werkplaats/codebooks/*.yaml`: welke kolommen er zijn en
# welke antwoorden mogen) en haalt gegevens weg waarmee je iemand kunt herkennen. Welke
# kolommen weg zijn en waarom, zie je in `metingen.removed` (leeg: er was niets te verwijderen).

# %%
metingen.removed

# %% [markdown]
# ## 2. Analyseren en een tabel tonen
#
# Elke onderzoekslijn heeft dezelfde drie stappen: `prepare` (voorbereiden), `analyse`
# (rekenen) en `tables` (de tabellen die je mag laten zien). Met `gemeente` en `min_cel` uit de
# parametercel bovenaan:

# %%
voorbereid = lijn.prepare(geladen)
resultaten = lijn.analyse(voorbereid, gemeente=gemeente, min_cel=min_cel)
tabellen = lijn.tables(resultaten)
list(tabellen)

# %% [markdown]
# `tabellen` bevat alle tabellen van het onderzoek, elk met een naam. `show` laat er één zien
# met Nederlandse kolomnamen en getallen:

# %%
show(tabellen["prevalentie"])

# %% [markdown]
# **Privacy**: `tables` beschermt elke tabel. Een cel over minder dan `min_cel` mensen (en
# een cel waarmee je zo'n aantal kunt terugrekenen) zie je als een streepje. Daarom gebruik
# je in een notebook altijd `lijn.tables(...)` en nooit de tabellen in `resultaten` zelf.
# Notebooks gaan zonder uitvoer in git, want uitvoer kan gegevens over mensen bevatten.
#
# ## 3. Een notebook openen en uitvoeren
#
# 1. Start JupyterLab met `make lab` (in een terminal, in de projectmap). De bestandenlijst
#    toont elk notebook één keer. (Naast elk notebook staat een tekstversie `.py`, die je in
#    JupyterLab niet ziet; zie `docs/docent.md`.)
# 2. Open bijvoorbeeld `eenzaamheid.ipynb`.
# 3. Kies **Run → Restart Kernel and Run All Cells**. Het notebook leest de data, rekent en
#    laat de tabellen en figuren zien.
#
# ## 4. Een parameter veranderen
#
# Bovenaan elk notebook staat een cel met **parameters**, elk met uitleg erachter, net als
# bovenaan dit notebook:
#
# ```python
# data_dir = "data/raw"   # map met de ruwe data
# gemeente = "alle"       # gemeente waar het rapport over gaat, of "alle"
# min_cel = 10            # kleinste groep waarover cijfers gepubliceerd mogen worden
# ```
#
# Probeer het hier: verander bovenaan `gemeente = "alle"` in `gemeente = "Utrecht"` en voer
# alles opnieuw uit. De tabel in stap 2 gaat dan over Utrecht.
#
# ## 5. Eén rapport vanaf de opdrachtregel
#
# Open in JupyterLab een terminal (**File → New → Terminal**). Heb je JupyterLab met
# `make lab` gestart, dan werkt het commando `werkplaats` daar meteen. Anders activeer je
# eerst de omgeving: `source .venv/bin/activate` (Windows: `.venv\Scripts\activate`) of
# `conda activate werkplaats`.
#
# ```bash
# werkplaats params notebooks/eenzaamheid.ipynb              # welke parameters zijn er?
# werkplaats run notebooks/eenzaamheid.ipynb -p gemeente Utrecht
# make reports                                               # alle analyses, alle gemeenten
# ```
#
# Het rapport (`rapport.html` zonder code, met figuren, en `results.json`) komt in
# `reports/eenzaamheid/utrecht/`. Een typfout in een parameter (`-p gemeent Utrecht`) geeft
# meteen een melding met de parameters die wel bestaan; er draait dan niets. Mislukt een
# rapport, dan blijft het vorige goede rapport staan. Meer staat in `docs/rapporten.md`.
#
# ## 6. Een foutmelding lezen
#
# Iedereen maakt typfouten. De werkbank zegt dan in het Nederlands wat er mis is en wat je
# kunt doen. De cellen hieronder gaan **expres** fout, zodat je ziet hoe dat eruitziet. Lees
# een foutmelding zo:
#
# 1. de **eerste regel** is de tip: wat er mis is, vaak met "Bedoelt u ...?";
# 2. daaronder staat **waar het misging**: de regel in jouw cel;
# 3. de laatste regel is het soort fout (bijvoorbeeld `ParameterError` of `KeyError`).
#
# Een gemeente die niet bestaat:

# %% tags=["raises-exception"]
lijn.analyse(voorbereid, gemeente="Utrect")

# %% [markdown]
# Een parameter die de functie niet kent (`min_cell` in plaats van `min_cel`):

# %% tags=["raises-exception"]
lijn.analyse(voorbereid, min_cell=5)

# %% [markdown]
# Een kolom die niet bestaat:

# %% tags=["raises-exception"]
metingen.data["gemeene"]

# %% [markdown]
# Ook fouten in de data zelf krijgen een duidelijke melding: welk **bestand**, welke
# **kolom**, welke **rij** (zoals je die in Excel telt) en welke **waarde** niet klopt, en
# wat wel mag. We maken een kopie van de data met een typfout: `jaa` in plaats van `ja`.

# %%
import tempfile
from pathlib import Path

import pandas as pd

kopie = pd.read_csv(metingen.path, dtype=str, keep_default_na=False)  # het bestand, als tekst
kopie.loc[1, "djg_03"] = "jaa"  # een typfout in rij 3 van het bestand (rij 1 zijn de kolomnamen)
kapotte_map = Path(tempfile.mkdtemp())  # een nieuwe, lege map
kopie.to_csv(kapotte_map / "eenzaamheid_metingen.csv", index=False)

# %% tags=["raises-exception"]
load_line("eenzaamheid", kapotte_map)

# %% [markdown]
# Lees de melding van links naar rechts: *bestand: kolom, rij: wat er mis is 'waarde'
# (toegestaan: ...)*. Verbeter de waarde in het bestand en lees het opnieuw in. De werkbank
# rekent niet verder zolang de data niet kloppen.
#
# Wil je toch de hele, lange foutmelding zien (bijvoorbeeld als de tip je niet verder
# helpt)? Typ dan `%tb` in een nieuwe cel. Je kunt een bestand of map ook controleren zonder
# notebook, in de terminal:
#
# ```bash
# werkplaats validate data/raw
# ```
#
# ## 7. Waar staat de uitleg van een functie?
#
# Elke functie die je hier gebruikt heeft uitleg met een voorbeeld. Vraag die op met
# `help(...)`, of zet in JupyterLab de cursor achter de functienaam en druk op **Shift+Tab**:

# %%
help(load_line)

# %% [markdown]
# De belangrijkste onderdelen van het pakket:
#
# | onderdeel | wat |
# | --- | --- |
# | `werkplaats.lines` | `load_line`: alle data van een onderzoekslijn inlezen en controleren |
# | `werkplaats.eenzaamheid` | eenzaamheid: `prepare`, `analyse`, `tables` |
# | `werkplaats.vroegsignalering` | vroegsignalering schulden: dezelfde drie stappen |
# | `werkplaats.clientervaring` | cliëntervaringsonderzoek Wmo: dezelfde drie stappen |
# | `werkplaats.formatting` | `show`: een tabel netjes laten zien |
# | `werkplaats.checks` | `check_gemeente`, `check_columns`: controles met een suggestie bij een typfout |
# | `werkplaats.student_errors` | `friendly_errors`: foutmeldingen met een Nederlandse tip |
# | `werkplaats.opdrachten` | oefeningen: `oefendata`, `controleer`, `keuzes` |
#
# ## 8. Oefenen
#
# In `opdrachten/` staat per onderzoekslijn een oefennotebook. Vul bovenaan bij `groep` het
# nummer in dat je van je docent kreeg. Elke groep krijgt eigen oefendata, dus je antwoorden
# zijn anders dan die van andere groepen. Controleer elk antwoord met `controleer(...)`: die
# zegt of het goed is of wat er niet klopt, zonder het antwoord te verraden. Docenten: zie
# `docs/docent.md`.
