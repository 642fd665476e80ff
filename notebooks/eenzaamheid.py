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
# # Eenzaamheid: werkt de aanpak?
#
# In Amersfoort, Nieuwegein, Utrecht en Veenendaal deden deelnemers mee aan een aanpak
# tegen eenzaamheid (de **interventiegroep**); een vergelijkbare groep deed niet mee
# (de **controlegroep**). Iedereen vulde de eenzaamheidsschaal van De Jong Gierveld in bij
# de start (T0), na ongeveer drie maanden (T1) en na ongeveer een jaar (T2).
#
# Dit rapport beantwoordt vijf vragen:
#
# 1. Hoe eenzaam zijn de deelnemers?
# 2. Nam de eenzaamheid in de interventiegroep meer af dan in de controlegroep?
# 3. Hoe groot is dat effect?
# 4. Blijft het effect na een jaar?
# 5. Voor wie werkt het (emotionele of sociale eenzaamheid, gemeente, leeftijd, geslacht)?
#
# Over groepen met minder dan `min_cel` deelnemers wordt niets gepubliceerd (weergegeven
# als –, en weggelaten uit de figuren).

# %% tags=["parameters"]
data_dir = "data/raw"  # map met de ruwe data (het bestand eenzaamheid_metingen)
gemeente = "alle"  # gemeente waar het rapport over gaat (vergeleken met de rest), of "alle"
min_cel = 10  # kleinste groep (aantal deelnemers) waarover cijfers gepubliceerd mogen worden
output_dir = ""  # map voor results.json en figuren; leeg: reports/eenzaamheid/<gemeente>
covariaten = ["leeftijd", "geslacht"]  # extra correctie in de tweede ANCOVA (leeftijd en/of geslacht)

# %%
from IPython.display import Markdown, display

from werkplaats.eenzaamheid import analysis as lo
from werkplaats.eenzaamheid import effects as le
from werkplaats.eenzaamheid import figures as figuren
from werkplaats.formatting import show_table
from werkplaats.paths import output_dir_for, resolve
from werkplaats.plots import save_figure
from werkplaats.privacy import publishable_count
from werkplaats.results import write_results
from werkplaats.validate import load_dataset

out = output_dir_for(output_dir, lo.ANALYSIS, gemeente)

# %% [markdown]
# ## De gegevens
#
# Het bestand wordt gecontroleerd tegen het codeboek (toegestane antwoorden, één rij per
# deelnemer per meting, groep `interventie` of `controle`). Kolommen met direct
# identificerende gegevens (zoals naam of e-mailadres) worden bij het inlezen verwijderd.

# %%
loaded = load_dataset("eenzaamheid_metingen", resolve(data_dir))
print(loaded.summary())
scores = lo.prepare(loaded)  # scoort de schaal en schrijft data/processed/eenzaamheid_scores.parquet
show_table(lo.data_check(loaded, scores, min_cel=min_cel), rename={"onderdeel": "", "waarde": "aantal"})

# %% [markdown]
# **Zo wordt de schaal gescoord.** De schaal heeft 11 vragen met de antwoorden `ja`,
# `min of meer` en `nee`. Een antwoord aan de eenzame kant telt 1 punt; `min of meer` telt
# altijd als eenzaam. De totaalscore loopt van 0 tot 11, met een deelscore voor
# *emotionele* eenzaamheid (het missen van een hechte band, 0–6) en voor *sociale*
# eenzaamheid (het missen van een breder netwerk, 0–5). Een score van 3 of meer heet
# **eenzaam**, 9 of meer **(zeer) ernstig eenzaam**.
#
# **Ontbrekende antwoorden** (projectkeuze): is één vraag leeg, dan telt die als 0; zijn er
# meer vragen leeg, dan heeft de meting geen totaalscore en doet ze niet mee. Een deelscore
# ontbreekt zodra één van haar vragen leeg is. Deze regel is aan te passen
# (`werkplaats.eenzaamheid.scoring.MissingRule`).

# %%
results = lo.analyse(scores, gemeente=gemeente, min_cel=min_cel, covariates=covariaten)
where = "alle gemeenten samen" if results.gemeente == "alle" else results.gemeente
print(f"Dit rapport gaat over: {where} ({publishable_count(results.n_participants, min_cel)} deelnemers, "
      f"{publishable_count(results.n_rows, min_cel)} metingen).")

# %% [markdown]
# ## Wie deed mee en wie viel uit?
#
# Niet iedereen vulde de vragenlijst ook na drie maanden en na een jaar in. Uitval is
# alleen onschuldig als de uitvallers lijken op de blijvers. De tweede tabel vergelijkt bij
# de start wie bleef met wie uitviel.

