"""Pages that gather a member's words from every app: the public profile, export, deletion."""

from django.urls import path

from . import views

urlpatterns = [
    # Before the profile: "suggest" is not a handle anyone can take (accounts.handles).
    path("u/suggest/", views.suggest_handles, name="suggest_handles"),
    path("u/<str:handle>/", views.profile, name="profile"),
    path("settings/export/", views.export, name="export_data"),
    path("settings/delete/", views.delete_account, name="delete_account"),
]
