from django.urls import path
from django.views.generic import TemplateView

app_name = "trainings"

# Placeholder until the trainings issue lands.
urlpatterns = [
    path("", TemplateView.as_view(template_name="trainings/placeholder.html"), name="list"),
]
