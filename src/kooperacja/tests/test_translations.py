"""The Polish interface: every message has a translation, and the compiled catalogue is current."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest

import kooperacja

CATALOGUES = sorted(Path(kooperacja.__file__).parent.glob("**/locale/pl/LC_MESSAGES/django.po"))


def entries(po: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) of each non-header entry, plurals left out; fuzzy ones count as
    untranslated, since they are not compiled."""
    found = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        if "msgid_plural" in block:
            continue
        if re.search(r"^#,.*\bfuzzy\b", block, re.M):
            block = re.sub(r"^msgstr .*", 'msgstr ""', block, flags=re.M | re.S)
        match = re.search(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        if match:
            msgid, msgstr = ("".join(ast.literal_eval(s) for s in re.findall(r'".*"', part))
                             for part in match.groups())
            if msgid:
                found.append((msgid, msgstr))
    return found


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.parent.parent.parent.parent.name))
def test_it_translates_every_message_into_polish_in_the_compiled_catalogue(po):
    with po.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    pairs = entries(po)
    assert len(pairs) > 20
    untranslated = [msgid for msgid, msgstr in pairs if not msgstr]
    assert untranslated == []
    stale = [msgid for msgid, msgstr in pairs if compiled.gettext(msgid) != msgstr]
    assert stale == [], "run: kooperacja compilemessages"
