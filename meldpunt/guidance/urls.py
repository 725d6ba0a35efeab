# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "guidance"
urlpatterns = [
    path("procedure/<str:reference>/", views.guide, name="guide"),
    path("procedure/<str:reference>/overleg/", views.consultation, name="consultation"),
    path("contact/", views.contact, name="contact"),
    path("tips/", views.tips, name="tips"),
    path("hulp/", views.stuck, name="stuck"),
    path("noodnummer/", views.emergency_number, name="emergency"),
    path("afwezigheid/", views.absences, name="absences"),
    path("afwezigheid/<int:pk>/beeindigen/", views.end_absence, name="end_absence"),
]
