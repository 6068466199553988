# --- file: hooks/__init__.py
# --- file: hooks/client.py
import requests

DEFAULT_TIMEOUT = 5


class WebhookClient:
    def __init__(self, session=None):
        self.session = session or requests.Session()

    def ping(self, url):
        return self.session.get(url, timeout=DEFAULT_TIMEOUT)  # expect: ssrf

    def deliver(self, url, payload):
        return requests.post(url, json=payload, timeout=DEFAULT_TIMEOUT)  # expect: ssrf


def fetch_status(service):
    return requests.get("https://status.example.com/api/v2/summary.json", params={"service": service}, timeout=3)  # ok: ssrf
# --- file: hooks/views.py
import json
from urllib.parse import urlparse

import requests
from django.http import JsonResponse
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.utils.decorators import method_decorator

from .client import WebhookClient, fetch_status

TRUSTED_HOSTS = {"hooks.slack.com", "discord.com"}


@method_decorator(csrf_exempt, name="dispatch")
class WebhookTestView(View):
    client = WebhookClient()

    def post(self, request):
        body = json.loads(request.body)
        resp = self.client.ping(body["url"])
        self.client.deliver(body["url"], {"event": "test"})
        return JsonResponse({"status": resp.status_code})


def status(request):
    data = fetch_status(request.GET.get("service", "api")).json()
    return JsonResponse(data)


def preview_link(request):
    url = request.GET.get("url", "")
    timeout = float(request.GET.get("timeout", "2"))
    avatar = requests.get("https://cdn.example.com/default.png", timeout=timeout)  # ok: ssrf
    page = requests.get(url, timeout=timeout, allow_redirects=False)  # expect: ssrf
    return JsonResponse({"title": page.text[:100], "avatar": len(avatar.content)})


def notify_chat(request):
    hook = request.POST.get("hook", "")
    if urlparse(hook).hostname in TRUSTED_HOSTS and hook.startswith("https://"):
        requests.post(hook, json={"text": "deployed"}, timeout=5)  # ok: ssrf
    region = request.POST.get("region", "eu")
    requests.request("GET", f"https://{region}.metrics.example.com/health", timeout=5)  # expect: ssrf
    return JsonResponse({"ok": True})
# --- file: hooks/feeds.py
import requests
from django.http import JsonResponse
from django.views import View

FEED_URL = "https://feeds.example.com/latest.json"


class FeedView(View):
    # Class attributes made by a call: the view's HTTP session.
    http = requests.Session()
    timeout = float("3")

    def get(self, request):
        latest = self.http.get(FEED_URL, timeout=self.timeout)  # ok: ssrf
        mirror = self.http.get(request.GET["mirror"], timeout=self.timeout)  # expect: ssrf
        path = request.GET.get("path", "index.json")
        page = self.http.get(f"https://feeds.example.com/{path}", timeout=self.timeout)  # ok: ssrf
        return JsonResponse({"n": len(latest.content) + len(mirror.content) + len(page.content)})
