# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from meldpunt.accounts import oidc
from meldpunt.accounts import views as account_views
from meldpunt.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("melden/", include("meldpunt.reports.urls")),
    path("zaken/", include("meldpunt.incidents.urls")),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", account_views.LogoutView.as_view(), name="logout"),
    path("account/", include("meldpunt.accounts.urls")),
    path("sso/start/", oidc.start, name="oidc_start"),
    path("sso/terug/", oidc.callback, name="oidc_callback"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

handler404 = "meldpunt.web.views.not_found"
