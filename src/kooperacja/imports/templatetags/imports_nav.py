"""``{% import_link %}``: the site navigation's link to the import wizard, for those who
may import something (its text in this app's catalogue)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kooperacja import policy
from kooperacja.policy import Action

register = template.Library()


@register.simple_tag(takes_context=True)
def import_link(context: Any) -> SafeString | str:
    request = context.get("request")
    if request is None or not policy.allows(request.user, Action.IMPORT_AGGREGATES):
        return ""
    match = getattr(request, "resolver_match", None)
    current = ' aria-current="page"' if match and match.app_name == "imports" else ""
    return format_html('<a href="{}"{}>{}</a>', reverse("imports:index"),
                       SafeString(current), _("Import data"))
