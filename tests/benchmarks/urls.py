"""The app's URLs plus /bench/trivial/: the cheapest response the whole stack can give."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from advisor.urls import urlpatterns as app_urlpatterns


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *app_urlpatterns]
