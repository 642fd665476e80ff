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

from werkplaats import eenzaamheid as lijn
from werkplaats.eenzaamheid import figures as figuren
from werkplaats.eenzaamheid import robustness_text as robuust_tekst
from werkplaats.eenzaamheid import text as tekst
from werkplaats.formatting import show
from werkplaats.lines import load_line
from werkplaats.paths import output_dir_for, resolve
from werkplaats.plots import save_figure
from werkplaats.results import save_results

out = output_dir_for(output_dir, lijn.ANALYSIS, gemeente)

# %% [markdown]
# ## De gegevens
#
# Het bestand wordt gecontroleerd tegen het codeboek (toegestane antwoorden, één rij per
# deelnemer per meting, groep `interventie` of `controle`). Kolommen met direct
# identificerende gegevens (zoals naam of e-mailadres) worden bij het inlezen verwijderd.

# %%
loaded = load_line(lijn.ANALYSIS, resolve(data_dir))
print(loaded["eenzaamheid_metingen"].summary())
prepared = lijn.prepare(loaded)  # controleert de deelnemers en scoort de schaal
_ = lijn.write_prepared(prepared)  # schrijft data/processed/eenzaamheid_scores.parquet

# %%
results = lijn.analyse(prepared, gemeente=gemeente, min_cel=min_cel, covariates=covariaten)
tabellen = lijn.tables(results)
kerncijfers = lijn.key_figures(results)
print(tekst.focus_sentence(tabellen["omvang"], results.min_cel))

# %%
show(tabellen["controle"])

# %%
show(tabellen["controle_deelnemers"])

# %%
display(Markdown(tekst.removed_sentence(results.removed)))

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

# %% [markdown]
# ## Wie deed mee en wie viel uit?
#
# Niet iedereen vulde de vragenlijst ook na drie maanden en na een jaar in. Uitval is
# alleen onschuldig als de uitvallers lijken op de blijvers. De tweede tabel vergelijkt bij
# de start wie bleef met wie uitviel.

# %%
show(tabellen["uitval"])

# %%
show(tabellen["uitvallers"])

# %% [markdown]
# ## Zijn de groepen vergelijkbaar bij de start?
#
# De groepen zijn niet door loting gevormd. Het gestandaardiseerde verschil zegt hoeveel
# standaarddeviaties de groepen bij de start uit elkaar liggen; boven 0,1 spreken we van
# een verschil dat aandacht vraagt.

# %%
show(tabellen["balans"])

# %%
display(Markdown(tekst.balance_sentence(tabellen["balans"])))

# %% [markdown]
# ## Hoe eenzaam zijn de deelnemers?

# %%
display(Markdown(tekst.prevalence_sentence(kerncijfers["prevalence_T0"], "de deelnemers")))

# %% [markdown]
# Het aandeel eenzamen per meting en groep, met het 95%-betrouwbaarheidsinterval (Wilson):
# de werkelijke waarde ligt met 95% zekerheid binnen de streepjes.

# %%
fig = figuren.prevalence_figure(tabellen["prevalentie"], "eenzaam", min_cel=min_cel)
_ = save_figure(fig, out, "eenzaam_per_meting")

# %%
fig = figuren.prevalence_figure(tabellen["prevalentie"], "ernstig", min_cel=min_cel)
_ = save_figure(fig, out, "ernstig_eenzaam_per_meting")

# %%
show(tabellen["prevalentie"])

# %% [markdown]
# ## De gemiddelde score per groep
#
# De gemiddelde eenzaamheidsscore (0–11) per meting en groep, met 95%-interval. Daaronder
# de gemiddelde verandering sinds de start, alleen voor wie op beide momenten meedeed.

# %%
fig = figuren.trajectory_figure(tabellen["gemiddelden"], min_cel=min_cel)
_ = save_figure(fig, out, "gemiddelde_score_per_meting")

# %%
show(tabellen["verandering"])

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
show(tabellen["effecten"], hide=["uitkomst"])

# %%
fig = figuren.effect_figure(tabellen["effecten"], min_cel=min_cel)
_ = save_figure(fig, out, "effectschattingen")

# %%
display(Markdown("\n".join(f"- {line}" for line in tekst.effect_sentences(tabellen["effecten"]))))

# %%
show(tabellen["gemengd_model"])

