from django.urls import path

from . import blocking_views, views

urlpatterns = [
    path("settings/", views.settings_index, name="settings"),
    path("settings/profile/", views.profile_settings, name="profile_settings"),
    path("settings/consent/", views.consent, name="consent"),
    path("settings/consent/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("settings/privacy/", views.privacy_settings, name="privacy_settings"),
    path("settings/notifications/", views.notification_settings, name="notification_settings"),
    path("settings/blocked/", blocking_views.blocked_members, name="blocked_members"),
    path("u/<str:handle>/block/", blocking_views.block_member, name="block_member"),
    path("settings/accessibility/", views.accessibility_settings, name="accessibility_settings"),
]
