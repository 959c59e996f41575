"""The shared offer's link in the site's navigation, and a lookup for the results table."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, key)


@register.simple_tag(takes_context=True)
def offer_link(context: Any) -> SafeString:
    """``<a>`` to /oferta/, current on the app's pages (its words in this app's catalogue)."""
    request = context.get("request")
    current = request is not None and getattr(request.resolver_match, "app_name", "") == "training"
    return format_html('<a href="{}"{}>{}</a>', reverse("training:offers"),
                       mark_safe(' aria-current="page"') if current else "",
                       _("Training offer"))
