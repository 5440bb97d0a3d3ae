"""Runs begun before runs had rows of their own move out of their sessions into `Run` rows."""

from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations
from django.utils import timezone

_STORAGE_PREFIX = "wizard_assessment_"
_FINISHED_KEY = "finished_runs"


def runs_of(data: dict) -> list[dict]:
    """The rows a session's data held as runs: unfinished ones with answers, finished ones."""
    finished = data.get(_FINISHED_KEY, {})
    runs = [{"run_id": run, "data": {}, "result_token": token} for run, token in finished.items()]
    runs += [
        {"run_id": key.removeprefix(_STORAGE_PREFIX), "data": value, "result_token": ""}
        for key, value in data.items()
        if key.startswith(_STORAGE_PREFIX)
        and key.removeprefix(_STORAGE_PREFIX) not in finished
        and value.get("step_data")
    ]
    return runs


def move_runs(apps, schema_editor):
    Session = apps.get_model("sessions", "Session")
    Run = apps.get_model("wizard", "Run")
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session_key, session_data in live.values_list("session_key", "session_data").iterator():
        for run in runs_of(SessionStore().decode(session_data)):
            Run.objects.get_or_create(
                session_id=session_key, run_id=run.pop("run_id"), defaults=run
            )


class Migration(migrations.Migration):
    dependencies = [("wizard", "0001_initial")]

    operations = [migrations.RunPython(move_runs, migrations.RunPython.noop)]
