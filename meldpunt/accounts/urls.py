# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("tweede-factor/", views.verify, name="second_factor"),
    path("tweede-factor/instellen/", views.setup, name="second_factor_setup"),
    path("herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("toegangslog/", views.access_log, name="access_log"),
    path("raadplegen/<str:reference>/", views.consult, name="consult"),
]
