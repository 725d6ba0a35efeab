# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from meldpunt.accounts import oidc
from meldpunt.accounts import views as account_views
from meldpunt.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("toegankelijkheid/", web_views.accessibility, name="accessibility"),
    path("melden/", include("meldpunt.reports.urls")),
    path("zaken/", include("meldpunt.logbook.urls")),
    path("zaken/", include("meldpunt.assessments.urls")),
    path("zaken/<str:reference>/import/", include("meldpunt.imports.urls")),
    path("zaken/", include("meldpunt.incidents.urls")),
    path("", include("meldpunt.guidance.urls")),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", account_views.LogoutView.as_view(), name="logout"),
    path("account/", include("meldpunt.accounts.urls")),
    path("sso/start/", oidc.start, name="oidc_start"),
    path("sso/terug/", oidc.callback, name="oidc_callback"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

handler400 = "meldpunt.web.views.bad_request"
handler404 = "meldpunt.web.views.not_found"
