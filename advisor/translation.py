"""Texts admins edit, in every language the site speaks.

Each translatable field has a sibling per extra language (`name_ru`, `name_lv`). A blank
sibling falls back to the message catalogue's translation of the English text (which covers
the default options and rules), and then to the English text itself. Assessments freeze the
texts in every language, and pages pick the reader's language when they render.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DEFAULT_LANGUAGE = "en"
EXTRA_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES if code != DEFAULT_LANGUAGE)
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def translated_field(field: models.Field, language: str) -> models.Field:
    """A blank-able copy of `field` for one extra language."""
    name, path, args, kwargs = field.deconstruct()
    kwargs.update(
        verbose_name=f"{field.verbose_name} ({language})",
        blank=True,
        default="",
        help_text=_("Leave blank to use the built-in translation of the English text."),
    )
    kwargs.pop("unique", None)
    return type(field)(*args, **kwargs)


def _catalogue(text: str, language: str) -> str:
    if not text:
        return ""  # gettext("") would return the catalogue's header
    with translation.override(language):
        return gettext(text)


def in_all_languages(instance: models.Model, field: str, *, lines: bool = False) -> dict[str, Any]:
    """{"en": ..., "ru": ..., "lv": ...} for one field; `lines` splits and translates per line."""
    english = getattr(instance, field)

    def in_language(text: str, language: str) -> Any:
        if lines:
            return [_catalogue(line, language) if language else line for line in _lines(text)]
        return _catalogue(text, language) if language else text

    texts = {DEFAULT_LANGUAGE: in_language(english, "")}
    for language in EXTRA_LANGUAGES:
        own = getattr(instance, f"{field}_{language}", "")
        texts[language] = (_lines(own) if lines else own) if own else in_language(english, language)
    return texts


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _is_translations(value: Any) -> bool:
    return (
        isinstance(value, dict) and DEFAULT_LANGUAGE in value and set(value) <= set(LANGUAGE_NAMES)
    )


def localize(data: Any, language: str | None = None) -> Any:
    """Replace every {"en": ..., "ru": ...} in `data` by the text in `language` (or English)."""
    language = language or translation.get_language() or DEFAULT_LANGUAGE
    if _is_translations(data):
        return data.get(language) or data[DEFAULT_LANGUAGE]
    if isinstance(data, dict):
        return {key: localize(value, language) for key, value in data.items()}
    if isinstance(data, list):
        return [localize(item, language) for item in data]
    return data
