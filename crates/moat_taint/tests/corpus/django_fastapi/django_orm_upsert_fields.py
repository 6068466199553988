# --- file: crm/__init__.py
# --- file: crm/models.py
from django.db import models


class Team(models.Model):
    name = models.CharField(max_length=80)


class Contact(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    email = models.EmailField()
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=40, blank=True)
    is_vip = models.BooleanField(default=False)
    discount = models.IntegerField(default=0)
# --- file: crm/views.py
import json

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from .models import Contact

CONTACT_FIELDS = ("email", "name", "phone")


def _allowed(data):
    return {k: data[k] for k in CONTACT_FIELDS if k in data}


@login_required
def ensure_contact(request):
    data = json.loads(request.body)
    contact, created = Contact.objects.get_or_create(team=request.user.team, **data)  # expect: mass-assignment
    return JsonResponse({"id": contact.pk, "created": created})


@login_required
def ensure_contact_named(request):
    data = json.loads(request.body)
    contact, created = Contact.objects.get_or_create(team=request.user.team, email=data.get("email", ""))  # ok: mass-assignment
    return JsonResponse({"id": contact.pk, "created": created})


@login_required
def sync_contact(request):
    fields = request.POST.dict()
    contact, _ = Contact.objects.update_or_create(team=request.user.team, **fields)  # expect: mass-assignment
    return JsonResponse({"id": contact.pk})


@login_required
def sync_contact_allowed(request):
    fields = _allowed(request.POST.dict())
    contact, _ = Contact.objects.update_or_create(team=request.user.team, **fields)  # ok: mass-assignment
    return JsonResponse({"id": contact.pk})


@login_required
def sync_contact_defaults(request):
    data = json.loads(request.body)
    # `defaults` is a mapping of field names to values too: the client picks the fields.
    contact, _ = Contact.objects.update_or_create(email=data.pop("email", ""), defaults=data)  # expect: mass-assignment
    return JsonResponse({"id": contact.pk})


@login_required
def sync_contact_named_defaults(request):
    data = json.loads(request.body)
    defaults = {"name": data.get("name", ""), "phone": data.get("phone", "")}
    contact, _ = Contact.objects.update_or_create(email=data.get("email", ""), defaults=defaults)  # ok: mass-assignment
    return JsonResponse({"id": contact.pk})


@login_required
def claim_contact(request):
    data = json.loads(request.body)
    contact, _ = Contact.objects.filter(team=request.user.team).get_or_create(  # expect: mass-assignment
        email=data.get("email", ""), defaults=data.get("profile", {})
    )
    return JsonResponse({"id": contact.pk})


@login_required
def touch_contact(request):
    data = json.loads(request.body)
    contact, _ = Contact.objects.update_or_create(  # ok: mass-assignment
        email=data.get("email", ""),
        defaults={"name": data.get("name", "")},
        create_defaults={"name": data.get("name", ""), "source": "api"},
    )
    return JsonResponse({"id": contact.pk})


@login_required
def upsert_contact(request):
    data = json.loads(request.body)
    contact, _ = Contact.objects.update_or_create(email=data.get("email", ""), create_defaults=data)  # expect: mass-assignment
    return JsonResponse({"id": contact.pk})


@login_required
def import_contact(request):
    data = json.loads(request.body)
    contact = Contact.objects.using("crm").create(team=request.user.team, **data)  # expect: mass-assignment
    return JsonResponse({"id": contact.pk})


@login_required
def import_contact_allowed(request):
    data = _allowed(json.loads(request.body))
    contact = Contact.objects.using("crm").create(team=request.user.team, **data)  # ok: mass-assignment
    return JsonResponse({"id": contact.pk})


@login_required
def team_contact(request):
    lookup = {k: v for k, v in request.GET.items() if k != "page"}
    contact, _ = Contact.objects.filter(team=request.user.team).get_or_create(**lookup)  # expect: mass-assignment
    return JsonResponse({"id": contact.pk})


@login_required
def team_contact_by_email(request):
    lookup = {"email": request.GET.get("email", ""), "name": request.GET.get("name", "")}
    contact, _ = Contact.objects.filter(team=request.user.team).get_or_create(**lookup)  # ok: mass-assignment
    return JsonResponse({"id": contact.pk})


@login_required
def refresh_contact(request):
    changes = json.loads(request.body)
    queryset = Contact.objects.select_related("team").filter(team=request.user.team)
    contact, _ = queryset.update_or_create(**changes)  # expect: mass-assignment
    phone_only, _ = queryset.update_or_create(email=changes.get("email", ""), phone=changes.get("phone", ""))  # ok: mass-assignment
    return JsonResponse({"id": contact.pk, "other": phone_only.pk})
