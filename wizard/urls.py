from django.urls import path, re_path, register_converter

from advisor.converters import RunConverter, TokenConverter
from wizard import views

register_converter(RunConverter, "run")

app_name = "wizard"
assessment_wizard = views.AssessmentWizard.as_view(url_name="wizard:step", done_step_name="done")

urlpatterns = [
    path("", views.home, name="home"),
    path("assess/", views.start, name="start"),
    # A regex, not the "token" converter, which advisor.urls registers.
    re_path(rf"^assess/from/(?P<token>{TokenConverter.regex})/$", views.restart, name="restart"),
    path("assess/<run:run>/", assessment_wizard, name="resume"),
    path("assess/<run:run>/<slug:step>/", assessment_wizard, name="step"),
]
