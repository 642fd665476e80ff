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
# # Studieopzet: hoeveel deelnemers heeft een nieuw onderzoek nodig?
#
# Voor wie een nieuw interventieonderzoek plant (bijvoorbeeld een aanpak tegen eenzaamheid
# met een voor- en nameting). Dit notebook beantwoordt drie vragen:
#
# 1. Hoeveel deelnemers per groep zijn nodig om een verwacht verschil in een **score** aan
#    te tonen, als we corrigeren voor de voormeting (ANCOVA), en hoeveel moeten we werven
#    als een deel uitvalt?
# 2. Hoeveel deelnemers per groep zijn nodig om een verschil in een **percentage** aan te
#    tonen (bijvoorbeeld het aandeel eenzamen)?
# 3. Hoeveel deelnemers en groepen (teams, wijken) zijn nodig als niet personen maar
#    **groepen** de interventie krijgen (clusteropzet)?
#
# Er worden geen gegevens van personen gebruikt: alleen de aannames hieronder. Verander ze
# en draai het notebook opnieuw (Restart & Run All).

# %% tags=["parameters"]
verschil = 1.0  # verwacht verschil in score tussen interventie en controle (bijv. 1 punt op de DJG-schaal 0-11)
sd = 2.5  # standaarddeviatie van de score (DJG-totaal: ongeveer 2,5 tot 3)
correlatie_voor_na = 0.6  # correlatie tussen voormeting en nameting (vaak 0,5 tot 0,7)
uitval = 0.2  # verwacht aandeel deelnemers dat de nameting niet haalt (0,2 = 20%)
alpha = 0.05  # significantieniveau (tweezijdig)
power = 0.8  # gewenste kans om een echt effect aan te tonen
p_controle = 0.50  # verwacht aandeel eenzamen in de controlegroep bij de nameting
p_interventie = 0.35  # verwacht aandeel eenzamen in de interventiegroep bij de nameting
clustergrootte = 15  # gemiddeld aantal deelnemers per team of wijk
icc = 0.05  # intraclustercorrelatie: hoe sterk deelnemers binnen een team of wijk op elkaar lijken

# %%
import math

from IPython.display import Markdown, display

from werkplaats.plots import new_figure
from werkplaats.stats.power import ancova_n, cluster_n, power_prop_test, power_t_test


def getal(x: float, decimalen: int = 0) -> str:
    """Een getal op z'n Nederlands (komma als decimaalteken)."""
    return f"{x:.{decimalen}f}".replace(".", ",")


# %% [markdown]
# ## 1. Een verschil in score, met voormeting (ANCOVA)
#
# Zonder voormeting vergelijk je de nameting tussen de groepen (t-toets). Met een
# voormeting die samenhangt met de nameting, haalt de ANCOVA een deel van de spreiding weg:
# de benodigde groep wordt ongeveer `1 − correlatie²` keer zo groot (Borm e.a., 2007), plus
# één deelnemer per groep. Daarna delen we door `1 − uitval`: wie uitvalt, telt niet mee.

# %%
plan = ancova_n(delta=verschil, sd=sd, rho=correlatie_voor_na, alpha=alpha, power=power, dropout=uitval)
display(Markdown(
    f"- Zonder voormeting (t-toets): **{math.ceil(plan['n_t_test'])}** deelnemers per groep.\n"
    f"- Met voormeting (ANCOVA, correlatie {getal(correlatie_voor_na, 2)}): "
    f"**{math.ceil(plan['n_ancova'])}** per groep die beide metingen invullen.\n"
    f"- Te werven bij {getal(100 * uitval)}% uitval: **{plan['n_to_recruit']}** per groep, "
    f"**{2 * plan['n_to_recruit']}** in totaal."
))

# %% [markdown]
# Hoe hangt de power af van de groepsgrootte? De lijn met voormeting ligt hoger: met
# dezelfde groep is de kans groter om een echt effect te vinden.

# %%
groottes = list(range(10, 4 * math.ceil(plan["n_t_test"]) + 1, 5))
sd_ancova = sd * math.sqrt(1 - correlatie_voor_na**2)
fig, ax = new_figure()
ax.plot(groottes, [power_t_test(n=n, delta=verschil, sd=sd, alpha=alpha) for n in groottes],
        label="zonder voormeting (t-toets)")
ax.plot(groottes, [power_t_test(n=n - 1, delta=verschil, sd=sd_ancova, alpha=alpha) for n in groottes],
        label="met voormeting (ANCOVA)")
ax.axhline(power, color="grey", linestyle="--", linewidth=1)
ax.set_xlabel("deelnemers per groep (met beide metingen)")
ax.set_ylabel("power")
ax.set_ylim(0, 1)
ax.legend()
fig.suptitle("Power naar groepsgrootte")
fig.text(0, 0, f"Verschil {getal(verschil, 1)} punt, sd {getal(sd, 1)}, alpha {getal(alpha, 2)}", fontsize=8)

# %% [markdown]
# ## 2. Een verschil in percentage
#
# Bijvoorbeeld het aandeel eenzamen (DJG-score 3 of hoger) bij de nameting. Een verschil in
# percentages vraagt veel meer deelnemers dan een verschil in scores: je gooit informatie
# weg door de score in tweeën te delen.

# %%
n_prop = power_prop_test(p1=p_controle, p2=p_interventie, alpha=alpha, power=power)
werven_prop = math.ceil(math.ceil(n_prop) / (1 - uitval))
display(Markdown(
    f"Om {getal(100 * p_controle)}% (controle) tegenover {getal(100 * p_interventie)}% (interventie) aan te "
    f"tonen zijn **{math.ceil(n_prop)}** deelnemers per groep nodig; bij {getal(100 * uitval)}% uitval "
    f"**{werven_prop}** werven per groep."
))

# %% [markdown]
# ## 3. Als teams of wijken de interventie krijgen (clusteropzet)
#
# Deelnemers uit hetzelfde team of dezelfde wijk lijken op elkaar; zij geven samen minder
# informatie dan even veel losse deelnemers. Het **design-effect** `1 + (clustergrootte − 1)
# × ICC` zegt hoeveel keer zo veel deelnemers dan nodig zijn (Kerry & Bland, 1998).

# %%
cluster = cluster_n(math.ceil(plan["n_ancova"]), cluster_size=clustergrootte, icc=icc)
werven_cluster = math.ceil(cluster["n_people"] / (1 - uitval))
display(Markdown(
    f"Design-effect bij {clustergrootte} deelnemers per cluster en ICC {getal(icc, 2)}: "
    f"**{getal(cluster['design_effect'], 2)}**. Nodig per groep: **{cluster['n_people']}** deelnemers met "
    f"beide metingen, verdeeld over **{cluster['n_clusters']}** teams of wijken; bij "
    f"{getal(100 * uitval)}% uitval **{werven_cluster}** werven per groep."
))

# %% [markdown]
# ## Beperkingen
#
# - De uitkomst is zo goed als de aannames: neem het verwachte verschil, de sd en de
#   correlatie uit eerder onderzoek of een pilot, en reken ook een somberder scenario door.
# - De berekening gaat uit van twee even grote groepen, een tweezijdige toets en (bij de
#   clusteropzet) even grote clusters; ongelijke clusters vragen iets meer deelnemers.
# - Een niet-gerandomiseerde opzet (zoals in het eenzaamheidsonderzoek) vraagt bovendien
#   correctie voor verschillen bij de start (zie de propensity-score in het notebook
#   eenzaamheid); daardoor wordt de effectieve groep kleiner.
# - Controle: de getallen komen overeen met R's `power.t.test` en `power.prop.test`
#   (tests/test_power.py).