# %%
show_table(results.attrition, percent=["bijgebleven_T1", "bijgebleven_T2"],
           numbers={"n_T0": 0, "n_T1": 0, "n_T2": 0},
           rename={"n_T0": "gemeten T0", "n_T1": "gemeten T1", "n_T2": "gemeten T2",
                   "bijgebleven_T1": "nog mee T1", "bijgebleven_T2": "nog mee T2"})

# %%
show_table(results.dropout.drop(columns="suppressed"), percent=["aandeel_vrouw", "eenzaam_T0"],
           numbers={"n": 0, "leeftijd": 1, "djg_totaal_T0": 2},
           rename={"meting": "tot meting", "aandeel_vrouw": "vrouw", "djg_totaal_T0": "score T0",
                   "eenzaam_T0": "eenzaam T0"})

# %% [markdown]
# ## Zijn de groepen vergelijkbaar bij de start?
#
# De groepen zijn niet door loting gevormd. Het gestandaardiseerde verschil zegt hoeveel
# standaarddeviaties de groepen bij de start uit elkaar liggen; boven 0,1 spreken we van
# een verschil dat aandacht vraagt.

# %%
show_table(results.balance.drop(columns="suppressed"), numbers={
    "n_interventie": 0, "n_controle": 0, "interventie": 2, "controle": 2, "gestandaardiseerd_verschil": 2},
    rename={"gestandaardiseerd_verschil": "gestandaardiseerd verschil"})

# %%
display(Markdown(lo.balance_sentence(results.balance)))

# %% [markdown]
# ## Hoe eenzaam zijn de deelnemers?

# %%
display(Markdown(lo.prevalence_sentence(results.prevalence_T0, f"de deelnemers ({where})")))

# %% [markdown]
# Het aandeel eenzamen per meting en groep, met het 95%-betrouwbaarheidsinterval (Wilson):
# de werkelijke waarde ligt met 95% zekerheid binnen de streepjes.

# %%
fig = figuren.prevalence_figure(results.prevalence, "eenzaam", min_cel=min_cel)
_ = save_figure(fig, out, "eenzaam_per_meting")

# %%
fig = figuren.prevalence_figure(results.prevalence, "ernstig", min_cel=min_cel)
_ = save_figure(fig, out, "ernstig_eenzaam_per_meting")

# %%
show_table(results.prevalence.drop(columns="suppressed"),
           percent=[c for c in results.prevalence.columns if c.startswith(("eenzaam", "ernstig"))],
           numbers={"n": 0}, rename={"eenzaam_ci_low": "eenzaam, interval van", "eenzaam_ci_high": "eenzaam, tot",
                                     "ernstig_ci_low": "ernstig, interval van", "ernstig_ci_high": "ernstig, tot"})

# %% [markdown]
# ## De gemiddelde score per groep
#
# De gemiddelde eenzaamheidsscore (0–11) per meting en groep, met 95%-interval. Daaronder
# de gemiddelde verandering sinds de start, alleen voor wie op beide momenten meedeed.

# %%
fig = figuren.trajectory_figure(results.trajectories, min_cel=min_cel)
_ = save_figure(fig, out, "gemiddelde_score_per_meting")

# %%
show_table(results.change.drop(columns="suppressed"),
           numbers={"n": 0, "gemiddelde_T0": 2, "gemiddelde": 2, "verandering": 2},
           rename={"gemiddelde_T0": "gemiddelde T0", "gemiddelde": "gemiddelde op meting"})

# %% [markdown]
# ## Heeft de aanpak effect?
#
# Drie manieren om het effect te schatten, naast elkaar. Het effect is het verschil
# interventie − controle in scorepunten; **negatief betekent: de interventiegroep werd
# minder eenzaam dan de controlegroep**.
#
# - **ANCOVA**: vergelijkt de score op T1 (of T2) tussen de groepen, gecorrigeerd voor de
#   score bij de start (en in de tweede regel ook voor de covariaten).
# - **Verschil-in-verschillen**: het verschil tussen de groepen in gemiddelde verandering
#   sinds de start.
# - **Gemengd model**: gebruikt alle metingen, ook van wie later uitviel.
#
# Omdat de groepen bij de start verschillen, kunnen de schattingen uiteenlopen; liggen ze
# dicht bij elkaar, dan is de conclusie robuuster. Een interval dat 0 bevat, betekent
# **geen aantoonbaar effect**: de data passen dan ook bij geen effect.

# %%
show_table(results.effects.drop(columns=["uitkomst", "suppressed"]),
           numbers={"n": 0, "n_interventie": 0, "n_controle": 0, "effect": 2, "se": 2, "ci_low": 2,
                    "ci_high": 2, "p": 3},
           rename={"ci_low": "95%-interval van", "ci_high": "tot", "se": "standaardfout"})

# %%
fig = figuren.effect_figure(results.effects, min_cel=min_cel)
_ = save_figure(fig, out, "effectschattingen")

# %%
display(Markdown("\n".join(f"- {line}" for line in le.effect_sentences(results.effects))))

