from django.urls import path

from iml_portal.cache import public_page

from . import views

app_name = "units"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("about/", public_page(views.AboutView.as_view()), name="about"),
    path("team/", public_page(views.TeamView.as_view()), name="team"),
    path("what-we-do/", public_page(views.WhatWeDoView.as_view()), name="what_we_do"),
    path("research/", public_page(views.ResearchView.as_view()), name="research"),
]
