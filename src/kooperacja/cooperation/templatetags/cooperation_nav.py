"""The header's links to the partnership and the teams, whose words live in this app's
catalogue (web/templates/web/base.html loads the tag)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("cooperation/nav.html", takes_context=True)
def cooperation_links(context: Any) -> dict[str, Any]:
    return {"request": context.get("request"), "user": context.get("user")}