# %% [markdown]
# ### Hoe groot is het effect?
#
# Een gestandaardiseerde effectgrootte maakt het effect vergelijkbaar met andere studies.
# Ter vergelijking: Nederlandse evaluaties vonden d ≈ −0,33 tot −0,58 voor kansrijke
# aanpakken; de meeste gemonitorde interventies lieten géén aantoonbaar effect zien.

# %%
display(Markdown(le.effect_size_sentence(results.effect_size)))

# %% [markdown]
# ### Blijft het effect?
#
# Vergelijk de regels voor T2 (na ongeveer een jaar) in de effecttabel hierboven met die
# voor T1. Is het effect op T2 kleiner of bevat het interval 0, dan is het effect na een
# jaar niet meer aan te tonen. De effectgrootte van de verandering sinds de start:

# %%
show_table(results.effect_sizes.drop(columns="suppressed"),
           numbers={"verschil": 2, "cohen_d": 2, "hedges_g": 2, "ci_low": 2, "ci_high": 2},
           rename={"verschil": "verschil in verandering", "cohen_d": "Cohen's d", "hedges_g": "Hedges' g",
                   "ci_low": "95%-interval d van", "ci_high": "tot"})

# %% [markdown]
# ## Emotionele en sociale eenzaamheid
#
# Dezelfde schattingen (ANCOVA en verschil-in-verschillen) voor de twee deelscores. Een
# aanpak die vooral het netwerk vergroot, zal eerder sociale dan emotionele eenzaamheid
# verminderen.

# %%
show_table(results.subscales.drop(columns="suppressed"),
           numbers={"n": 0, "n_interventie": 0, "n_controle": 0, "effect": 2, "se": 2, "ci_low": 2,
                    "ci_high": 2, "p": 3},
           rename={"ci_low": "95%-interval van", "ci_high": "tot", "se": "standaardfout"})

# %% [markdown]
# ## Voor wie werkt het?
#
# Het ANCOVA-effect per gebied, leeftijdsgroep en geslacht. Kleine groepen geven brede
# intervallen: een verschil tussen subgroepen is pas betekenisvol als de intervallen
# nauwelijks overlappen. Met `gemeente` ingesteld staat uw gemeente naast de overige
# gemeenten.

# %%
fig = figuren.area_prevalence_figure(results.prevalence_area, "eenzaam", min_cel=min_cel)
_ = save_figure(fig, out, "eenzaam_per_gebied")

# %%
for name, table in results.subgroups.items():
    display(Markdown(f"**Effect per {name}**"))
    display(show_table(table.drop(columns=["methode", "uitkomst", "suppressed"]),
                       numbers={"n": 0, "n_interventie": 0, "n_controle": 0, "effect": 2, "se": 2,
                                "ci_low": 2, "ci_high": 2, "p": 3},
                       rename={"ci_low": "95%-interval van", "ci_high": "tot", "se": "standaardfout"}))

# %% [markdown]
# ## Beperkingen
#
# - **Geen loting.** De controlegroep is niet door loting gevormd. Verschillen bij de start
#   (zie boven) kunnen ook na correctie een deel van het verschil verklaren; ANCOVA en
#   verschil-in-verschillen kunnen daardoor uiteenlopen (Lord's paradox).
# - **Uitval.** Wie uitvalt, kan eenzamer zijn dan wie blijft. ANCOVA en
#   verschil-in-verschillen gebruiken alleen wie op beide momenten meedeed; het gemengde
#   model gebruikt ook de metingen van uitvallers, maar veronderstelt dat uitval alleen
#   afhangt van wat we gemeten hebben.
# - **Regressie naar het midden.** Wie is geworven omdat hij bij de start erg eenzaam was,
#   scoort later vaak wat lager, ook zonder aanpak. De controlegroep vangt dat alleen op als
#   die even eenzaam begon.
# - **Veel vergelijkingen.** Bij subgroepen en deelscores is een enkel 'aantoonbaar' effect
#   ook door toeval te verwachten; lees ze als aanwijzing, niet als bewijs.
# - **Zelfrapportage.** De schaal meet hoe deelnemers zich voelen; wie weet dat hij aan een
#   aanpak meedoet, kan anders antwoorden.

# %% [markdown]
# ## Resultaten opslaan
#
# De kerncijfers gaan naar `results.json` (met de parameters en de vingerafdruk van het
# invoerbestand), de figuren naar de map `figuren` ernaast.

# %%
figures = {**lo.key_figures(results), **lo.result_tables(results)}
parameters = {"data_dir": data_dir, "gemeente": gemeente, "min_cel": min_cel, "output_dir": output_dir,
              "covariaten": covariaten}
path = write_results(out, lo.ANALYSIS, figures, parameters=parameters, inputs=[loaded.path])
print(f"geschreven: {path}")
