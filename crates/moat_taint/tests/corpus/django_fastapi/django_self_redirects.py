# --- file: shop/__init__.py
# --- file: shop/models.py
from django.db import models


class Order(models.Model):
    note = models.TextField()
# --- file: shop/views.py
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Order


def cart_update(request):
    if request.method == "POST":
        request.session["cart"] = request.POST.getlist("items")  # expect: trust-boundary
        # Post/redirect/get: back to the page that was routed here.
        return HttpResponseRedirect(request.get_full_path())  # ok: open-redirect
    return render(request, "shop/cart.html")


def filters_reset(request):
    return HttpResponseRedirect(request.path + "?reset=1")  # ok: open-redirect


def add_slash(request):
    return HttpResponsePermanentRedirect("%s/" % request.path_info)  # ok: open-redirect


def continue_to(request):
    return redirect(request.GET.get("continue", "/"))  # expect: open-redirect


def set_currency(request):
    next_url = request.POST.get("next", request.GET.get("next"))
    if not url_has_allowed_host_and_scheme(url=next_url, allowed_hosts={request.get_host()}):
        next_url = request.META.get("HTTP_REFERER")
        if not url_has_allowed_host_and_scheme(url=next_url, allowed_hosts={request.get_host()}):
            next_url = "/"
    return HttpResponseRedirect(next_url)  # ok: open-redirect


def set_currency_unchecked(request):
    next_url = request.POST.get("next")
    if not url_has_allowed_host_and_scheme(url=request.GET.get("other"), allowed_hosts=None):
        return HttpResponseRedirect("/")
    return HttpResponseRedirect(next_url)  # expect: open-redirect


def order_saved(request):
    order = Order.objects.create(note=request.POST["note"])
    return HttpResponseRedirect(reverse("shop:order", args=(order.pk,)))  # ok: open-redirect


def order_jump(request):
    return redirect(reverse("shop:order", args=(request.GET["id"],)) + "?tab=" + request.GET["tab"])  # ok: open-redirect


def order_elsewhere(request):
    return redirect(request.GET["site"] + reverse("shop:order", args=(1,)))  # expect: open-redirect
# --- file: shop/middleware.py
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect


def force_trailing_slash(get_response):
    def middleware(request):
        if not request.path.endswith("/"):
            return redirect(request.path + "/")  # expect: open-redirect
        return get_response(request)

    return middleware
# --- file: shop/hooks.py
from django.http import HttpResponsePermanentRedirect
from django.utils.deprecation import MiddlewareMixin


class CanonicalHost(MiddlewareMixin):
    def process_request(self, request):
        if request.get_host() != "shop.example.com":
            return HttpResponsePermanentRedirect(request.get_full_path())  # expect: open-redirect
        return None
# --- file: shop/secure.py
from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect


class HttpsRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.host = settings.CANONICAL_HOST

    def __call__(self, request):
        if not request.is_secure():
            # The host is the configured one (set in `__init__`) and the request's own
            # path starts with `/`, so the destination is fixed.
            return HttpResponsePermanentRedirect("https://%s%s" % (self.host, request.get_full_path()))  # ok: open-redirect
        return self.get_response(request)


class ForwardedHostRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.headers.get("X-Forwarded-Host", "")
        return redirect("https://%s%s" % (host, request.get_full_path()))  # expect: open-redirect


class CanonicalHostMiddleware:
    """Sends every request to the configured host; some variants let input move it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.host = settings.CANONICAL_HOST
        self.port = 8443

    def __call__(self, request):
        if request.get_host() == self.host:
            return self.get_response(request)
        where = request.GET.get("next", "/")
        if request.GET.get("keep"):
            # The path comes from the query: `@evil.example` or `.evil.example` moves it.
            return redirect(f"https://{self.host}{where}")  # expect: open-redirect
        if request.GET.get("plain"):
            return redirect("https://{}/{}".format(self.host, where))  # ok: open-redirect
        if request.GET.get("port"):
            return redirect(f"https://{self.host}:{self.port}{request.path}")  # ok: open-redirect
        if request.GET.get("relative"):
            return redirect("//" + settings.CANONICAL_HOST + request.get_full_path())  # ok: open-redirect
        if request.GET.get("user"):
            return redirect(f"https://{self.host}@{where}")  # expect: open-redirect
        return redirect(f"https://{settings.CANONICAL_HOST}{request.get_full_path()}")  # ok: open-redirect


class TenantHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tenant = request.GET.get("tenant", "www")
        # The tenant picks the host: `evil.example/` ends it.
        return redirect("https://" + tenant + request.get_full_path())  # expect: open-redirect


class SecureHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.is_secure():
            return self.get_response(request)
        # `get_host()` is checked against ALLOWED_HOSTS.
        if request.GET.get("checked"):
            return redirect("https://%s%s" % (request.get_host(), request.get_full_path()))  # ok: open-redirect
        # The raw header is not.
        return redirect("https://%s%s" % (request.META["HTTP_HOST"], request.get_full_path()))  # expect: open-redirect
