from django.apps import apps
from django.core.management.base import BaseCommand

from advisor.rules.defaults import seed_defaults


class Command(BaseCommand):
    help = (
        "Restore any default option, rule or assumption that is missing. Rows that exist, "
        "edited or not, are left alone, so running it twice changes nothing."
    )

    def handle(self, *args, **options) -> None:
        created = seed_defaults(apps)
        self.stdout.write(f"{created} default rows created.")
