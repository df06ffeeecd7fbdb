from django.urls import path
from django.views.generic import TemplateView

app_name = "publications"

# Placeholder until the publications issue lands.
urlpatterns = [
    path("", TemplateView.as_view(template_name="publications/placeholder.html"), name="list"),
]
