"""The people in the institutions' extracts: MOPS families and PUP registered unemployed.

Families live at address points drawn in proportion to residents × the estate's need, so
rates per estate follow the planted pattern. A share of MOPS adults of working age are also
registered at PUP under the same PESEL, some with a training from both offices.

The people live through the demo's periods (`trend.PERIODS`): clients leave and new ones
come, each period's extract is taken on its last day, and a person keeps their PESEL, name,
birth date, sex and address from one period to the next.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import codes, names
from .geography import Geography
from .pesel import pesels
from .trend import Trend

MOPS_PERSONS = 5000
PUP_PERSONS = 4000
# Chance that a family stays a MOPS client into the next year (less where need fell), and
# that a registered unemployed person not helped by MOPS is still registered a year later.
MOPS_STAY = 0.75
PUP_STAY = 0.6
FAMILY_SIZES = np.arange(1, 7)
FAMILY_SIZE_SHARES = np.array([0.44, 0.20, 0.15, 0.12, 0.06, 0.03])
WORKING_AGE = (18, 64)

# Family-level chance of each art. 7 reason before the adjustments in `_reasons`.
REASON_BASE: dict[str, float] = {
    "1": 0.50,
    "2": 0.0,
    "3": 0.0,
    "4": 0.0,
    "5": 0.20,
    "6": 0.25,
    "7": 0.04,
    "7a": 0.0008,
    "8": 0.0,
    "9": 0.0,
    "11": 0.01,
    "12": 0.0,
    "13": 0.06,
    "14": 0.02,
    "15": 0.003,
}


def reference_day(year: int) -> np.datetime64:
    """The day an extract for `year` describes: its last day."""
    return np.datetime64(f"{year}-12-31")


def births(rng: np.random.Generator, age: np.ndarray, year: int) -> np.ndarray:
    """Birth dates (datetime64[D]) of people who are `age` on the last day of `year`."""
    born = (year - age - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    days = ((born.astype("datetime64[Y]") + 1).astype("datetime64[D]") - born).astype(int)
    return np.asarray(born + np.floor(rng.uniform(size=len(age)) * days).astype(int))


def age_on(birth: np.ndarray, year: int) -> np.ndarray:
    """Age in completed years on the last day of `year`."""
    return year - (birth.astype("datetime64[Y]").astype(int) + 1970)


def mops_clients(
    rng: np.random.Generator,
    geo: Geography,
    points: pd.DataFrame,
    scale: int,
    trend: Trend,
    others: np.ndarray | None = None,
) -> dict[int, pd.DataFrame]:
    """Per period, one row per MOPS client, grouped in families (all members share point and flat).

    The first period's families are drawn afresh; each later period keeps a family with a
    chance that falls where need fell, and new families arrive where need is, so that every
    period's families per estate follow that period's need. A family keeps its members,
    address, number and reasons; ages follow the birth dates; forms of support are the year's.

    Columns: family (0.. in the period), family_id, number, member, role (head/partner/child),
    female, age, birth, pesel, surname, first_name, point (row of `points`), flat (0 = none),
    hot, reasons (tuple of codes), forms (tuple), in_pup (bool), pup_training (bool),
    pup_since (datetime64[D]).

    `others` are PESELs of another city's people, which nobody here gets.
    """
    estate = points["estate"].to_numpy()
    residents = points["residents"].to_numpy()
    years = trend.periods
    need = {y: trend.need[y][estate] for y in years}
    mean_size = float(FAMILY_SIZES @ FAMILY_SIZE_SHARES)
    latest = float(residents @ need[years[-1]])
    target = {
        y: MOPS_PERSONS * scale / mean_size * float(residents @ need[y]) / latest for y in years
    }

    everyone = pd.DataFrame()
    active = np.zeros(0, dtype=np.int64)
    taken = np.zeros(0, dtype=object) if others is None else np.asarray(others, dtype=object)
    by_year: dict[int, pd.DataFrame] = {}
    for k, year in enumerate(years):
        if k == 0:
            weight = residents * need[year]
            count = round(target[year])
        else:
            ratio = trend.need[year] / trend.need[years[k - 1]]
            stay = MOPS_STAY * np.minimum(1.0, ratio)
            point_of = everyone.groupby("family_id")["point"].first().reindex(active).to_numpy()
            kept = rng.uniform(size=len(active)) < stay[estate[point_of]]
            active = active[kept]
            weight = (
                residents
                * need[years[k - 1]]
                * (ratio - MOPS_STAY * np.minimum(1.0, ratio))[estate]
            )
            count = max(0, round(target[year]) - len(active))
        first_id = int(everyone["family_id"].max()) + 1 if len(everyone) else 0
        numbered = int(everyone["number"].max()) if len(everyone) else 1000
        new = _new_families(rng, geo, points, weight, count, year, (first_id, numbered), taken)
        taken = np.concatenate([taken, new["pesel"].to_numpy()])
        everyone = pd.concat([everyone, new], ignore_index=True)
        active = np.concatenate([active, np.arange(first_id, first_id + count)])
        by_year[year] = _the_year(rng, everyone, active, year)
    return by_year


def _new_families(
    rng: np.random.Generator,
    geo: Geography,
    points: pd.DataFrame,
    weight: np.ndarray,
    count: int,
    year: int,
    first: tuple[int, int],
    taken: np.ndarray,
) -> pd.DataFrame:
    """`count` families arriving in `year`, living at points drawn by `weight`; `first` is
    the first family id to give and the last family number given."""
    size = rng.choice(FAMILY_SIZES, count, p=FAMILY_SIZE_SHARES)
    point = rng.choice(len(points), count, p=weight / weight.sum())
    flats = points["flats"].to_numpy()[point]
    flat = np.where(flats > 0, np.floor(rng.uniform(size=count) * flats) + 1, 0).astype(int)
    old = (size == 1) & (rng.uniform(size=count) < 0.35)
    head_age = np.where(
        old,
        rng.integers(65, 93, count),
        np.where(size == 1, rng.integers(19, 65, count), rng.integers(22, 56, count)),
    )
    partner = (size >= 2) & (rng.uniform(size=count) < 0.45)
    female_share = np.where(size == 1, np.where(old, 0.65, 0.42), np.where(partner, 0.4, 0.85))
    head_female = rng.uniform(size=count) < female_share
    hot = np.array([e.hot for e in geo.estates])[points["estate"].to_numpy()[point]]

    family = np.repeat(np.arange(count), size)
    member = np.arange(len(family)) - np.repeat(np.cumsum(size) - size, size)
    role = np.where(
        member == 0, "head", np.where((member == 1) & partner[family], "partner", "child")
    )
    n = len(family)
    age = np.select(
        [role == "head", role == "partner"],
        [head_age[family], np.clip(head_age[family] + rng.normal(0, 4, n).round(), 18, 95)],
        np.floor(rng.uniform(size=n) * (np.minimum(17, head_age[family] - 19) + 1)),
    ).astype(int)
    female = np.select(
        [role == "head", role == "partner"],
        [head_female[family], ~head_female[family]],
        rng.uniform(size=n) < 0.49,
    )
    birth = births(rng, age, year)
    children = np.bincount(family, weights=role == "child", minlength=count).astype(int)
    reasons = _reasons(rng, size, children, head_age, hot)
    # Registered at PUP since (if ever, which the year's `in_pup` decides).
    since = reference_day(year) - np.clip(rng.exponential(420, n), 5, 2500).astype(int)
    people = pd.DataFrame(
        {
            "family": family,
            "member": member,
            "role": role,
            "female": female,
            "birth": birth,
            "pesel": pesels(rng, birth, female, taken=taken),
            "point": point[family],
            "flat": flat[family],
            "hot": hot[family],
            "pup_draw": rng.uniform(size=n),
            "pup_since": np.maximum(since, _adult_day(birth)),
        }
    )
    people = _names(rng, people, family_count=count)
    people["reasons"] = [reasons[f] for f in family]
    people["family_id"] = family + first[0]
    people["number"] = (first[1] + np.cumsum(rng.integers(1, 4, count)))[family]
    return people.drop(columns="family")


def _the_year(
    rng: np.random.Generator, everyone: pd.DataFrame, active: np.ndarray, year: int
) -> pd.DataFrame:
    """The MOPS clients of `year`: the active families' members, with the year's forms."""
    people = everyone[everyone["family_id"].isin(active)].sort_values(
        ["family_id", "member"], kind="stable"
    )
    ids = people["family_id"].to_numpy()
    family = np.unique(ids, return_inverse=True)[1]
    people = people.assign(family=family, age=age_on(people["birth"].to_numpy(), year))
    people = people.reset_index(drop=True)
    head_age = people.groupby("family")["age"].first().to_numpy()
    reasons = people.groupby("family")["reasons"].first().tolist()
    return _forms(rng, people, head_age, reasons)


def _reasons(
    rng: np.random.Generator,
    size: np.ndarray,
    children: np.ndarray,
    head_age: np.ndarray,
    hot: np.ndarray,
) -> list[tuple[str, ...]]:
    codes_ = list(REASON_BASE)
    p = np.tile(np.array(list(REASON_BASE.values())), (len(size), 1))
    col = {c: i for i, c in enumerate(codes_)}
    working = head_age <= WORKING_AGE[1]
    p[:, col["1"]] *= np.where(hot, 1.3, 1.0)
    p[:, col["4"]] = np.where(working, np.where(hot, 0.55, 0.35), 0.0)
    p[:, col["5"]] *= np.where(head_age >= 60, 1.6, 1.0)
    p[:, col["6"]] *= np.where(head_age >= 65, 1.8, 1.0)
    p[:, col["9"]] = np.where(children > 0, 0.25, 0.02)
    p[:, col["13"]] *= np.where(hot, 2.0, 1.0)
    p[:, col["3"]] = np.where(size == 1, 0.025, 0.0)
    p[:, col["8"]] = np.where(children >= 3, 0.5, np.where(children > 0, 0.05, 0.0))
    p[:, col["2"]] = np.where(children > 0, 0.01, 0.0)
    p[:, col["12"]] = np.where(working, 0.02, 0.0)
    has = rng.uniform(size=p.shape) < p
    has[~has.any(axis=1), col["1"]] = True
    return [tuple(c for c, h in zip(codes_, row) if h) for row in has]


def _names(rng: np.random.Generator, people: pd.DataFrame, family_count: int) -> pd.DataFrame:
    surname = np.array(names.SURNAMES_M, dtype=object)[
        rng.integers(len(names.SURNAMES_M), size=family_count)
    ]
    return people.assign(
        surname=_surname(surname[people["family"].to_numpy()], people["female"].to_numpy()),
        first_name=_first_names(rng, people["female"].to_numpy()),
    )


def _surname(male: np.ndarray, female: np.ndarray) -> np.ndarray:
    feminine = np.array([names.female_surname(s) for s in male], dtype=object)
    return np.where(female, feminine, male)


def _first_names(rng: np.random.Generator, female: np.ndarray) -> np.ndarray:
    f = np.array(names.FIRST_NAMES_F, dtype=object)[
        rng.integers(len(names.FIRST_NAMES_F), size=len(female))
    ]
    m = np.array(names.FIRST_NAMES_M, dtype=object)[
        rng.integers(len(names.FIRST_NAMES_M), size=len(female))
    ]
    return np.where(female, f, m)


def _forms(
    rng: np.random.Generator,
    people: pd.DataFrame,
    head_age: np.ndarray,
    reasons: list[tuple[str, ...]],
) -> pd.DataFrame:
    """Forms of support, and who of the working-age adults is also registered at PUP."""
    family = people["family"].to_numpy()
    n_fam = len(head_age)
    has = {c: np.array([c in r for r in reasons]) for c in ("1", "3", "4", "5", "6", "7", "13")}
    size = np.bincount(family, minlength=n_fam)
    fam_p = {
        "zasiłek stały": np.where(
            (size == 1) & (has["5"] | has["6"] | (head_age >= 65)), 0.6, 0.03
        ),
        "zasiłek okresowy": np.where(has["1"] | has["4"], 0.35, 0.05),
        "zasiłek celowy": np.full(n_fam, 0.45),
        "praca socjalna": np.full(n_fam, 0.7),
        "kontrakt socjalny": np.where(has["4"], 0.12, 0.02),
        "usługi opiekuńcze": np.where(
            head_age >= 70, 0.45, np.where(has["5"] | has["6"], 0.1, 0.0)
        ),
        "schronienie": np.where(has["3"], 0.8, 0.0),
    }
    fam_forms = np.column_stack(
        [rng.uniform(size=n_fam) < fam_p[f] for f in codes.MOPS_FAMILY_FORMS]
    )
    fam_forms[~fam_forms.any(axis=1), codes.MOPS_FAMILY_FORMS.index("praca socjalna")] = True

    age = people["age"].to_numpy()
    adult = age >= 18
    working = adult & (age <= WORKING_AGE[1])
    unemployed = working & has["4"][family]
    in_pup = working & (people["pup_draw"].to_numpy() < np.where(has["4"][family], 0.6, 0.08))
    training = working & (rng.uniform(size=len(age)) < np.where(in_pup, 0.22, 0.05))
    per_p = {
        "posiłek": np.where(adult, np.where(age >= 65, 0.2, 0.08), 0.6),
        "szkolenie": training.astype(float),
        "CIS": np.where(unemployed, 0.05, 0.0),
        "KIS": np.where(unemployed, 0.06, 0.0),
        "prace społecznie użyteczne": np.where(unemployed, 0.06, 0.0),
        "poradnictwo specjalistyczne": np.where(
            adult, np.where(has["7"][family] | has["13"][family], 0.3, 0.05), 0.0
        ),
    }
    person_forms = np.column_stack(
        [rng.uniform(size=len(age)) < per_p[f] for f in codes.MOPS_PERSON_FORMS]
    )
    forms_fam = [tuple(f for f, h in zip(codes.MOPS_FAMILY_FORMS, row) if h) for row in fam_forms]
    forms = [
        forms_fam[fam] + tuple(f for f, h in zip(codes.MOPS_PERSON_FORMS, row) if h)
        for fam, row in zip(family, person_forms)
    ]
    pup_training = in_pup & (rng.uniform(size=len(age)) < np.where(training, 0.5, 0.18))
    return people.assign(forms=forms, in_pup=in_pup, pup_training=pup_training)


def pup_clients(
    rng: np.random.Generator,
    points: pd.DataFrame,
    mops: dict[int, pd.DataFrame],
    scale: int,
    trend: Trend,
    others: np.ndarray | None = None,
) -> dict[int, pd.DataFrame]:
    """Per period, one row per registered unemployed person: MOPS clients flagged `in_pup`,
    then others. The others stay registered into the next year with a chance (until 65),
    newcomers fill the register up to its size and registered within the year.

    Columns: pesel, surname, first_name, female, age, birth, point, flat, registered
    (datetime64[D]), categories (tuple), instruments (tuple), mops_row (row of the year's
    `mops` table or -1). `others` are PESELs of another city's people, which nobody here gets.
    """
    estate = points["estate"].to_numpy()
    taken = np.concatenate(
        [m["pesel"].to_numpy() for m in mops.values()]
        + ([] if others is None else [np.asarray(others, dtype=object)])
    )
    pool = pd.DataFrame()
    active = np.zeros(0, dtype=np.int64)
    by_year: dict[int, pd.DataFrame] = {}
    for k, year in enumerate(trend.periods):
        clients = mops[year]
        shared = clients[clients["in_pup"]]
        target = max(0, round(PUP_PERSONS * scale) - len(shared))
        if k > 0:
            age = age_on(pool["birth"].to_numpy()[active], year)
            kept = (rng.uniform(size=len(active)) < PUP_STAY) & (age <= WORKING_AGE[1])
            active = active[kept][:target]
        weight = points["residents"].to_numpy() * trend.need[year][estate] ** 0.8
        new = _new_unemployed(rng, points, weight, target - len(active), year, k == 0, taken)
        taken = np.concatenate([taken, new["pesel"].to_numpy()])
        active = np.concatenate([active, np.arange(len(pool), len(pool) + len(new))])
        pool = pd.concat([pool, new], ignore_index=True)
        others = pool.iloc[active].assign(
            mops_row=-1, training=rng.uniform(size=len(active)) < 0.18
        )
        old = shared[["pesel", "surname", "first_name", "female", "birth", "point", "flat"]].assign(
            registered=shared["pup_since"].to_numpy(),
            mops_row=shared.index.to_numpy(),
            training=shared["pup_training"].to_numpy(),
        )
        people = pd.concat([old, others], ignore_index=True)
        people["age"] = age_on(people["birth"].to_numpy(), year)
        by_year[year] = _pup_details(rng, people, clients, year)
    return by_year


def _new_unemployed(
    rng: np.random.Generator,
    points: pd.DataFrame,
    weight: np.ndarray,
    count: int,
    year: int,
    first: bool,
    taken: np.ndarray,
) -> pd.DataFrame:
    """`count` people newly on the register of `year` (of the first period: registered any
    time before its end; later: within the year)."""
    point = rng.choice(len(points), count, p=weight / weight.sum())
    flats = points["flats"].to_numpy()[point]
    age = (18 + rng.beta(1.5, 2.0, count) * (WORKING_AGE[1] - 18 + 1)).astype(int)
    female = rng.uniform(size=count) < 0.5
    birth = births(rng, age, year)
    # Within the year; in the first period, as many already a year or more as stay a year.
    long_ago = first & (rng.uniform(size=count) < PUP_STAY)
    duration = np.where(
        long_ago, np.clip(365 + rng.exponential(500, count), 365, 2500), rng.uniform(5, 365, count)
    ).astype(int)
    return pd.DataFrame(
        {
            "pesel": pesels(rng, birth, female, taken=taken),
            "surname": _surname(
                np.array(names.SURNAMES_M, dtype=object)[
                    rng.integers(len(names.SURNAMES_M), size=count)
                ],
                female,
            ),
            "first_name": _first_names(rng, female),
            "female": female,
            "birth": birth,
            "point": point,
            "flat": np.where(flats > 0, np.floor(rng.uniform(size=count) * flats) + 1, 0).astype(
                int
            ),
            "registered": np.maximum(reference_day(year) - duration, _adult_day(birth)),
        }
    )


def _adult_day(birth: np.ndarray) -> np.ndarray:
    """The 18th birthday of each birth date (datetime64[D])."""
    jan_first = birth.astype("datetime64[Y]")
    after = birth - jan_first.astype("datetime64[D]")
    return np.asarray((jan_first + 18).astype("datetime64[D]") + after)


def _pup_details(
    rng: np.random.Generator, people: pd.DataFrame, mops: pd.DataFrame, year: int
) -> pd.DataFrame:
    n = len(people)
    age = people["age"].to_numpy()
    from_mops = people["mops_row"].to_numpy() >= 0
    disabled_mops = np.zeros(n, dtype=bool)
    disabled_mops[from_mops] = [
        "5" in r for r in mops.loc[people["mops_row"][from_mops], "reasons"]
    ]
    registered = people["registered"].to_numpy().astype("datetime64[D]")
    long_term = (reference_day(year) - registered).astype(int) >= 365
    assisted = rng.uniform(size=n) < np.where(from_mops, 0.75, 0.03)
    category = {
        "do 30 roku życia": age < 30,
        "długotrwale bezrobotni": long_term,
        "powyżej 50 roku życia": age > 50,
        "korzystający ze świadczeń pomocy społecznej": assisted,
        "posiadający co najmniej jedno dziecko do 6 roku życia": (
            (age >= 20)
            & (age <= 45)
            & (rng.uniform(size=n) < np.where(people["female"], 0.15, 0.05))
        ),
        "niepełnosprawni": rng.uniform(size=n) < np.where(disabled_mops, 0.4, 0.07),
    }
    chance = {
        "szkolenie": people["training"].to_numpy().astype(float),
        "bon szkoleniowy": np.full(n, 0.03),
        "staż": np.where(age < 30, 0.2, 0.04),
        "prace interwencyjne": np.full(n, 0.05),
        "roboty publiczne": np.where(long_term, 0.06, 0.02),
        "dotacja na podjęcie działalności gospodarczej": np.full(n, 0.02),
        "prace społecznie użyteczne": np.where(assisted, 0.08, 0.01),
        "poradnictwo zawodowe": np.full(n, 0.15),
    }
    cat = np.column_stack([category[c] for c in codes.PUP_CATEGORIES])
    ins = np.column_stack([rng.uniform(size=n) < chance[c] for c in codes.PUP_INSTRUMENTS])
    return people.assign(
        registered=registered,
        categories=_labels(codes.PUP_CATEGORIES, cat, people.index),
        instruments=_labels(codes.PUP_INSTRUMENTS, ins, people.index),
    ).drop(columns="training")


def _labels(labels: tuple[str, ...], flags: np.ndarray, index: pd.Index) -> pd.Series:
    """Per row, the tuple of labels whose flag is set."""
    chosen = [tuple(c for c, h in zip(labels, row) if h) for row in flags]
    return pd.Series(chosen, index=index, dtype=object)
