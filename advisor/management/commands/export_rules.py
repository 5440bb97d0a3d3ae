from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from advisor.rules.transfer import rules_export_json


class Command(BaseCommand):
    help = (
        "Write the whole rule set (options, rules and assumptions, in every language) as JSON "
        "to a file, or to standard output with '-' (the default). import_rules reads it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="Where to write; '-' for stdout.")

    def handle(self, *args, file: str, **options) -> None:
        text = rules_export_json()
        if file == "-":
            self.stdout.write(text, ending="")
            return
        Path(file).write_text(text, encoding="utf-8")
        self.stderr.write(f"Rules written to {file}.")
