from django.contrib import admin
from django.urls import include, path, register_converter

from . import views
from .converters import TokenConverter

register_converter(TokenConverter, "token")

advisor_patterns = (
    [
        path("r/<token:token>/", views.result, name="result"),
        path("r/<token:token>.json", views.result_json, name="result_json"),
        path("r/<token:token>/changes/", views.result_changes, name="result_changes"),
    ],
    "advisor",
)

urlpatterns = [
    path("", include("wizard.urls")),
    path("", include(advisor_patterns)),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("language/<str:code>/", views.choose_language, name="language"),
    path("admin/", admin.site.urls),
]