# %% [markdown]
# ### Een vierde schatting: vergelijkbare groepen maken met een propensity-score
#
# De deelnemers kozen zelf (of werden gekozen) voor de interventie; de groepen zijn niet
# door loting gemaakt. Daarom schatten we voor iedere deelnemer de kans om in de
# interventiegroep te zitten (de **propensity-score**), uit de score bij de start, leeftijd,
# geslacht en gemeente. Met die kans geven we de deelnemers een **gewicht**: wie in de
# interventiegroep zit maar er qua kenmerken ook in de controlegroep had kunnen zitten (en
# andersom) telt zwaarder mee (*overlapgewichten*). Zo vergelijken we mensen die op elkaar
# lijken. Daarna herhalen we de ANCOVA van T1 met die gewichten; de standaardfout houdt
# rekening met de weging.
#
# De **effectieve steekproefgrootte** zegt met hoeveel ongewogen deelnemers de gewogen groep
# even veel informatie geeft. De balanstabel laat zien of de weging werkt: na de weging
# moeten de groepen op elk kenmerk minder dan 0,1 standaarddeviatie verschillen.
# Beperking: de weging corrigeert alleen voor de kenmerken die in de propensity-score zitten.

# %%
show(tabellen["overlap"])

# %%
display(Markdown(robuust_tekst.overlap_sentence(tabellen["overlap"])))

# %%
show(tabellen["balans_gewogen"])

# %%
display(Markdown(robuust_tekst.weighted_balance_sentence(tabellen["balans_gewogen"])))

# %% [markdown]
# ### Gevoeligheidsanalyse: wat als de ontbrekende metingen waren ingevuld?
#
# De ANCOVA gebruikt alleen deelnemers met een score bij de start én op T1. Wie uitviel, of
# meer dan één vraag oversloeg, telt niet mee. Als die mensen anders zijn dan wie bleef,
# kan dat de schatting vertekenen. Daarom vullen we de ontbrekende scores een aantal keer
# (minstens 20) aan met waarden die passen bij wat we wél van die deelnemers weten (leeftijd,
# geslacht, gemeente, hun andere metingen), telkens met toevallige variatie: **meervoudige
# imputatie**. Op elke aangevulde dataset schatten we de ANCOVA en combineren de
# uitkomsten (regels van Rubin); de onzekerheid over de aangevulde waarden zit dan in het
# interval. Liggen beide schattingen dicht bij elkaar, dan hangt de conclusie niet af van de
# ontbrekende metingen. Beperking: dit gaat ervan uit dat het ontbreken samenhangt met wat we
# gemeten hebben, niet met iets onbekends.

# %%
show(tabellen["gevoeligheid_imputatie"], hide=["uitkomst"])

# %%
display(Markdown(robuust_tekst.imputation_sentence(tabellen["gevoeligheid_imputatie"])))

# %% [markdown]
# ### Hoe groot is het effect?
#
# Een gestandaardiseerde effectgrootte maakt het effect vergelijkbaar met andere studies.
# Ter vergelijking: Nederlandse evaluaties vonden d ≈ −0,33 tot −0,58 voor kansrijke
# aanpakken; de meeste gemonitorde interventies lieten géén aantoonbaar effect zien.

# %%
display(Markdown(tekst.effect_size_sentence(kerncijfers["hedges_g_change_T1"])))

# %% [markdown]
# ### Blijft het effect?
#
# Vergelijk de regels voor T2 (na ongeveer een jaar) in de effecttabel hierboven met die
# voor T1. Is het effect op T2 kleiner of bevat het interval 0, dan is het effect na een
# jaar niet meer aan te tonen. De effectgrootte van de verandering sinds de start:

# %%
show(tabellen["effectgrootte"])

# %% [markdown]
# ## Emotionele en sociale eenzaamheid
#
# Dezelfde schattingen (ANCOVA en verschil-in-verschillen) voor de twee deelscores. Een
# aanpak die vooral het netwerk vergroot, zal eerder sociale dan emotionele eenzaamheid
# verminderen.

# %%
show(tabellen["subschalen"])

# %% [markdown]
# ## Voor wie werkt het?
#
# Het ANCOVA-effect per gebied, leeftijdsgroep en geslacht. Kleine groepen geven brede
# intervallen: een verschil tussen subgroepen is pas betekenisvol als de intervallen
# nauwelijks overlappen. Met `gemeente` ingesteld staat uw gemeente naast de overige
# gemeenten.

# %%
fig = figuren.area_prevalence_figure(tabellen["prevalentie_gebied"], "eenzaam", min_cel=min_cel)
_ = save_figure(fig, out, "eenzaam_per_gebied")

# %%
show(tabellen["prevalentie_gebied"])

# %%
show(tabellen["subgroep_gebied"], hide=["methode", "uitkomst"])

# %%
show(tabellen["subgroep_leeftijdsgroep"], hide=["methode", "uitkomst"])

# %%
show(tabellen["subgroep_geslacht"], hide=["methode", "uitkomst"])

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

# %%
# results.json: kerncijfers, afgeschermde tabellen met hun rollen, parameters en herkomst
_ = save_results(out, lijn, results, loaded, parameters={"data_dir": data_dir, "output_dir": output_dir})
