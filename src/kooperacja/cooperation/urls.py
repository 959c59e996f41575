from __future__ import annotations

from django.urls import path

from kooperacja.cooperation import views

app_name = "cooperation"
urlpatterns = [
    path("partnerstwo/", views.partnership_page, name="partnership"),
    path("partnerstwo/umowy/<int:agreement>/skan/", views.scan, name="scan"),
    path("wspolpraca/", views.team_list, name="teams"),
    path("wspolpraca/partnerstwo/", views.register, name="register"),
    path("wspolpraca/zadania/", views.task_list, name="tasks"),
    path("wspolpraca/<slug:team>/", views.team_page, name="team"),
    path("wspolpraca/<slug:team>/akt-powolania/", views.founding_act, name="founding-act"),
    path("wspolpraca/<slug:team>/kalendarz.ics", views.calendar, name="calendar"),
    path("wspolpraca/<slug:team>/spotkania/nowe/", views.meeting_edit, name="meeting-new"),
    path("wspolpraca/<slug:team>/spotkania/<int:meeting>/", views.meeting_page, name="meeting"),
    path("wspolpraca/<slug:team>/spotkania/<int:meeting>/edycja/", views.meeting_edit,
         name="meeting-edit"),
    path("wspolpraca/<slug:team>/spotkania/<int:meeting>/decyzje/", views.decision_add,
         name="decision-add"),
    path("wspolpraca/<slug:team>/zadania/<int:task>/", views.task_status, name="task-status"),
]
