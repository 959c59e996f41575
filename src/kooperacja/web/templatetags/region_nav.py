"""The header's link to the regional view, shown only in an installation with more than one
territory (one territory has nothing to compare with)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kooperacja.territory.services.selection import territories

register = template.Library()


@register.simple_tag(takes_context=True)
def region_link(context: dict[str, Any]) -> SafeString:
    if len(territories()) < 2:
        return SafeString("")
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = ' aria-current="page"' if match and match.url_name == "region" else ""
    return format_html('<a href="{}"{}>{}</a>', reverse("web:region"), SafeString(current),
                       _("Compare a region"))
