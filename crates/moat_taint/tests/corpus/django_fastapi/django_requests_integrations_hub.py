# --- file: hub/__init__.py
# --- file: hub/connectors.py
import requests

CRM_API = "https://crm.internal.example.com/api/v3"
SIGNING_API = "https://sign.internal.example.com/v1/envelopes"
KNOWN_CRMS = {"hubspot": "https://api.hubapi.com", "pipedrive": "https://api.pipedrive.com"}

# The helper function hands back a Session, like `requests.Session()` does.
_session = requests.session()
_session.headers["User-Agent"] = "integrations-hub/2.1"


def push_contact(url, contact):
    return _session.post(url, json=contact, timeout=10)  # expect: ssrf


def push_contact_to_crm(crm, contact):
    base = KNOWN_CRMS.get(crm, CRM_API)
    return _session.post(base + "/contacts", json=contact, timeout=10)  # ok: ssrf


def overwrite_deal(url, deal):
    _session.put(url, json=deal, timeout=10)  # expect: ssrf
    _session.put(f"{CRM_API}/deals/{deal['id']}", json=deal, timeout=10)  # ok: ssrf


def touch_deal(url, fields):
    _session.patch(url, json=fields, timeout=10)  # expect: ssrf
    _session.patch(CRM_API + "/deals/touch", json={"url": url, **fields}, timeout=10)  # ok: ssrf


def unlink(url, contact_id):
    _session.delete(url, timeout=10)  # expect: ssrf
    _session.delete(CRM_API + "/links/" + str(int(contact_id)), timeout=10)  # ok: ssrf


def health(url):
    with requests.session() as s:
        theirs = s.head(url, timeout=3).status_code  # expect: ssrf
        verbs = s.options(url, timeout=3).headers.get("Allow", "")  # expect: ssrf
        ours = s.head(CRM_API + "/health", timeout=3).status_code  # ok: ssrf
        our_verbs = s.options(CRM_API, timeout=3, headers={"X-Checked": url}).headers.get("Allow", "")  # ok: ssrf
    return {"theirs": theirs, "verbs": verbs, "ours": ours, "our_verbs": our_verbs}


def call(method, url, body):
    s = requests.Session()
    first = s.request(method, url, data=body, timeout=10)  # expect: ssrf
    second = s.request(method, CRM_API + "/proxy", data=body, timeout=10)  # ok: ssrf
    return first.status_code, second.status_code


def send_envelope(callback_url, envelope):
    prepared = requests.Request("POST", callback_url, json=envelope).prepare()  # expect: ssrf
    ours = requests.Request("POST", SIGNING_API, json={**envelope, "callback": callback_url}).prepare()  # ok: ssrf
    with requests.Session() as s:
        return s.send(prepared, timeout=10).status_code, s.send(ours, timeout=10).status_code
# --- file: hub/oneshot.py
import requests

from .connectors import CRM_API


def replace_mapping(url, mapping):
    requests.put(url, json=mapping, timeout=5)  # expect: ssrf
    requests.put(CRM_API + "/mappings/current", json=mapping, timeout=5)  # ok: ssrf


def adjust_mapping(url, changes):
    requests.patch(url, json=changes, timeout=5)  # expect: ssrf
    requests.patch(CRM_API + "/mappings/current", json=changes, timeout=5)  # ok: ssrf


def drop_mapping(url):
    requests.delete(url, timeout=5)  # expect: ssrf
    requests.delete(CRM_API + "/mappings/current", params={"source": url}, timeout=5)  # ok: ssrf


def allowed_methods(url):
    theirs = requests.options(url, timeout=5)  # expect: ssrf
    ours = requests.options(CRM_API + "/mappings", timeout=5)  # ok: ssrf
    return theirs.headers.get("Allow", ""), ours.headers.get("Allow", "")
# --- file: hub/views.py
import json

from django.http import JsonResponse
from django.views.decorators.http import require_http_methods, require_POST

from . import connectors, oneshot


@require_POST
def sync_contact(request):
    data = json.loads(request.body)
    connectors.push_contact(data["webhook"], data["contact"])
    connectors.push_contact_to_crm(request.GET.get("crm", "hubspot"), data["contact"])
    return JsonResponse({"queued": True})


@require_POST
def sync_deal(request):
    data = json.loads(request.body)
    connectors.overwrite_deal(data["deal_url"], data["deal"])
    connectors.touch_deal(request.POST.get("touch_url", ""), {"stage": data["deal"].get("stage")})
    connectors.unlink(request.GET["unlink"], data["deal"].get("contact_id", 0))
    return JsonResponse({"ok": True})


def check(request):
    return JsonResponse(connectors.health(request.GET["url"]))


@require_POST
def proxy(request):
    first, second = connectors.call(request.POST["method"], request.POST["url"], request.body)
    return JsonResponse({"first": first, "second": second})


@require_POST
def envelope(request):
    data = json.loads(request.body)
    statuses = connectors.send_envelope(data["callback_url"], {"document": data.get("document", "")})
    return JsonResponse({"statuses": statuses})


@require_http_methods(["PUT", "PATCH", "DELETE", "OPTIONS"])
def mapping(request):
    url = request.headers["X-Mapping-Source"]
    if request.method == "PUT":
        oneshot.replace_mapping(url, json.loads(request.body))
    elif request.method == "PATCH":
        oneshot.adjust_mapping(url, json.loads(request.body))
    elif request.method == "DELETE":
        oneshot.drop_mapping(url)
    else:
        theirs, ours = oneshot.allowed_methods(url)
        return JsonResponse({"theirs": theirs, "ours": ours})
    return JsonResponse({"ok": True})
# --- file: hub/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("contacts/sync", views.sync_contact),
    path("deals/sync", views.sync_deal),
    path("check", views.check),
    path("proxy", views.proxy),
    path("envelope", views.envelope),
    path("mapping", views.mapping),
]
