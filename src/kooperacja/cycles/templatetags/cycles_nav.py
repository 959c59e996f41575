"""The header's link to the cycles, for those who may see them (kept in this app so that
its words stay in this app's catalogue)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kooperacja import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def cycles_link(context: dict[str, Any]) -> SafeString | str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not policy.allows(user, policy.Action.VIEW_CYCLE):
        return ""
    match = getattr(request, "resolver_match", None)
    current = ' aria-current="page"' if match and match.app_name == "cycles" else ""
    return format_html('<a href="{}"{}>{}</a>', reverse("cycles:index"),
                       SafeString(current), _("Diagnosis cycle"))
