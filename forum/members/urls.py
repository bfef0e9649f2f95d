from django.urls import path

from . import views

urlpatterns = [
    path("u/<str:handle>/", views.profile, name="profile"),
    path("settings/", views.settings_index, name="settings"),
    path("settings/profile/", views.profile_settings, name="profile_settings"),
    path("settings/privacy/", views.privacy_settings, name="privacy_settings"),
    path("settings/export/", views.export, name="export_data"),
    path("settings/delete/", views.delete_account, name="delete_account"),
]
