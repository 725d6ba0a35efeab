# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("<str:reference>/beoordeling/", views.assessment, name="assessment"),
    path("<str:reference>/beoordeling/besluit/", views.decide, name="decide"),
]
