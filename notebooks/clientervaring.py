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
# # Cliëntervaringsonderzoek Wmo
#
# **Wat vinden cliënten van de toegang tot, de kwaliteit van en het effect van hun
# Wmo-ondersteuning?** Per stelling en per gemeente: welk deel is het (helemaal) eens,
# hoe zeker is dat, lijkt de respons op de cliëntenpopulatie, en verschilt een gemeente
# echt van de regio als we rekening houden met toeval en met verschillen in de
# samenstelling van de cliënten (leeftijd, geslacht, wie de vragenlijst invulde)?
#
# Over groepen met minder dan `min_cel` geldige antwoorden wordt niets gepubliceerd
# (weergegeven als –). De open toelichting van cliënten wordt nooit getoond.

# %% tags=["parameters"]
data_dir = "data/raw"  # map met de ruwe data (clientervaring_antwoorden en clientervaring_populatie)
gemeente = "alle"  # gemeente waar het rapport over gaat, of "alle" voor de hele regio
min_cel = 10  # kleinste groep waarover cijfers gepubliceerd mogen worden
output_dir = ""  # map voor results.json en figuren (leeg: reports/clientervaring/<gemeente>)
funnel_item = "v03"  # stelling in het trechterdiagram (v01 t/m v10)

# %%
from werkplaats import clientervaring as lijn
from werkplaats.clientervaring import figures as figuren
from werkplaats.clientervaring import text as tekst
from werkplaats.clientervaring.preparation import gemeenten_without_population
from werkplaats.formatting import show
from werkplaats.lines import load_line
from werkplaats.paths import output_dir_for, resolve
from werkplaats.plots import save_figure
from werkplaats.results import save_results

out = output_dir_for(output_dir, lijn.ANALYSIS, gemeente)

# %% [markdown]
# ## De gegevens
#
# De antwoorden worden gecontroleerd tegen het codeboek. Vrije tekst en direct
# identificerende kolommen worden bij het inlezen verwijderd; de bewerkte data (zonder
# toelichting en zonder respondentcode) gaan naar `data/processed`.

# %%
geladen = load_line(lijn.ANALYSIS, resolve(data_dir))
prepared = lijn.prepare(geladen)
for line in prepared.summaries:
    print(line)
processed = lijn.write_prepared(prepared)

# %%
results = lijn.analyse(prepared, gemeente=gemeente, min_cel=min_cel, funnel_item=funnel_item)
tabellen = lijn.tables(results)
focus = results.gemeente != "alle" and tekst.has_figures(tabellen["stellingen"], results.gemeente)
print(tekst.years_sentence(results.year, results.years))
if note := tekst.focus_note(tabellen["stellingen"], results.gemeente, results.min_cel):
    print(note)
if note := tekst.population_note(gemeenten_without_population(prepared.answers, prepared.population)):
    print(note)

# %% [markdown]
# Per gemeente en jaar het aantal respondenten en de geldige, `weet niet`- en lege antwoorden
# over alle stellingen samen.

# %%
show(tabellen["datacontrole"])

# %% [markdown]
# ## Respons en representativiteit
#
# Hoeveel cliënten deden mee, en lijkt de groep die antwoordde op alle cliënten met een
# Wmo-voorziening? Als bijvoorbeeld jongere cliënten vaker antwoorden dan oudere, kan het
# totaalbeeld scheef zijn; verderop wegen we daarom naar leeftijd en geslacht.

# %%
show(tabellen["respons"])

# %%
show(tabellen["respons_kenmerken"])

# %% [markdown]
# ## Alle stellingen
#
# Per stelling de verdeling van de antwoorden onder wie een geldig antwoord gaf (`weet
# niet / n.v.t.` en lege antwoorden tellen niet mee). Links van de nul staat wie het
# (helemaal) oneens is, rechts wie het (helemaal) eens is; de neutrale antwoorden staan
# half links, half rechts.

# %%
fig = figuren.plot_statements(tabellen["verdeling_regio"], "Alle gemeenten samen")
_ = save_figure(fig, out, "stellingen_regio")

# %%
if focus:
    verdeling = tabellen["verdeling"]
    fig = figuren.plot_statements(verdeling[verdeling["gemeente"] == results.gemeente], results.gemeente)
    _ = save_figure(fig, out, "stellingen_gemeente")

