from django.contrib import admin
from django.urls import include, path, register_converter

from . import views


class TokenConverter:
    """A result token: URL-safe base64, as `models.new_token` makes it."""

    regex = "[A-Za-z0-9_-]{16,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")

advisor_patterns = (
    [
        path("r/<token:token>/", views.result, name="result"),
        path("r/<token:token>.json", views.result_json, name="result_json"),
    ],
    "advisor",
)

urlpatterns = [
    path("", include("wizard.urls")),
    path("", include(advisor_patterns)),
    path("admin/", admin.site.urls),
]
