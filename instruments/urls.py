from django.urls import path

from iml_portal.cache import public_page

from . import countries, feeds, views
from .filters import InstrumentFilter

app_name = "instruments"

# The query string parameters that change what the list and the feed show.
LIST_PARAMS = [*InstrumentFilter.base_filters, "page"]

# "feed" is reserved: no instrument can take it as its slug.
urlpatterns = [
    path("instruments/", public_page(views.InstrumentListView.as_view(), LIST_PARAMS), name="list"),
    path("instruments/feed/", public_page(feeds.InstrumentFeed(), LIST_PARAMS), name="feed"),
    path(
        "instruments/<slug:slug>/",
        public_page(views.InstrumentDetailView.as_view(), ["parties"]),
        name="detail",
    ),
    path(
        "instruments/<slug:slug>/citation.<str:extension>",
        public_page(views.citation),
        name="citation",
    ),
    path("countries/", public_page(countries.CountryListView.as_view()), name="countries"),
    path(
        "countries/<str:code>/",
        public_page(countries.CountryDetailView.as_view()),
        name="country",
    ),
]
