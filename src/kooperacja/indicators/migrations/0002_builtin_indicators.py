"""The built-in OZPS-style indicators.

Their field values are frozen in 0002_builtin_indicators.json next to this file (what
builtin.toml gave when this migration was written, for this migration's model): a later change
to builtin.toml or to its reader needs a migration of its own, and cannot change what this one
loads.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_suffix(".json")


def _definitions() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def load(apps, schema_editor) -> None:
    Indicator = apps.get_model("indicators", "Indicator")
    for definition in _definitions():
        code = definition.pop("code")
        Indicator.objects.update_or_create(code=code, defaults=definition)


def unload(apps, schema_editor) -> None:
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(code__in=[d["code"] for d in _definitions()]).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial"), ("records", "0002_seed_code_lists")]
    operations = [migrations.RunPython(load, unload)]
