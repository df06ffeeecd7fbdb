from django.urls import path

from iml_portal.cache import public_page

from . import feeds, views

app_name = "publications"

# "feed" and "series" are reserved: no publication can take them as its slug.
urlpatterns = [
    path("", public_page(views.PublicationListView.as_view()), name="list"),
    path("feed/", public_page(feeds.PublicationFeed()), name="feed"),
    path("series/<slug:slug>/", public_page(views.SeriesView.as_view()), name="series"),
    path("<slug:slug>/", public_page(views.PublicationDetailView.as_view()), name="detail"),
    path("<slug:slug>/citation.<str:extension>", public_page(views.citation), name="citation"),
]
