# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "incidents"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/classificeren/", views.classify, name="classify"),
    path("<str:reference>/toewijzen/", views.assign, name="assign"),
    path("<str:reference>/notitie/", views.add_note, name="note"),
    path("<str:reference>/status/", views.change_status, name="status"),
    path("<str:reference>/afsluiten/", views.close, name="close"),
    path("<str:reference>/bewijs/<int:pk>/", views.download_evidence, name="evidence"),
]
