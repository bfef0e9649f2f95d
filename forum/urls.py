from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from posts.page_cache import anonymous_page

from . import views
from .admin_login import admin_login
from .moderation import illegal
from .moderation import views as moderation_views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", anonymous_page("lists")(views.home), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz.json", views.healthz_detail, name="healthz_detail"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("pages/transparency/", moderation_views.transparency, name="transparency"),
    path("pages/<slug:slug>/", anonymous_page("lists")(views.editorial_page), name="page"),
    path("moderation/", include("forum.moderation.urls")),
    path("report-illegal/", illegal.report_illegal, name="report_illegal"),
    path("report-illegal/<str:reference>/", illegal.receipt, name="report_illegal_receipt"),
    path("posts/<slug:slug>/report/", moderation_views.report_post, name="report_post"),
    path("comments/<id:comment_id>/report/", moderation_views.report_comment,
         name="report_comment"),
    path("messages/m/<id:message_id>/report/", moderation_views.report_message,
         name="report_message"),
    # Before the admin's own URLs: its login page only sends people to the site's login.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("notifications/", include("forum.notifications.urls")),
    path("messages/", include("forum.conversations.urls")),
    path("", include("forum.members.urls")),
    path("", include("accounts.urls")),
    path("", include("posts.urls")),
]
