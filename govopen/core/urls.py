from django.urls import path

from . import views

urlpatterns = [
    path("preferences/", views.set_preference, name="preferences"),
    path("leave/", views.leave_site, name="leave"),
]
