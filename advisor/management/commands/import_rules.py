import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from advisor.rules.checks import RuleFileError
from advisor.rules.transfer import rules_import, rules_parse


class Command(BaseCommand):
    help = (
        "Replace the whole rule set with a file written by export_rules ('-' reads standard "
        "input). Rows are matched by code; those the file does not list are DELETED. The file "
        "is checked whole first: with any error, nothing changes and every error is listed. "
        "A rule without a group (a file exported before rules had groups) gets 'quality'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The JSON file to import; '-' for stdin.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, without changing anything.",
        )

    def handle(self, *args, file: str, dry_run: bool, **options) -> None:
        try:
            raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            summary = rules_import(data=rules_parse(raw), dry_run=dry_run)
        except RuleFileError as error:
            problems = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"The file was refused; nothing changed.\n{problems}") from None
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write("Dry run: nothing changed." if dry_run else "Rules imported.")
