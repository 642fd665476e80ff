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
# # Start hier: de werkbank van de Wmo-werkplaats
#
# Deze werkbank helpt bij drie onderzoekslijnen van de Wmo-werkplaats:
#
# | notebook | vraag |
# | --- | --- |
# | `eenzaamheid.ipynb` | Verminderen interventies de eenzaamheid (De Jong Gierveld-schaal) meer dan in de vergelijkingsgroep? |
# | `vroegsignalering.ipynb` | Hoe ver komen signalen van betalingsachterstanden in de trechter, hoe snel worden huishoudens bereikt, en helpt de training van de teams? |
# | `clientervaring.ipynb` | Wat vinden Wmo-cliënten van toegang, kwaliteit en effect, en verschilt een gemeente echt van de regio? |
#
# In `opdrachten/` staan oefeningen per onderzoekslijn. Dit notebook laat zien hoe alles
# werkt. Voer het uit met **Run → Restart Kernel and Run All Cells**.

# %% tags=["parameters"]
data_dir = "data/raw"  # map met de ruwe data; standaard de synthetische voorbeelddata

# %% [markdown]
# ## 1. Van ruwe data naar rapport
#
# De gegevens stromen maar één kant op:
#
# ```
# data/raw/  ──►  inlezen + controleren (codeboek)  ──►  privacy: identificerende kolommen eruit
#            ──►  voorbereiden (scores, vlaggen)     ──►  data/processed/ (parquet)
#            ──►  analyseren (modellen)              ──►  notebook toont tabellen en figuren
#            ──►  reports/<analyse>/<gemeente>/  (HTML-rapport, results.json, figuren)
# ```
#
# - **`data/raw`** wordt nooit door de werkbank gewijzigd. Hier staat synthetische
#   voorbeelddata; echte data staat buiten de repository en komt nooit in git.
# - Al het rekenwerk zit in het pakket **`werkplaats`**. Een notebook roept het alleen aan,
#   zodat elk notebook kort en leesbaar blijft.

# %%
import werkplaats
from werkplaats.validate import load_dataset

geladen = load_dataset("eenzaamheid_metingen", data_dir)
print(geladen.summary())
geladen.data.head()

# %% [markdown]
# `load_dataset` zoekt het bestand op naam (`.csv`, `.xlsx`, `.sav` of `.parquet`), controleert
# elke kolom tegen het **codeboek** (`werkplaats/codebooks/*.yaml`: welke kolommen, welke
# antwoorden zijn toegestaan) en verwijdert direct identificerende gegevens. Welke kolommen
# zijn verwijderd en waarom, staat in `geladen.removed`.

# %%
geladen.removed

# %% [markdown]
# ## 2. Een notebook openen en uitvoeren
#
# 1. Start JupyterLab met `make lab` (of `jupyter lab notebooks/`).
# 2. Open bijvoorbeeld `eenzaamheid.ipynb`.
# 3. Kies **Run → Restart Kernel and Run All Cells**. Het notebook leest de data, rekent en
#    schrijft `results.json` en figuren naar `reports/eenzaamheid/alle/`.
#
# ## 3. Een parameter veranderen
#
# Bovenaan elk analyse-notebook staat een cel met **parameters**, elk met uitleg:
#
# ```python
# data_dir = "data/raw"   # map met de ruwe data
# gemeente = "alle"       # gemeente waar het rapport over gaat, of "alle"
# min_cel = 10            # kleinste groep waarover cijfers gepubliceerd mogen worden
# output_dir = ""         # leeg = reports/<analyse>/<gemeente>
# ```
#
# Verander bijvoorbeeld `gemeente = "alle"` in `gemeente = "Utrecht"` en voer alles opnieuw uit.
# Een gemeente die niet in de data voorkomt geeft een foutmelding met de gemeenten die wel bestaan.
#
# ## 4. Eén rapport vanaf de opdrachtregel
#
# In een terminal (in JupyterLab: **File → New → Terminal**), vanuit de projectmap:
#
# ```bash
# werkplaats params notebooks/eenzaamheid.ipynb              # welke parameters zijn er?
# werkplaats run notebooks/eenzaamheid.ipynb -p gemeente Utrecht
# make reports                                               # alle analyses, alle gemeenten
# ```
#
# Het rapport (`rapport.html` zonder code, met figuren, plus `results.json`) komt in
# `reports/eenzaamheid/utrecht/`. Een typfout in een parameter (`-p gemeent Utrecht`) geeft
# meteen een melding met de parameters die wel bestaan; er draait dan niets. Mislukt een
# rapport, dan blijft het vorige goede rapport staan. Meer in `docs/rapporten.md`.
#
# ## 5. Een foutmelding lezen
#
# Foutmeldingen zeggen welk **bestand**, welke **kolom**, welke **rijen** (zoals je ze in Excel
# telt) en welke **waarden** niet kloppen, en wat wel mag. Hieronder maken we expres een
# kapotte kopie van de data (in een tijdelijke map) met een typfout `jaa` in rij 3:

# %%
import tempfile
from pathlib import Path

import pandas as pd

from werkplaats.errors import DataError
from werkplaats.paths import resolve

tabel = pd.read_csv(resolve(data_dir) / "eenzaamheid_metingen.csv", dtype=str, keep_default_na=False)
tabel.loc[1, "djg_03"] = "jaa"
kapot = Path(tempfile.mkdtemp()) / "eenzaamheid_metingen.csv"
tabel.to_csv(kapot, index=False)

try:
    load_dataset("eenzaamheid_metingen", kapot.parent)
except DataError as fout:
    print(fout)

# %% [markdown]
# Lees de melding van links naar rechts: *bestand: kolom, rij: wat er mis is 'waarde'
# (toegestaan: ...)*. Verbeter de waarde in het bronbestand en lees opnieuw in. Er wordt
# niets weggeschreven zolang de data niet kloppen.
#
# Ook een typfout in een gemeente of een kolomnaam geeft een melding die zegt wat u moet
# doen, met een suggestie:

# %%
from werkplaats.errors import ParameterError
from werkplaats.checks import check_columns, check_gemeente

for controle in (lambda: check_gemeente(geladen.data, "Utrect"), lambda: check_columns(geladen.data, "gemeene")):
    try:
        controle()
    except ParameterError as fout:
        print(fout)

# %% [markdown]
# Een melding eindigt met een regel als `ParameterError: ...` of `DataError: ...`; daarboven
# staat het *traceback*: welke regels code er liepen. Lees eerst de laatste regel.
#
# Je kunt een bestand of map ook controleren zonder notebook:
#
# ```bash
# werkplaats validate data/raw
# ```
#
# ## 6. Waar staat de uitleg van de functies?
#
# Elke functie van het pakket heeft uitleg met een voorbeeld. Vraag die op met `help(...)`
# of met **Shift+Tab** achter de functienaam in JupyterLab:

# %%
help(load_dataset)

# %% [markdown]
# Het overzicht van de modules staat in de `README.md` (onderdeel *Layout*). De belangrijkste:
#
# | module | wat |
# | --- | --- |
# | `werkplaats.validate` | inlezen en controleren |
# | `werkplaats.privacy` | identificerende gegevens, pseudoniemen, kleine aantallen onderdrukken |
# | `werkplaats.eenzaamheid.scoring`, `werkplaats.eenzaamheid.analysis` | eenzaamheidsscores en -analyses |
# | `werkplaats.vroegsignalering.analysis` | vroegsignalering schulden |
# | `werkplaats.clientervaring.scoring`, `werkplaats.clientervaring.analysis` | cliëntervaringsonderzoek |
# | `werkplaats.synth` | synthetische data met ingeplante effecten (voor oefeningen) |
# | `werkplaats.opdrachten` | oefeningen: oefendata per groep en `controleer(...)` |
# | `werkplaats.student_errors` | duidelijke meldingen bij typfouten in kolommen en gemeenten |
#
# **Privacy**: over groepen kleiner dan `min_cel` (standaard 10 personen) publiceert de
# werkbank niets. Notebooks gaan zonder uitvoer in git, want uitvoer kan gegevens over mensen
# bevatten.
#
# ## 7. Oefenen
#
# In `opdrachten/` staat per onderzoekslijn een oefennotebook met opdrachten op
# synthetische data. Vul bovenaan bij `groep` het nummer in dat u van de docent kreeg, en
# controleer elk antwoord met `controleer(...)`: die zegt of het goed is of wat er niet
# klopt. Docenten: zie `docs/docent.md`.
