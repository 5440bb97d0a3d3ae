"""Runs belong to an owner id kept in the session, not to the session's key.

Django's own session stores delete a session's row when a login gives it a new key, which
would delete its runs with it; an owner id kept inside the session moves with it. A run
begun before keeps its session's key as its owner, written into that session.
"""

from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations, models
from django.db.models import F
from django.utils import timezone

OWNER_KEY = "wizard_owner"


def owners_from_sessions(apps, schema_editor):
    Session = apps.get_model("sessions", "Session")
    Run = apps.get_model("wizard", "Run")
    Run.objects.update(owner=F("session_id"))
    store = SessionStore()
    owning = Session.objects.filter(session_key__in=Run.objects.values("owner"))
    for session in owning.iterator():
        data = store.decode(session.session_data)
        data[OWNER_KEY] = session.session_key
        session.session_data = store.encode(data)
        session.save(update_fields=["session_data"])


class Migration(migrations.Migration):
    dependencies = [("wizard", "0002_runs_from_sessions"), ("sessions", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="run",
            name="owner",
            field=models.CharField(default="", max_length=32, verbose_name="owner"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="run",
            name="changed_at",
            field=models.DateTimeField(
                auto_now=True, db_index=True, default=timezone.now, verbose_name="changed"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(owners_from_sessions, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="run", name="wizard_run_per_session"),
        migrations.RemoveField(model_name="run", name="session"),
        migrations.AddConstraint(
            model_name="run",
            constraint=models.UniqueConstraint(
                fields=("owner", "run_id"), name="wizard_run_per_owner"
            ),
        ),
    ]
