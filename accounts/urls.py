from django.urls import path

from . import profile_views, views

urlpatterns = [
    path("u/<str:handle>/", profile_views.profile, name="profile"),
    path("settings/", profile_views.settings_index, name="settings"),
    path("settings/profile/", profile_views.profile_settings, name="profile_settings"),
    path("settings/privacy/", profile_views.privacy_settings, name="privacy_settings"),
    path("settings/export/", profile_views.export, name="export_data"),
    path("settings/delete/", profile_views.delete_account, name="delete_account"),
    path("settings/notifications/", views.notification_settings, name="notification_settings"),
    path("settings/accessibility/", views.accessibility_settings, name="accessibility_settings"),
]