# %% [markdown]
# Het aandeel (helemaal) mee eens per gemeente en in de regio, met het
# 95%-betrouwbaarheidsinterval (Wilson). Stelling v05 is een ja/nee-vraag: daar staat het
# aandeel `ja`.

# %%
show(tabellen["stellingen"])

# %%
show(tabellen["stellingen_regio"])

# %% [markdown]
# ## Uw gemeente vergeleken met de regio
#
# Alleen als `gemeente` is ingesteld: per stelling het aandeel in uw gemeente (met
# interval) naast dat van alle gemeenten samen.

# %%
if focus:
    fig = figuren.plot_compare_region(tabellen["vergelijking_regio"], results.gemeente)
    _ = save_figure(fig, out, "gemeente_vergeleken_met_regio")
    display(show(tabellen["vergelijking_regio"]))

# %% [markdown]
# ## Verschilt een gemeente echt? Het trechterdiagram
#
# Kleine gemeenten wijken door toeval sterker af dan grote. Het trechterdiagram zet elke
# gemeente uit tegen het aantal antwoorden, met grenzen waarbinnen 95% en 99,8% van de
# uitkomsten zou vallen als alle gemeenten in werkelijkheid gelijk zijn aan het
# regiogemiddelde. Alleen een punt buiten de 99,8%-grenzen wijst op een echt verschil.

# %%
fig = figuren.plot_funnel(tabellen["trechter"], target=results.funnel_target, item=results.parameters["funnel_item"],
                          gemeente=results.gemeente)
_ = save_figure(fig, out, "trechterdiagram")
show(tabellen["trechter"])

# %% [markdown]
# ## Gewogen en ongewogen
#
# Per gemeente met minstens 30 respondenten wegen we de antwoorden zo dat de verdeling
# naar leeftijd en geslacht gelijk is aan die van alle cliënten (rakingmethode). De
# standaardfout houdt rekening met de weging; het design-effect (Kish) zegt hoeveel
# precisie de weging kost.

# %%
if len(tabellen["gewogen"]):
    fig = figuren.plot_weighted(tabellen["gewogen"])
    _ = save_figure(fig, out, "gewogen_ongewogen")
show(tabellen["gewogen"])

# %% [markdown]
# ## Verschillen na correctie voor de samenstelling (case-mix)
#
# Een gemeente met veel oudere cliënten kan hoger scoren omdat ouderen vaker tevreden zijn,
# niet omdat de ondersteuning beter is. Met een logistisch model (oordeel ~ gemeente +
# leeftijdsklasse + geslacht + wie invulde) berekenen we per gemeente het aandeel dat
# het eens zou zijn bij de samenstelling van de hele regio.

# %%
fig = figuren.plot_casemix(tabellen["casemix"], results.casemix.item)
_ = save_figure(fig, out, "casemix")
show(tabellen["casemix"])

# %%
show(tabellen["casemix_model"])

# %% [markdown]
# ## Betrouwbaarheid van de vragenlijst
#
# Cronbach's alfa geeft aan hoe goed de stellingen samen één oordeel meten (boven 0,7 is
# gebruikelijk voldoende, boven 0,8 goed), met een 95%-interval (Feldt).

# %%
show(tabellen["alfa"])

# %% [markdown]
# ## Ontwikkeling door de jaren
#
# Alleen als de data meer dan één jaar bevatten.

# %%
if "trend" in tabellen:
    fig = figuren.plot_trend(tabellen["trend"], results.gemeente if focus else "regio")
    _ = save_figure(fig, out, "trend")
    display(show(tabellen["trend"]))

# %% [markdown]
# ## Beperkingen
#
# - De respons is een deel van alle cliënten; wie niet antwoordt kan anders oordelen. Weging
#   naar leeftijd en geslacht corrigeert alleen voor die kenmerken.
# - De formulering van v08–v10 is gereconstrueerd en niet officieel bevestigd.
# - Het trechterdiagram en het case-mixmodel houden rekening met toeval en samenstelling,
#   maar niet met verschillen in het soort voorziening of in de uitvoering van het onderzoek.
# - Cijfers over minder dan `min_cel` antwoorden zijn weggelaten (–), ook als ze via een
#   totaal min de andere cijfers terug te rekenen zouden zijn; de open toelichting wordt
#   nooit gepubliceerd.

# %%
# results.json: kerncijfers, afgeschermde tabellen met hun rollen, parameters en herkomst
_ = save_results(out, lijn, results, geladen, parameters={"data_dir": data_dir, "output_dir": output_dir})
