"""Template filters of the import pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from kooperacja.messages import rejection_message

register = template.Library()


@register.filter
def rejection(stored: Mapping[str, Any]) -> str:
    """A rejected row's reason in the active language: ``{{ r|rejection }}``."""
    return rejection_message(stored)
