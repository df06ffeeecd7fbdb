from django.urls import path
from django.views.generic import TemplateView

app_name = "contact"

# Placeholder until the contact issue lands.
urlpatterns = [
    path("", TemplateView.as_view(template_name="contact/placeholder.html"), name="form"),
]
