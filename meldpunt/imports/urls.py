# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/datumvolgorde/", views.date_order, name="date_order"),
    path("<int:pk>/bevestigen/", views.confirm, name="confirm"),
    path("<int:pk>/annuleren/", views.cancel, name="cancel"),
    path("<int:pk>/voortgang/", views.progress, name="progress"),
]
