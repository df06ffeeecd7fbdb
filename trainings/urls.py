from django.urls import path

from iml_portal.cache import public_page

from . import views

app_name = "trainings"

urlpatterns = [
    path("", public_page(views.CourseListView.as_view()), name="list"),
    path("<slug:slug>/", public_page(views.CourseDetailView.as_view()), name="detail"),
    path("<slug:slug>/editions/<int:pk>.ics", public_page(views.edition_ics), name="edition_ics"),
]
