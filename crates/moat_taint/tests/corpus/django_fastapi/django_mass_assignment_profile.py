# --- file: profiles/__init__.py
# --- file: profiles/forms_util.py
EDITABLE_FIELDS = ("display_name", "bio", "timezone")


def apply_changes(instance, changes):
    for field, value in changes.items():
        setattr(instance, field, value)  # expect: mass-assignment
    instance.save()
    return instance


def apply_allowed(instance, changes):
    for field, value in changes.items():
        if field in EDITABLE_FIELDS:
            setattr(instance, field, value)  # ok: mass-assignment
    instance.save()
    return instance
# --- file: profiles/views.py
import json

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views import View

from .forms_util import EDITABLE_FIELDS, apply_allowed, apply_changes
from .models import Profile


@login_required
def update_profile(request):
    profile = Profile.objects.get(user=request.user)
    apply_changes(profile, request.POST.dict())
    return JsonResponse({"ok": True})


@login_required
def update_profile_safe(request):
    profile = Profile.objects.get(user=request.user)
    apply_allowed(profile, request.POST.dict())
    return JsonResponse({"ok": True})


class ProfileApi(View):
    def patch(self, request, pk):
        profile = Profile.objects.get(pk=pk, user=request.user)
        data = json.loads(request.body)
        for key in data:
            setattr(profile, key, data[key])  # expect: mass-assignment
        profile.save()
        return JsonResponse({"ok": True})

    def put(self, request, pk):
        profile = Profile.objects.get(pk=pk, user=request.user)
        data = json.loads(request.body)
        setattr(profile, "bio", data.get("bio", ""))  # ok: mass-assignment
        profile.save()
        return JsonResponse({"ok": True})


@login_required
def create_profile(request):
    fields = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    profile = Profile.objects.create(user=request.user, **fields)  # expect: mass-assignment
    return JsonResponse({"id": profile.pk})


@login_required
def create_profile_named(request):
    fields = {"display_name": request.POST.get("display_name", ""), "bio": request.POST.get("bio", "")}
    profile = Profile.objects.create(user=request.user, **fields)  # ok: mass-assignment
    return JsonResponse({"id": profile.pk})


@login_required
def update_profile_allowed(request):
    data = json.loads(request.body)
    changes = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    Profile.objects.filter(user=request.user).update(**changes)  # ok: mass-assignment
    return JsonResponse({"ok": True})


@login_required
def update_profile_any(request):
    data = json.loads(request.body)
    Profile.objects.filter(user=request.user).update(**data)  # expect: mass-assignment
    return JsonResponse({"ok": True})


@login_required
def import_profile(request):
    profile = Profile(user=request.user, **json.loads(request.body))  # expect: mass-assignment
    profile.save()
    return JsonResponse({"id": profile.pk})


@login_required
def import_profile_named(request):
    data = json.loads(request.body)
    profile = Profile(user=request.user, display_name=data.get("display_name", ""))  # ok: mass-assignment
    profile.save()
    return JsonResponse({"id": profile.pk})
# --- file: profiles/models.py
from django.conf import settings
from django.db import models


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    display_name = models.CharField(max_length=80)
    bio = models.TextField(blank=True)
    timezone = models.CharField(max_length=40, default="UTC")
    is_verified = models.BooleanField(default=False)
    credit = models.IntegerField(default=0)
