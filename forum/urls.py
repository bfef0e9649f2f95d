from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("pages/<slug:slug>/", views.editorial_page, name="page"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("notifications/", include("forum.notifications.urls")),
    path("", include("accounts.urls")),
    path("", include("posts.urls")),
]
