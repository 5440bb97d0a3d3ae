"""Check a rules file whole before anything is changed, with the same validation as admin.

Every item becomes an unsaved model instance and goes through `full_clean()` (so `Rule.clean`
checks each rule's question, operator and value exactly as the admin form does). Missing keys,
unknown keys, values of the wrong JSON type, unknown option codes and codes listed twice are
caught too. Every problem found is collected, each naming its section, item and field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from advisor.models import Assumption, Option, Rule

FORMAT = "support-model-advisor/rules"
VERSION = 1
#: Section of the file -> model, in the order they are checked.
SECTIONS: dict[str, type[models.Model]] = {
    "options": Option,
    "rules": Rule,
    "assumptions": Assumption,
}


@dataclass(frozen=True)
class ImportProblem:
    """One problem in a file: where (section, position, code), which field, what is wrong."""

    section: str
    position: int | None
    slug: str
    field: str
    message: str

    @property
    def where(self) -> str:
        where = self.section if self.position is None else f"{self.section}[{self.position}]"
        return f"{where} “{self.slug}”" if self.slug else where

    def __str__(self) -> str:
        field = f", {self.field}" if self.field else ""
        return f"{self.where}{field}: {self.message}"


class RuleFileError(Exception):
    """The file was refused; `problems` lists every problem found."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def file_problem(message: str) -> ImportProblem:
    return ImportProblem(_("file"), None, "", "", message)


def exported_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a file carries: everything an admin edits, per-language texts included."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name != "updated_at"
    ]


def rules_check(*, data: Any) -> dict[str, list[models.Model]]:
    """Unsaved, validated instances per section; raises RuleFileError listing every problem.

    A rule's `option` is an unsaved Option carrying only the code it names.
    """
    checker = _Checker()
    checked = checker.check(data)
    if checker.problems:
        raise RuleFileError(checker.problems)
    return checked


class _Checker:
    def __init__(self) -> None:
        self.problems: list[ImportProblem] = []
        self.option_slugs: set[str] = set()

    def check(self, data: Any) -> dict[str, list[models.Model]]:
        if not isinstance(data, dict):
            self.problems.append(file_problem(_("The file must hold one JSON object.")))
            return {}
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            message = _("This is not a rules file of this advisor (format %(format)s, version 1).")
            self.problems.append(file_problem(message % {"format": FORMAT}))
            return {}
        checked: dict[str, list[models.Model]] = {}
        for section, model in SECTIONS.items():
            items = data.get(section)
            if not isinstance(items, list):
                self._add(section, None, "", "", _("Missing, or not a list of items."))
            elif section == "options" and not items:
                self._add(section, None, "", "", _("List at least one option."))
            else:
                checked[section] = self._section(section, model, items)
        return checked

    def _section(
        self, section: str, model: type[models.Model], items: list[Any]
    ) -> list[models.Model]:
        if model is Option:
            self.option_slugs = {i["slug"] for i in items if isinstance(i, dict) and "slug" in i}
        seen: set[str] = set()
        rows = []
        for position, item in enumerate(items):
            row = self._row(section, position, model, item)
            if row is None:
                continue
            if row.slug in seen:
                self._add(section, position, row.slug, "slug", _("Listed twice."))
            seen.add(row.slug)
            rows.append(row)
        return rows

    def _row(
        self, section: str, position: int, model: type[models.Model], item: Any
    ) -> models.Model | None:
        if not isinstance(item, dict):
            self._add(section, position, "", "", _("Each item must be a JSON object."))
            return None
        slug = item["slug"] if isinstance(item.get("slug"), str) else ""
        fields = {f.name: f for f in exported_fields(model)}
        for name in sorted(set(item) - set(fields)):
            self._add(section, position, slug, name, _("Unknown field."))
        row = model()
        # Every field is looked at, so one pass reports every problem of the item.
        fitted = [self._assign(row, item, f, (section, position, slug)) for f in fields.values()]
        if item.get("slug") == "":
            self._add(section, position, slug, "slug", _("Give every item a code."))
        if not (all(fitted) and slug):
            return None
        self._validate(section, position, row)
        return row

    def _assign(
        self, row: models.Model, item: dict[str, Any], model_field: models.Field, at: tuple
    ) -> bool:
        name = model_field.name
        if name not in item:
            self._add(*at, name, _("Missing."))
            return False
        value = item[name]
        if not _fits(model_field, value):
            self._add(*at, name, _type_message(model_field))
            return False
        if isinstance(model_field, models.ForeignKey):
            if value not in self.option_slugs:
                self._add(*at, name, _("No option in the file has this code."))
                return False
            value = Option(slug=value)
        setattr(row, name, value)
        return True

    def _validate(self, section: str, position: int, row: models.Model) -> None:
        try:
            # Codes are checked against the file, not against the rows it replaces.
            row.full_clean(exclude=["option"], validate_unique=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                field = "" if name == NON_FIELD_ERRORS else name
                for message in messages:
                    self._add(section, position, row.slug, field, message)

    def _add(self, section: str, position: int | None, slug: str, name: str, message: Any) -> None:
        self.problems.append(ImportProblem(section, position, slug, name, str(message)))


def _fits(model_field: models.Field, value: Any) -> bool:
    """Whether a JSON value has the type the field stores (its validation comes after)."""
    if isinstance(model_field, models.BooleanField):
        return isinstance(value, bool)
    if isinstance(model_field, models.IntegerField):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(model_field, models.DecimalField):
        return isinstance(value, str | int | float) and not isinstance(value, bool)
    return isinstance(value, str)


def _type_message(model_field: models.Field) -> str:
    if isinstance(model_field, models.BooleanField):
        return _("Must be true or false.")
    if isinstance(model_field, models.IntegerField):
        return _("Must be a whole number.")
    if isinstance(model_field, models.DecimalField):
        return _("Must be a number.")
    return _("Must be text.")
