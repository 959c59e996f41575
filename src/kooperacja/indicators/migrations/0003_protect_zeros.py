"""Indicators of rare, sensitive problems hide zeros next to hidden units (protect_zeros);
the built-in ones take the setting from builtin.toml (homelessness, domestic violence)."""

from __future__ import annotations

from django.db import migrations, models


def builtin_setting(apps, schema_editor) -> None:
    from kooperacja.indicators.definitions import BUILTIN, parse_definitions

    Indicator = apps.get_model("indicators", "Indicator")
    protected = [d["code"] for d in parse_definitions(BUILTIN) if d["protect_zeros"]]
    Indicator.objects.filter(code__in=protected).update(protect_zeros=True)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_builtin_indicators")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="protect_zeros",
            field=models.BooleanField(
                default=False,
                help_text="hide a zero like a small count wherever a neighbouring unit of the "
                "same parent is hidden (rare, sensitive problems)",
                verbose_name="protect zeros",
            ),
        ),
        migrations.RunPython(builtin_setting, migrations.RunPython.noop),
    ]
