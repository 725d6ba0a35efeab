# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "logbook"
urlpatterns = [
    path("<str:reference>/logboek/nieuw/", views.new_entry, name="new_entry"),
    path("<str:reference>/dossier.pdf", views.dossier_pdf, name="dossier_pdf"),
    path("<str:reference>/dossier.json", views.dossier_json, name="dossier_json"),
    path(
        "<str:reference>/dossier/versturen/",
        views.send_dossier,
        name="send_dossier",
    ),
]
