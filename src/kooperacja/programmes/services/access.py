"""Who sees which programme: a public one everyone; another its territory's team (those
who see the territory's aggregates or keep its programmes)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kooperacja import policy
from kooperacja.policy import Action
from kooperacja.programmes.models import Programme


def visible_programmes(user: Any) -> QuerySet[Programme]:
    """The programmes ``user`` may see, archived ones excluded."""
    found = Programme.objects.filter(archived=False).select_related("territory")
    team = policy.scoped(found, user, Action.ANALYST_VIEW, territory="territory__code")
    keepers = policy.scoped(found, user, Action.MANAGE_PROGRAMMES, territory="territory__code")
    return found.filter(pk__in=[*team.values_list("pk", flat=True),
                                *keepers.values_list("pk", flat=True),
                                *found.filter(is_public=True).values_list("pk", flat=True)])
