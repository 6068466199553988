# --- file: audit/__init__.py
# --- file: audit/logging_utils.py
import logging

logger = logging.getLogger("audit")


def clean(value):
    return value.replace("\r", "").replace("\n", "")


def audit(event, **fields):
    parts = " ".join(f"{k}={v}" for k, v in fields.items())
    logger.info("%s %s", event, parts)  # expect: log-injection


class AuditTrail:
    def __init__(self, name):
        self.log = logging.getLogger(name)

    def record(self, actor, action):
        self.log.warning("actor=%s action=%s", actor, action)  # expect: log-injection
# --- file: audit/views.py
import logging

from django.contrib.auth import authenticate
from django.http import HttpResponse, JsonResponse

from .logging_utils import AuditTrail, audit, clean

log = logging.getLogger(__name__)
trail = AuditTrail("audit.trail")


def login_attempt(request):
    username = request.POST.get("username", "")
    user = authenticate(request, username=username, password=request.POST.get("password", ""))
    if user is None:
        log.warning("failed login for %s from %s", username, request.META.get("REMOTE_ADDR"))  # expect: log-injection
        log.warning("failed login for %r", username)  # ok: log-injection
        return HttpResponse(status=401)
    log.info("login ok for %s", clean(username))  # ok: log-injection
    audit("login", user=username, agent=request.headers.get("User-Agent", ""))
    return JsonResponse({"ok": True})


def delete_item(request, item_id):
    trail.record(request.user.username, f"delete {request.GET.get('reason', '')}")
    log.info("deleted item %d", item_id)  # ok: log-injection
    return JsonResponse({"deleted": item_id})


def search(request):
    q = request.GET.get("q", "")
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        log.error("bad page value: " + request.GET.get("page", ""))  # expect: log-injection
        page = 1
    logging.info(f"search q={q} page={page}")  # expect: log-injection
    return JsonResponse({"q": q, "page": page})
# --- file: audit/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.login_attempt),
    path("items/<int:item_id>/delete/", views.delete_item),
    path("search/", views.search),
]
