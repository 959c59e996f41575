"""Template filters of the import pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kooperacja.messages import rejection_message

register = template.Library()


@register.filter
def rejection(stored: Mapping[str, Any]) -> str:
    """A rejected row's reason in the active language: ``{{ r|rejection }}``."""
    return rejection_message(stored)


# The keys the application writes into an audit event's detail, as the data protection
# officer reads them, in the order they are shown (PostgreSQL's jsonb keeps its own key
# order, not the writer's); a key not listed here is shown as written, after them.
_DETAIL_KEYS = {
    "audience": _("audience"),
    "bytes": _("bytes"),
    "exposed": _("values exposed"),
    "fields": _("fields"),
    "file": _("file"),
    "filters": _("filters"),
    "fingerprint": _("inputs fingerprint"),
    "format": _("format"),
    "role": _("role"),
    "from": _("previous role"),
    "to": _("new role"),
    "page": _("page"),
    "generate": _("report generated"),
    "hidden": _("values hidden"),
    "indicator": _("indicator"),
    "institution": _("institution"),
    "k": _("disclosure threshold k"),
    "known_account": _("known account"),
    "method": _("method"),
    "path": _("path"),
    "period": _("period"),
    "reason": _("reason"),
    "review": _("review"),
    "rows": _("rows"),
    "rows_imported": _("imported rows"),
    "rows_rejected": _("rejected rows"),
    "since": _("since"),
    "status": _("status"),
    "template": _("template"),
    "territory": _("territory"),
}


def _detail_values() -> dict[str, dict[str, Any]]:
    from kooperacja.policy import Role
    from kooperacja.records.models import Submission
    from kooperacja.reports.models import SavedReport

    statuses = {**dict(Submission.Status.choices), **dict(SavedReport.Status.choices)}
    return {
        "status": statuses,
        "review": dict(Submission.Review.choices),
        "audience": dict(SavedReport.Audience.choices),
        "role": dict(Role.choices),
        "from": dict(Role.choices),
        "to": dict(Role.choices),
        "page": {"members": gettext("People")},
    }


@register.filter
def audit_detail(detail: Any) -> str:
    """An audit event's detail in the reader's language: ``{{ e.detail|audit_detail }}``
    ("status: opublikowany; odbiorcy: …", not "status: published")."""
    if not isinstance(detail, Mapping):
        return "" if detail in (None, "") else str(detail)
    values = _detail_values()
    parts = []
    order = {key: i for i, key in enumerate(_DETAIL_KEYS)}
    for key, value in sorted(detail.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
        if isinstance(value, bool):
            shown: Any = gettext("yes") if value else gettext("no")
        else:
            shown = values.get(key, {}).get(value, value) if isinstance(value, str) else value
        parts.append(f"{_DETAIL_KEYS.get(key, key)}: {shown}")
    return "; ".join(parts)
