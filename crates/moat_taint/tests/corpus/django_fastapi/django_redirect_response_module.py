# --- file: portal/__init__.py
# --- file: portal/views.py
from django.contrib.auth import logout
from django.http.response import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.http import is_safe_url


def sign_out(request):
    logout(request)
    target = request.GET.get("next", "")
    if is_safe_url(url=target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)  # ok: open-redirect
    return HttpResponseRedirect(reverse_lazy("portal:home"))  # ok: open-redirect


def sign_out_unchecked(request):
    logout(request)
    return HttpResponseRedirect(request.GET.get("next", "/"))  # expect: open-redirect


def sign_out_wrong_check(request):
    target = request.GET.get("next", "/")
    fallback = request.GET.get("fallback", "/")
    if is_safe_url(fallback, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)  # expect: open-redirect
    return HttpResponseRedirect(fallback)  # expect: open-redirect


def moved_profile(request, slug):
    return HttpResponsePermanentRedirect(reverse_lazy("portal:profile", kwargs={"slug": request.GET.get("user", slug)}))  # ok: open-redirect


def moved_anywhere(request):
    return HttpResponsePermanentRedirect(request.POST["location"])  # expect: open-redirect


def refresh(request):
    # The routed path of this very view, re-requested after the form post.
    return HttpResponseRedirect(request.get_full_path_info())  # ok: open-redirect
# --- file: portal/legacy.py
from django.http.response import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls.base import reverse, reverse_lazy


def old_article(request, article_id):
    section = request.GET.get("section", "news")
    return HttpResponsePermanentRedirect(reverse("portal:article", args=(section, article_id)))  # ok: open-redirect


def old_article_external(request, article_id):
    mirror = request.GET.get("mirror", "")
    return HttpResponsePermanentRedirect(mirror + reverse("portal:article", args=("news", article_id)))  # expect: open-redirect


def old_search(request):
    term = request.GET.get("q", "")
    return HttpResponseRedirect(reverse_lazy("portal:search", kwargs={"term": term}))  # ok: open-redirect


def old_search_raw(request):
    return HttpResponseRedirect("/search/" if not request.GET.get("to") else request.GET["to"])  # expect: open-redirect
# --- file: portal/middleware.py
from django.conf import settings
from django.http.response import HttpResponsePermanentRedirect


class AppendSlashMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.endswith("/"):
            # `//evil.example` plus a slash is a URL of another host.
            return HttpResponsePermanentRedirect(request.get_full_path_info(force_append_slash=True))  # expect: open-redirect
        return self.get_response(request)


class CanonicalHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.get_host() != settings.CANONICAL_HOST:
            return HttpResponsePermanentRedirect("https://%s%s" % (settings.CANONICAL_HOST, request.get_full_path_info()))  # ok: open-redirect
        return self.get_response(request)
