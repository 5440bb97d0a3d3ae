import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A table of shared snapshots, and each assessment's link to one (filled in by 0007)."""

    dependencies = [
        ("advisor", "0005_history"),
    ]

    operations = [
        migrations.CreateModel(
            name="RulesSnapshot",
            fields=[
                ("digest", models.CharField(editable=False, max_length=64, primary_key=True, serialize=False, verbose_name="digest")),
                ("options", models.JSONField(verbose_name="options")),
                ("rules", models.JSONField(verbose_name="rules")),
                ("assumption_labels", models.JSONField(verbose_name="assumption names")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="first used")),
            ],
            options={
                "verbose_name": "rules snapshot",
                "verbose_name_plural": "rules snapshots",
            },
        ),
        migrations.AddField(
            model_name="assessment",
            name="snapshot",
            field=models.ForeignKey(help_text="The options, active rules and assumptions at the time, as they were applied.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="assessments", to="advisor.rulessnapshot", verbose_name="rules used"),
        ),
        # A default, so that undoing 0008 can bring the column back on a table with rows.
        migrations.AlterField(
            model_name="assessment",
            name="rules_snapshot",
            field=models.JSONField(blank=True, default=list, help_text="The active rules at the time, as they were applied.", verbose_name="rules used"),
        ),
    ]
