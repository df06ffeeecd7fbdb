from django.urls import path

from iml_portal.cache import public_page

from . import feeds, views
from .filters import PublicationFilter

app_name = "publications"

# The query string parameters that change what the list and the feed show.
LIST_PARAMS = [*PublicationFilter.base_filters, "page"]

# "feed" and "series" are reserved: no publication can take them as its slug.
urlpatterns = [
    path("", public_page(views.PublicationListView.as_view(), LIST_PARAMS), name="list"),
    path("feed/", public_page(feeds.PublicationFeed(), LIST_PARAMS), name="feed"),
    path("series/", public_page(views.SeriesListView.as_view()), name="series_list"),
    path("series/<slug:slug>/", public_page(views.SeriesView.as_view(), ["page"]), name="series"),
    path("<slug:slug>/", public_page(views.PublicationDetailView.as_view()), name="detail"),
    path("<slug:slug>/citation.<str:extension>", public_page(views.citation), name="citation"),
]
