"""The kinds of resources of issue 6; more can be added in the admin."""

from __future__ import annotations

from django.db import migrations

KINDS = [
    ("social_assistance", "ośrodek pomocy społecznej lub jego filia",
     "social assistance centre or branch"),
    ("labour_office", "urząd pracy", "labour office"),
    ("family_support", "placówka wsparcia dziennego (świetlica, wsparcie rodziny)",
     "family support and day-care centre"),
    ("community_centre", "centrum aktywności lokalnej, dom sąsiedzki", "community centre"),
    ("social_integration", "centrum lub klub integracji społecznej (CIS, KIS)",
     "social integration centre or club"),
    ("shelter", "schronisko, noclegownia, ogrzewalnia", "shelter"),
    ("soup_kitchen", "jadłodajnia, punkt wydawania posiłków", "soup kitchen"),
    ("addiction_counselling", "poradnictwo w sprawie uzależnień", "addiction counselling"),
    ("violence_counselling", "pomoc osobom doznającym przemocy domowej",
     "domestic-violence counselling"),
    ("psychological_help", "pomoc psychologiczna", "psychological help"),
    ("school", "szkoła", "school"),
    ("clinic", "przychodnia", "clinic"),
    ("police", "policja", "police"),
    ("probation", "kuratorska służba sądowa", "probation service"),
    ("ngo", "organizacja pozarządowa", "non-governmental organisation"),
    ("other", "inne", "other"),
]


def load(apps, schema_editor) -> None:
    ResourceKind = apps.get_model("resources", "ResourceKind")
    for order, (code, label_pl, label_en) in enumerate(KINDS, start=1):
        ResourceKind.objects.update_or_create(
            code=code, defaults={"label_pl": label_pl, "label_en": label_en, "order": order * 10})


def unload(apps, schema_editor) -> None:
    apps.get_model("resources", "ResourceKind").objects.filter(
        code__in=[code for code, _, _ in KINDS], resources__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
