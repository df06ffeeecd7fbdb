from django.urls import path

from . import feeds, views

app_name = "publications"

# "feed" and "series" are reserved: no publication can take them as its slug.
urlpatterns = [
    path("", views.PublicationListView.as_view(), name="list"),
    path("feed/", feeds.PublicationFeed(), name="feed"),
    path("series/<slug:slug>/", views.SeriesView.as_view(), name="series"),
    path("<slug:slug>/", views.PublicationDetailView.as_view(), name="detail"),
    path("<slug:slug>/citation.<str:extension>", views.citation, name="citation"),
]
