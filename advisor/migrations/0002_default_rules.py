"""Load the default options, rules and assumptions on a fresh install."""

from django.db import migrations


def load_defaults(apps, schema_editor):
    from advisor.rules.defaults import seed_defaults

    seed_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [("advisor", "0001_initial")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
