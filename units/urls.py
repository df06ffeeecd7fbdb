from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("team/", views.TeamView.as_view(), name="team"),
    path("what-we-do/", views.WhatWeDoView.as_view(), name="what_we_do"),
    path("research/", views.ResearchView.as_view(), name="research"),
]
