import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every assessment now refers to its snapshot: the copy it kept of the rules goes."""

    dependencies = [
        ("advisor", "0007_assessments_share_snapshots"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="assessment",
            name="rules_snapshot",
        ),
        migrations.AlterField(
            model_name="assessment",
            name="snapshot",
            field=models.ForeignKey(help_text="The options, active rules and assumptions at the time, as they were applied.", on_delete=django.db.models.deletion.PROTECT, related_name="assessments", to="advisor.rulessnapshot", verbose_name="rules used"),
        ),
    ]
