"""The whole rule set (options, rules, assumptions) as one JSON file, out and back in.

Rows are keyed on their stable codes (slugs). An import is checked whole first (see
`advisor.rules.checks`), then applied in one transaction that replaces the rule set: rows are
updated by code, new ones created and those the file does not list deleted. A file with any
problem changes nothing. Each saved or deleted row gets a history entry, as an admin edit does,
and the saves clear every process's cached rule set through the usual signals.

Each rule carries its priority group. A rule without one, as in files exported before rules had
groups, gets the model's default group ("quality"); an unknown group is refused like any other
bad value, and a changed group counts the rule as updated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor.models import Option, Rule
from advisor.questions.definitions import PRIORITY_GROUP_CHOICES
from advisor.rules.checks import (
    FORMAT,
    SECTIONS,
    VERSION,
    RuleFileError,
    exported_fields,
    file_problem,
    rules_check,
)

#: Larger files are refused unread; the default rule set takes about 60 KB.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Stored as the change reason in each row's history (data, so not translated).
IMPORT_REASON = "Rules file imported"
#: The group of a rule the file gives none (a file exported before rules had groups).
DEFAULT_GROUP: str = Rule._meta.get_field("group").default


@dataclass
class ImportSummary:
    #: Per section: how many rows were created, updated, deleted and left as they were.
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    #: How many rules the file gave no group, so they got DEFAULT_GROUP.
    ungrouped: int = 0

    def lines(self) -> list[str]:
        lines = [
            _(
                "%(section)s: %(created)s created, %(updated)s updated, "
                "%(deleted)s deleted, %(unchanged)s unchanged"
            )
            % {"section": SECTIONS[section]._meta.verbose_name_plural, **counts}
            for section, counts in self.counts.items()
        ]
        if self.ungrouped:
            message = ngettext(
                "%(count)s rule has no group in the file; it gets the group “%(label)s” "
                "(%(group)s)",
                "%(count)s rules have no group in the file; they get the group “%(label)s” "
                "(%(group)s)",
                self.ungrouped,
            )
            label = dict(PRIORITY_GROUP_CHOICES)[DEFAULT_GROUP]
            params = {"count": self.ungrouped, "label": label, "group": DEFAULT_GROUP}
            lines.append(message % params)
        return lines


def rules_export() -> dict[str, Any]:
    """The whole rule set as JSON-ready data, in admin order."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
    }
    for section, model in SECTIONS.items():
        rows = model.objects.all()
        if model is Rule:
            rows = rows.select_related("option")
        data[section] = [_export_row(row) for row in rows]
    return data


def rules_export_json() -> str:
    return json.dumps(rules_export(), ensure_ascii=False, indent=2) + "\n"


def _export_row(row: models.Model) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for model_field in exported_fields(type(row)):
        value = getattr(row, model_field.name)
        if isinstance(model_field, models.ForeignKey):
            value = value.slug
        elif isinstance(row, Rule) and model_field.name == "slug":
            value = row.key  # a rule added in admin may have no code yet
        elif isinstance(model_field, models.DecimalField):
            value = str(value)
        item[model_field.name] = value
    return item


def rules_parse(raw: bytes | str) -> Any:
    """Decode a file as JSON, or raise RuleFileError saying why it cannot be read."""
    if len(raw) > MAX_FILE_BYTES:
        raise RuleFileError([file_problem(_("The file is larger than 5 MB."))])
    try:
        return json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
    except UnicodeDecodeError:
        raise RuleFileError([file_problem(_("The file is not UTF-8 text."))]) from None
    except json.JSONDecodeError as error:
        message = _("The file is not valid JSON (line %(line)s, column %(column)s: %(msg)s).")
        params = {"line": error.lineno, "column": error.colno, "msg": error.msg}
        raise RuleFileError([file_problem(message % params)]) from None


def rules_import(*, data: Any, dry_run: bool = False) -> ImportSummary:
    """Check `data` whole, then replace the rule set with it in one transaction.

    Raises RuleFileError, having changed nothing, when anything in it is wrong. With `dry_run`
    it checks and counts what would change, then rolls everything back.
    """
    data, ungrouped = _with_default_group(data)
    checked = rules_check(data=data)
    summary = ImportSummary(ungrouped=ungrouped)
    with transaction.atomic():
        # Rules go first, so deleting an option never cascades into a rule the file keeps.
        rules = _existing_rules()
        rules_deleted = _delete_missing(rules, {row.slug for row in checked["rules"]})
        for section, model in SECTIONS.items():
            if model is Rule:
                existing, deleted = rules, rules_deleted
            else:
                existing = {row.slug: row for row in model.objects.all()}
                deleted = _delete_missing(existing, {row.slug for row in checked[section]})
            summary.counts[section] = {**_upsert(model, existing, checked[section]), **deleted}
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _with_default_group(data: Any) -> tuple[Any, int]:
    """`data` with DEFAULT_GROUP on each rule that names no group, and how many had none.

    The caller's data is left as it is; anything that is not a rule item is left for the check.
    """
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        return data, 0
    rules = [
        {**item, "group": DEFAULT_GROUP} if isinstance(item, dict) and "group" not in item else item
        for item in data["rules"]
    ]
    ungrouped = sum(new is not old for new, old in zip(rules, data["rules"], strict=True))
    return {**data, "rules": rules}, ungrouped


def _existing_rules() -> dict[str, Rule]:
    rows = list(Rule.objects.all())
    # A rule without a code was exported under its key, "rule-<id>"; a real code wins a clash.
    keyed = {row.key: row for row in rows if not row.slug}
    keyed.update({row.slug: row for row in rows if row.slug})
    return keyed


def _delete_missing(existing: dict[str, models.Model], kept: set[str]) -> dict[str, int]:
    gone = [slug for slug in existing if slug not in kept]
    for slug in gone:
        row = existing.pop(slug)
        row._change_reason = IMPORT_REASON
        row.delete()
    return {"deleted": len(gone)}


def _upsert(
    model: type[models.Model], existing: dict[str, models.Model], rows: list[models.Model]
) -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    options = {option.slug: option for option in Option.objects.all()} if model is Rule else {}
    names = [f.attname for f in exported_fields(model) if not isinstance(f, models.ForeignKey)]
    for row in rows:
        if model is Rule:
            row.option = options[row.option.slug]
        target = existing.get(row.slug)
        if target is None:
            target, outcome = row, "created"
        elif _differs(target, row, names):
            for name in names:
                setattr(target, name, getattr(row, name))
            if model is Rule:
                target.option = row.option
            outcome = "updated"
        else:
            outcome = "unchanged"
        if outcome != "unchanged":
            target._change_reason = IMPORT_REASON
            target.save()
        counts[outcome] += 1
    return counts


def _differs(saved: models.Model, row: models.Model, names: list[str]) -> bool:
    if isinstance(saved, Rule) and saved.option_id != row.option.pk:
        return True
    return any(getattr(saved, name) != getattr(row, name) for name in names)
