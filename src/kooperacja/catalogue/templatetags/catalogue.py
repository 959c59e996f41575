"""``{% sources_link %}``: the map's link to the data catalogue ("Źródła danych")."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def sources_link() -> SafeString:
    return format_html('<p class="hint sources-link"><a href="{}">{}</a></p>',
                       reverse("catalogue:index"), _("Data sources"))
