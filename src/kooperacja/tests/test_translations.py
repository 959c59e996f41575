"""The Polish interface: every message has a translation, and the compiled catalogue is current."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

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



def messages(po: Path) -> dict[tuple[str | None, str, str | None], list[str]]:
    """The msgstr of each entry of ``po`` or of a template, by (msgctxt, msgid, msgid_plural);
    the header and fuzzy entries (which are not compiled) left out."""
    found: dict[tuple[str | None, str, str | None], list[str]] = {}
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            continue
        fields: dict[str, str] = {}
        key = ""
        for line in lines:
            if match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line):
                key = match.group(1)
                fields[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if fields.get("msgid"):
            found[(fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"))] = [
                value for name, value in fields.items() if name.startswith("msgstr")]
    return found


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")
def test_every_message_the_code_marks_has_a_polish_translation(tmp_path, monkeypatch, settings):
    # makemessages over a copy of the code (with the project's markers: N_, ngettext_noop),
    # so the catalogues in the tree are left as they are.
    copy = tmp_path / "kooperacja"
    shutil.copytree(Path(kooperacja.__file__).parent, copy,
                    ignore=shutil.ignore_patterns("__pycache__", "locale", "static", "*.mo"))
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = []
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["pl"], keep_pot=True, verbosity=0)
    marked = messages(copy / "locale" / "django.pot")
    assert len(marked) > 500
    translated = {key for po in CATALOGUES for key, strings in messages(po).items()
                  if all(strings)}
    missing = sorted(msgid for _, msgid, _ in set(marked) - translated)
    assert missing == [], "translate them: kooperacja makemessages -l pl -l en, then compile"
