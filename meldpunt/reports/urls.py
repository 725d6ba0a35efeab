# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report, name="report"),
    path("ontvangen/", views.received, name="received"),
    path("leverancier/", views.supplier, name="supplier"),
]
