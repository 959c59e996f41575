"""The header's link to the programmes (kept in this app so that its word stays in this
app's catalogue); shown to everyone, since public programmes are everyone's."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def programmes_link(context: dict[str, Any]) -> SafeString:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = ' aria-current="page"' if match and match.app_name == "programmes" else ""
    return format_html('<a href="{}"{}>{}</a>', reverse("programmes:list"),
                       SafeString(current), _("Programmes"))
