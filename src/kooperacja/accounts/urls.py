from __future__ import annotations

from django.urls import path

from kooperacja.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logowanie/", views.login, name="login"),
    path("wyloguj/", views.logout, name="logout"),
    path("haslo/", views.password_change, name="password-change"),
    path("haslo/zmienione/", views.password_change_done, name="password-change-done"),
    path("haslo/reset/", views.password_reset, name="password-reset"),
    path("haslo/reset/wyslany/", views.password_reset_done, name="password-reset-done"),
    path("haslo/ustaw/<uidb64>/<token>/", views.set_password, name="set-password"),
    path("haslo/ustawione/", views.password_set, name="password-set"),
    path("osoby/", views.members, name="members"),
]
