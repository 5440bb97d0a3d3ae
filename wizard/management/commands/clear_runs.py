"""Delete the wizard runs no session can reach any more, as `clearsessions` does for sessions."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from wizard.models import Run


class Command(BaseCommand):
    help = "Delete wizard runs unchanged for longer than a session lives (two weeks)."

    def handle(self, *args: object, **options: object) -> None:
        before = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
        deleted, _ = Run.objects.filter(changed_at__lte=before).delete()
        self.stdout.write(f"Deleted {deleted} expired wizard runs.")
