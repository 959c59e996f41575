"""The code lists of docs/domain.md (reasons, forms of support, PUP categories and
instruments, instrument types).

The data is frozen in 0002_seed_code_lists.json next to this file, a copy of the core's seed
as it was when this migration was written: a later change to the seed needs a migration of its
own, and cannot change what this one loads.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_suffix(".json")


def load(apps, schema_editor) -> None:
    CodeList = apps.get_model("records", "CodeList")
    Code = apps.get_model("records", "Code")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    codes = {}
    for name, spec in data.items():
        code_list = CodeList.objects.create(
            code=name, label_pl=spec["label_pl"], label_en=spec["label_en"],
            note=spec.get("note", ""),
        )
        for entry in spec["codes"]:
            codes[name, entry["code"]] = Code.objects.create(
                code_list=code_list, code=entry["code"], label_pl=entry["label_pl"],
                label_en=entry["label_en"], aliases=list(entry.get("aliases", [])),
                valid_from=_date(entry.get("valid_from")), valid_to=_date(entry.get("valid_to")),
                note=entry.get("note", ""),
            )
    # Instrument types are codes themselves, so they are linked once all exist.
    for name, spec in data.items():
        for entry in spec["codes"]:
            if entry.get("instrument_type"):
                code = codes[name, entry["code"]]
                code.instrument_type = codes["instrument_type", entry["instrument_type"]]
                code.save(update_fields=["instrument_type"])


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def unload(apps, schema_editor) -> None:
    apps.get_model("records", "Code").objects.all().delete()
    apps.get_model("records", "CodeList").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
