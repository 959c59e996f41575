"""Every unit with an official TERYT code becomes a territory of its own, units beneath it
belong to it (territory/services/scopes.py); before, only units without a parent were."""

from django.db import migrations


def assign(apps, schema_editor):
    Unit = apps.get_model("territory", "Unit")
    rows = list(Unit.objects.filter(generation__is_current=True)
                .values_list("id", "parent_id", "teryt", "territory_id"))
    parent = {id_: parent_id for id_, parent_id, _, _ in rows}
    own = {id_ for id_, parent_id, teryt, _ in rows if teryt or parent_id not in parent}
    changed = []
    for id_, _, _, now in rows:
        top = id_
        while top not in own:
            top = parent[top]
        if top != now:
            changed.append(Unit(id=id_, territory_id=top))
    Unit.objects.bulk_update(changed, ["territory"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("territory", "0004_labels_of_links")]
    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
