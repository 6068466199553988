# --- file: shop/__init__.py
# --- file: shop/links.py
def with_query(path, query):
    return path + "?" + query


def with_anchor(path, anchor):
    return "%s#%s" % (path, anchor)
# --- file: shop/views.py
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect
from django.urls import reverse

from .links import with_anchor, with_query


def search_again(request):
    query = urlencode({"q": request.GET.get("q", ""), "page": 1})
    return redirect(reverse("shop:search") + "?" + query)  # ok: open-redirect


def keep_filters(request):
    return HttpResponseRedirect("%s?%s" % (reverse("shop:list"), request.GET.urlencode()))  # ok: open-redirect


def login_first(request):
    return redirect(f"/accounts/login/?next={request.get_full_path()}")  # ok: open-redirect


def jump_to_item(request):
    return redirect(f"{reverse('shop:cart')}#item-{request.GET['item']}")  # ok: open-redirect


def require_login(request):
    parts = list(urlsplit(settings.LOGIN_URL))
    query = QueryDict(parts[3], mutable=True)
    query["next"] = request.get_full_path()
    parts[3] = query.urlencode(safe="/")
    return HttpResponseRedirect(urlunsplit(parts))  # ok: open-redirect


def back_to_list(request):
    return redirect(with_query(reverse("shop:list"), request.GET.urlencode()))  # ok: open-redirect


def back_to_section(request):
    return redirect(with_anchor(reverse("shop:faq"), request.GET.get("section", "top")))  # ok: open-redirect


def search_page(request):
    return HttpResponse("<a href='/search/?q=%s'>search again</a>" % request.GET["q"])  # expect: xss


def continue_to(request):
    return redirect(request.GET["next"] + "?from=cart")  # expect: open-redirect


def partner_site(request):
    return redirect("https://" + request.GET["partner"] + "/welcome")  # expect: open-redirect


def partner_page(request):
    return redirect("https://partners.example.com" + request.GET["page"])  # expect: open-redirect


def return_with_filters(request):
    return HttpResponseRedirect("%s?%s" % (request.POST["back"], request.GET.urlencode()))  # expect: open-redirect


def mirror(request):
    parts = list(urlsplit(reverse("shop:list")))
    parts[1] = request.GET["mirror"]
    return HttpResponseRedirect(urlunsplit(parts))  # expect: open-redirect


def back_to(request):
    return redirect(with_query(request.GET["back"], "saved=1"))  # expect: open-redirect


def protocol_relative(request):
    return redirect(f"//{request.GET['host']}/landing")  # expect: open-redirect
