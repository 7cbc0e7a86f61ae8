from django.urls import path

from . import views

app_name = "filing"
urlpatterns = [
    path("", views.questionnaire, name="start"),
    path("result/", views.result, name="result"),
]
