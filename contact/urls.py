from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("", views.ContactFormView.as_view(), name="form"),
    path("thanks/<uuid:token>/", views.ThanksView.as_view(), name="thanks"),
    path("status/<str:token>/", views.StatusView.as_view(), name="status"),
]
