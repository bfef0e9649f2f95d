from django.urls import path

from . import views

urlpatterns = [
    path("settings/notifications/", views.notification_settings, name="notification_settings"),
    path("settings/accessibility/", views.accessibility_settings, name="accessibility_settings"),
]
