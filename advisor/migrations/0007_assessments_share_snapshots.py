"""Each stored assessment's options, rules and assumption names move to a shared snapshot.

Its own figures stay in its result; undoing this copies the snapshot back into each one.
"""

from django.db import migrations

from advisor.models import RulesSnapshot

BATCH = 500


def _batches(queryset):
    """Rows in batches by primary key, so that no cursor stays open over the rows updated."""
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        yield queryset.in_bulk(pks[start : start + BATCH]).values()


def share_snapshots(apps, schema_editor):
    Assessment = apps.get_model("advisor", "Assessment")
    Snapshot = apps.get_model("advisor", "RulesSnapshot")
    stored = set(Snapshot.objects.values_list("digest", flat=True))
    for batch in _batches(Assessment.objects.filter(snapshot__isnull=True)):
        for assessment in batch:
            result = dict(assessment.result)
            figures = result.get("assumptions") or []
            content = {
                "options": result.pop("options", {}),
                "rules": assessment.rules_snapshot or [],
                "assumption_labels": {
                    figure["slug"]: {k: v for k, v in figure.items() if k not in ("slug", "value")}
                    for figure in figures
                },
            }
            digest = RulesSnapshot.digest_of(**content)
            if digest not in stored:
                Snapshot.objects.create(digest=digest, **content)
                stored.add(digest)
            if "assumptions" in result:
                result["assumptions"] = [{"slug": f["slug"], "value": f["value"]} for f in figures]
            assessment.result, assessment.snapshot_id = result, digest
            assessment.save(update_fields=["result", "snapshot"])


def copy_snapshots_back(apps, schema_editor):
    Assessment = apps.get_model("advisor", "Assessment")
    for batch in _batches(Assessment.objects.select_related("snapshot")):
        for assessment in batch:
            snapshot = assessment.snapshot
            labels = snapshot.assumption_labels
            result = {**assessment.result, "options": snapshot.options}
            if "assumptions" in result:
                result["assumptions"] = [
                    {**figure, **labels.get(figure["slug"], {})} for figure in result["assumptions"]
                ]
            assessment.result, assessment.rules_snapshot = result, snapshot.rules
            assessment.save(update_fields=["result", "rules_snapshot"])


class Migration(migrations.Migration):
    dependencies = [
        ("advisor", "0006_rules_snapshots"),
    ]

    operations = [
        migrations.RunPython(share_snapshots, copy_snapshots_back),
    ]
