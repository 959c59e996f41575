"""Creating institutions, for the CLI and the demo."""

from __future__ import annotations

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.records.models import Institution
from kooperacja.territory.services.codes import UnitCodes, current_level


def add_institution(code: str, name: str, kind: str, territory: str | None = None,
                    level: str | None = None) -> Institution:
    """Create the institution ``code``, or update its name, kind and territory.

    ``territory`` is a current unit's code read as a file's codes are
    (territory/services/codes.py): a code current on several levels needs ``level``.
    """
    if kind not in Institution.Kind.values:
        raise UserError(None, N_("Unknown kind %(kind)s; use one of %(kinds)s."),
                        {"kind": kind, "kinds": ", ".join(Institution.Kind.values)})
    unit_id = None
    if territory:
        found = UnitCodes(current_level(level) if level else None).find(territory)
        if found is None:
            raise UserError(None, N_("There is no current unit with the code %(code)s; import the "
                                     "boundaries first (import-units)."), {"code": territory})
        unit_id = found.pk
    institution, _ = Institution.objects.update_or_create(
        code=code, defaults={"name": name, "kind": kind, "territory_id": unit_id},
    )
    return institution


def get_institution(code: str) -> Institution:
    try:
        return Institution.objects.get(code=code)
    except Institution.DoesNotExist:
        raise UserError(None, N_("There is no institution %(code)s; create it with "
                                 "add-institution or in the admin."), {"code": code}) from None
