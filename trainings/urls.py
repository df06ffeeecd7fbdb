from django.urls import path

from . import views

app_name = "trainings"

urlpatterns = [
    path("", views.CourseListView.as_view(), name="list"),
    path("<slug:slug>/", views.CourseDetailView.as_view(), name="detail"),
    path("<slug:slug>/editions/<int:pk>.ics", views.edition_ics, name="edition_ics"),
]
