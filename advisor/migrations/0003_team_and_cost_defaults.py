"""Add the staffing and cost assumptions and the rules on team size and cost."""

from django.db import migrations


def load_missing_defaults(apps, schema_editor):
    from advisor.rules.defaults import seed_defaults

    seed_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [("advisor", "0002_default_rules")]

    operations = [migrations.RunPython(load_missing_defaults, migrations.RunPython.noop)]
