"""Creating institutions, for the CLI and the demo."""

from __future__ import annotations

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.records.models import Institution
from kooperacja.territory.models import Unit


def add_institution(code: str, name: str, kind: str, territory: str | None = None) -> Institution:
    """Create the institution ``code``, or update its name, kind and territory."""
    if kind not in Institution.Kind.values:
        raise UserError(None, N_("Unknown kind %(kind)s; use one of %(kinds)s."),
                        {"kind": kind, "kinds": ", ".join(Institution.Kind.values)})
    unit = None
    if territory:
        unit = Unit.objects.current().filter(code=territory).order_by("level__rank").first()
        if unit is None:
            raise UserError(None, N_("There is no current unit with the code %(code)s; import the "
                                     "boundaries first (import-units)."), {"code": territory})
    institution, _ = Institution.objects.update_or_create(
        code=code, defaults={"name": name, "kind": kind, "territory": unit},
    )
    return institution


def get_institution(code: str) -> Institution:
    try:
        return Institution.objects.get(code=code)
    except Institution.DoesNotExist:
        raise UserError(None, N_("There is no institution %(code)s; create it with "
                                 "add-institution or in the admin."), {"code": code}) from None
