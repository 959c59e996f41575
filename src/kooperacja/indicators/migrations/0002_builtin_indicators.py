"""The built-in OZPS-style indicators, from the bundled builtin.toml."""

from __future__ import annotations

from django.db import migrations


def load(apps, schema_editor) -> None:
    from kooperacja.indicators.definitions import BUILTIN, parse_definitions

    Indicator = apps.get_model("indicators", "Indicator")
    # The file grows with the model: keep only the fields this migration's model has.
    fields = {f.name for f in Indicator._meta.get_fields()}
    for definition in parse_definitions(BUILTIN):
        code = definition.pop("code")
        defaults = {key: value for key, value in definition.items() if key in fields}
        Indicator.objects.update_or_create(code=code, defaults=defaults)


def unload(apps, schema_editor) -> None:
    from kooperacja.indicators.definitions import BUILTIN, parse_definitions

    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(code__in=[d["code"] for d in parse_definitions(BUILTIN)]).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial"), ("records", "0002_seed_code_lists")]
    operations = [migrations.RunPython(load, unload)]
