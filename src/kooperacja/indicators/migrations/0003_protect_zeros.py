"""Indicators of rare, sensitive problems hide zeros next to hidden units (protect_zeros);
the built-in ones that builtin.toml marks so when this migration was written (homelessness,
domestic violence) take the setting, named here so that a later change to the file cannot
change what this migration does."""

from __future__ import annotations

from django.db import migrations, models

PROTECTED = ["homelessness", "domestic-violence"]


def builtin_setting(apps, schema_editor) -> None:
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(code__in=PROTECTED).update(protect_zeros=True)


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
