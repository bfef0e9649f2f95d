from django.urls import path

from . import views

urlpatterns = [
    path("settings/accessibility/", views.accessibility_settings, name="accessibility_settings"),
]
