"""Load the default options, rules and assumptions on a fresh install."""

import uuid

from django.db import migrations


def load_defaults(apps, schema_editor):
    from advisor.defaults import seed_defaults

    seed_defaults(apps)
    revision = apps.get_model("advisor", "Revision")
    revision.objects.update_or_create(pk=1, defaults={"stamp": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [("advisor", "0001_initial")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
