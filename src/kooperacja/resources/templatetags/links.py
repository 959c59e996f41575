"""``{{ url|link }}``: the address when a page may link to it (http, https, mailto, tel;
``kooperacja.core.links``), else nothing, so a stored ``javascript:`` address is shown as
text and never becomes a link."""

from __future__ import annotations

from django import template

from kooperacja.core.links import is_safe_link

register = template.Library()


@register.filter
def link(url: object) -> str:
    text = str(url or "").strip()
    return text if is_safe_link(text) else ""
