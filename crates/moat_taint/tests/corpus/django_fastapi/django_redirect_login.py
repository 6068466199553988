# --- file: accounts/__init__.py
# --- file: accounts/utils.py
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request, default="/"):
    return request.POST.get("next") or request.GET.get("next") or default


def safe_next_url(request, default="/"):
    target = next_url(request, default)
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default
# --- file: accounts/views.py
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from .utils import next_url, safe_next_url


def login_view(request):
    if request.method == "POST":
        user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
        if user is not None:
            login(request, user)
            return redirect(next_url(request))  # expect: open-redirect
    return render(request, "accounts/login.html")


def login_safe_view(request):
    if request.method == "POST":
        user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
        if user is not None:
            login(request, user)
            return redirect(safe_next_url(request))  # ok: open-redirect
    return render(request, "accounts/login.html")


def logout_view(request):
    logout(request)
    target = request.GET.get("return_to", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return HttpResponseRedirect(target)  # ok: open-redirect


@login_required
def go_back(request):
    return HttpResponseRedirect(request.META.get("HTTP_REFERER", "/"))  # expect: open-redirect


class LanguageSwitchView(View):
    def post(self, request):
        lang = request.POST.get("lang", "en")
        back = request.POST.get("back", "/")
        response = redirect(back)  # expect: open-redirect
        response.set_cookie("lang", "en" if lang not in ("en", "de", "fr") else lang)
        return response

    def get(self, request):
        return redirect(reverse("settings"), permanent=False)  # ok: open-redirect


def external_link(request):
    links = {"docs": "https://docs.example.com/", "status": "https://status.example.com/"}
    dest = request.GET.get("to")
    if dest in links.values():
        return redirect(dest)  # ok: open-redirect
    return redirect(request.build_absolute_uri(dest))  # expect: open-redirect
