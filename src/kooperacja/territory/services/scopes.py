"""Which territory each unit belongs to: the scope of analysts' and coordinators' grants.

A territory is a unit that is its own ``territory``: a unit with an official TERYT code (a
voivodeship, a powiat or a gmina) and any unit without a parent. Every other unit belongs to
its nearest ancestor that is one: a city's districts and estates to their gmina. In a
region's installation each gmina is thus a territory of its own beside its powiat and
voivodeship, and the policy lets a grant on a powiat or a voivodeship cover the territories
whose TERYT code starts with theirs (``kooperacja.policy``, ``use_territory_cover``).
"""

from __future__ import annotations

from kooperacja.territory.models import Unit


def assign_territories() -> int:
    """Give every current unit its territory by the rule above; the number changed."""
    rows = list(Unit.objects.current().values_list("id", "parent_id", "teryt", "territory_id"))
    parent = {id_: parent_id for id_, parent_id, _, _ in rows}
    own = {id_ for id_, parent_id, teryt, _ in rows if teryt or parent_id not in parent}
    found: dict[int, int] = {}

    def territory_of(id_: int) -> int:
        chain = []
        while id_ not in own and id_ not in found:
            chain.append(id_)
            id_ = parent[id_]  # not own: its parent is current
        top = id_ if id_ in own else found[id_]
        for link in chain:
            found[link] = top
        return top

    changed = [Unit(id=id_, territory_id=top) for id_, _, _, now in rows
               if (top := territory_of(id_)) != now]
    Unit.objects.bulk_update(changed, ["territory"], batch_size=2000)
    return len(changed)


def covered_territories(teryt_prefixes: set[str]) -> dict[str, set[str]]:
    """For each TERYT code of a powiat or voivodeship, the codes of the current territories
    whose TERYT code starts with it (a grant on it covers them)."""
    if not teryt_prefixes:
        return {}
    roots = (Unit.objects.current().territories().exclude(teryt="")
             .values_list("teryt", "code"))
    covered: dict[str, set[str]] = {prefix: set() for prefix in teryt_prefixes}
    for teryt, code in roots:
        for prefix in teryt_prefixes:
            if teryt.startswith(prefix):
                covered[prefix].add(code)
    return covered
