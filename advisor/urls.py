from django.contrib import admin
from django.urls import include, path, register_converter

from advisor import site_views
from advisor.converters import TokenConverter
from advisor.results import views

register_converter(TokenConverter, "token")

advisor_patterns = (
    [
        path("<token:token>/", views.result, name="result"),
        path("<token:token>.json", views.result_json, name="result_json"),
        path("<token:token>/changes/", views.result_changes, name="result_changes"),
        path("<token:token>/compare/<token:other_token>/", views.compare, name="compare"),
    ],
    "advisor",
)

# Results first, under their own prefix: the most requested pages are found without trying
# the wizard's patterns, and a wizard page skips them after one look at the prefix.
urlpatterns = [
    path("r/", include(advisor_patterns)),
    path("", include("wizard.urls")),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("language/<str:code>/", site_views.choose_language, name="language"),
    path("admin/", admin.site.urls),
]

handler400 = site_views.bad_request
