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
from werkplaats.clientervaring import analysis as ex
from werkplaats.clientervaring import figures as figuren
from werkplaats.clientervaring.scoring import STATEMENTS
from werkplaats.paths import output_dir_for, resolve
from werkplaats.plots import save_figure
from werkplaats.results import write_results

out = output_dir_for(output_dir, ex.ANALYSIS, gemeente)

# %% [markdown]
# ## De gegevens
#
# De antwoorden worden gecontroleerd tegen het codeboek. Vrije tekst en direct
# identificerende kolommen worden bij het inlezen verwijderd; de bewerkte data (zonder
# toelichting en zonder respondentcode) gaan naar `data/processed`.

# %%
data = ex.load(resolve(data_dir))
for line in data.summaries:
    print(line)
processed = ex.write_processed(data.answers)

# %%
results = ex.analyse(data, gemeente=gemeente, min_cel=min_cel, funnel_item=funnel_item)
focus = results.gemeente != "alle"
print(f"Peiljaar: {results.year}; jaren in de data: {', '.join(map(str, results.years))}")
if focus and not ex.focus_publishable(results):
    print(f"Over {results.gemeente} zijn te weinig antwoorden (minder dan {min_cel}) om iets te publiceren.")

# %% [markdown]
# ## Respons en representativiteit
#
# Hoeveel cliënten deden mee, en lijkt de groep die antwoordde op alle cliënten met een
# Wmo-voorziening? Als bijvoorbeeld jongere cliënten vaker antwoorden dan oudere, kan het
# totaalbeeld scheef zijn; verderop wegen we daarom naar leeftijd en geslacht.

# %%
figuren.show_table(results.response_overview.drop(columns="suppressed"), percent=["responspercentage"],
                   numbers={"respondenten": 0, "populatie": 0})

# %%
figuren.show_table(results.response.drop(columns="suppressed"),
                   percent=["aandeel_respons", "aandeel_populatie", "responspercentage"],
                   numbers={"respondenten": 0, "populatie": 0})

# %% [markdown]
# ## Alle stellingen
#
# Per stelling de verdeling van de antwoorden onder wie een geldig antwoord gaf (`weet
# niet / n.v.t.` en lege antwoorden tellen niet mee). Links van de nul staat wie het
# (helemaal) oneens is, rechts wie het (helemaal) eens is; de neutrale antwoorden staan
# half links, half rechts.

# %%
fig = figuren.plot_statements(results.distribution_region, "Alle gemeenten samen")
_ = save_figure(fig, out, "stellingen_regio")

# %%
if focus and ex.focus_publishable(results):
    mine = results.distribution[results.distribution["gemeente"] == results.gemeente]
    fig = figuren.plot_statements(mine, results.gemeente)
    _ = save_figure(fig, out, "stellingen_gemeente")

# %% [markdown]
# Het aandeel (helemaal) mee eens per gemeente, met het 95%-betrouwbaarheidsinterval
# (Wilson). Stelling v05 is een ja/nee-vraag: daar staat het aandeel `ja`.

# %%
table = results.percent_agree.pivot(index="item", columns="gemeente", values="agree").reset_index()
table.insert(1, "stelling", table["item"].map(STATEMENTS))
figuren.show_table(table, percent=[c for c in table.columns if c not in ("item", "stelling")])

# %% [markdown]
# ## Uw gemeente vergeleken met de regio
#
# Alleen als `gemeente` is ingesteld: per stelling het aandeel in uw gemeente (met
# interval) naast dat van alle gemeenten samen.

# %%
if focus and ex.focus_publishable(results):
    comparison = ex.compare_with_region(results)
    fig = figuren.plot_compare_region(comparison, results.gemeente)
    _ = save_figure(fig, out, "gemeente_vergeleken_met_regio")
    display(figuren.show_table(comparison[["item", "n", "gemeente", "regio", "verschil"]],
                               percent=["gemeente", "regio"], points=["verschil"], numbers={"n": 0}))

# %% [markdown]
# ## Verschilt een gemeente echt? Het trechterdiagram
#
# Kleine gemeenten wijken door toeval sterker af dan grote. Het trechterdiagram zet elke
# gemeente uit tegen het aantal antwoorden, met grenzen waarbinnen 95% en 99,8% van de
# uitkomsten zou vallen als alle gemeenten in werkelijkheid gelijk zijn aan het
# regiogemiddelde. Alleen een punt buiten de 99,8%-grenzen wijst op een echt verschil.

