"""Uploads: only admin's rule import takes a file, and no other post needs more than a form.

A multipart body longer than a form could be is refused before anything reads it (413), so
nothing is spooled to disk; a file sent to any other page is skipped unread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from advisor.rules.transfer import MAX_FILE_BYTES

#: The most a multipart post may carry besides the rule import: a wizard step's form is a
#: few hundred bytes.
FORM_MAX_BYTES = 64 * 1024


def _takes_a_file(request: HttpRequest) -> bool:
    return request.path == reverse("admin:advisor_rule_import")


class UploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.content_type == "multipart/form-data":
            limit = MAX_FILE_BYTES + FORM_MAX_BYTES if _takes_a_file(request) else FORM_MAX_BYTES
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = limit + 1
            if length > limit:
                return render(request, "400.html", status=413)
        return self.get_response(request)


class FilesOnlyForTheRuleImport(FileUploadHandler):
    """Skip, unread, any file posted to a page other than admin's rule import."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        if not _takes_a_file(self.request):
            raise SkipFile
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