# %%
fig = figuren.plot_funnel(results)
_ = save_figure(fig, out, "trechterdiagram")

# %%
funnel_table = results.funnel.drop(columns="suppressed")
figuren.show_table(funnel_table, percent=["share", "lo95", "hi95", "lo998", "hi998"], numbers={"n": 0})

# %% [markdown]
# ## Gewogen en ongewogen
#
# Per gemeente met minstens 30 respondenten wegen we de antwoorden zo dat de verdeling
# naar leeftijd en geslacht gelijk is aan die van alle cliënten (rakingmethode). De
# standaardfout houdt rekening met de weging; het design-effect (Kish) zegt hoeveel
# precisie de weging kost.

# %%
if len(results.weighted):
    fig = figuren.plot_weighted(results.weighted)
    _ = save_figure(fig, out, "gewogen_ongewogen")
figuren.show_table(results.weighted.drop(columns=["item"]),
                   percent=["unweighted", "weighted", "ci_low", "ci_high"], points=["se"],
                   numbers={"n": 0, "n_valid": 0, "kish_deff": 2, "effective_n": 0})

# %% [markdown]
# ## Verschillen na correctie voor de samenstelling (case-mix)
#
# Een gemeente met veel oudere cliënten kan hoger scoren omdat ouderen vaker tevreden zijn,
# niet omdat de ondersteuning beter is. Met een logistisch model (oordeel ~ gemeente +
# leeftijdsklasse + geslacht + wie invulde) berekenen we per gemeente het aandeel dat
# het eens zou zijn bij de samenstelling van de hele regio.

# %%
adjusted = results.casemix.adjusted
fig = figuren.plot_casemix(adjusted, results.casemix.item)
_ = save_figure(fig, out, "casemix")
figuren.show_table(adjusted[["gemeente", "n", "crude", "adjusted", "ci_low", "ci_high", "difference", "p"]],
                   percent=["crude", "adjusted", "ci_low", "ci_high"], points=["difference"], numbers={"n": 0})

# %% [markdown]
# ## Betrouwbaarheid van de vragenlijst
#
# Cronbach's alfa geeft aan hoe goed de stellingen samen één oordeel meten (boven 0,7 is
# gebruikelijk voldoende, boven 0,8 goed), met een 95%-interval (Feldt).

# %%
for name, label in (("items9", "negen stellingen (v01–v04, v06–v10)"), ("outcome", "effect (v08–v10)")):
    a = results.alpha[name]
    low, high = (figuren.dutch_number(v, 3) for v in a.ci)
    print(f"{label}: alfa = {figuren.dutch_number(a.alpha, 3)} (95%-interval {low} – {high}), n = {a.n}")

# %% [markdown]
# ## Ontwikkeling door de jaren
#
# Alleen als de data meer dan één jaar bevatten.

# %%
if results.trend is not None:
    who = results.gemeente if focus and ex.focus_publishable(results) else "regio"
    fig = figuren.plot_trend(results.trend, who)
    _ = save_figure(fig, out, "trend")

# %% [markdown]
# ## Beperkingen
#
# - De respons is een deel van alle cliënten; wie niet antwoordt kan anders oordelen. Weging
#   naar leeftijd en geslacht corrigeert alleen voor die kenmerken.
# - De formulering van v08–v10 is gereconstrueerd en niet officieel bevestigd.
# - Het trechterdiagram en het case-mixmodel houden rekening met toeval en samenstelling,
#   maar niet met verschillen in het soort voorziening of in de uitvoering van het onderzoek.
# - Cijfers over minder dan `min_cel` antwoorden zijn weggelaten (–); de open toelichting
#   wordt nooit gepubliceerd.

# %%
parameters = {"data_dir": data_dir, "gemeente": gemeente, "min_cel": min_cel, "output_dir": output_dir,
              "funnel_item": funnel_item}
_ = write_results(out, ex.ANALYSIS, ex.key_figures(results), parameters=parameters, inputs=data.inputs)
