# --- file: directory/__init__.py
# --- file: directory/ldap_backend.py
import ldap
import ldap.filter
from django.conf import settings

BASE_DN = "ou=people,dc=example,dc=com"


def _bind():
    conn = ldap.initialize(settings.LDAP_URI)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    return conn


def find_user(uid):
    conn = _bind()
    return conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=%s)" % uid, ["cn", "mail"])  # expect: ldap-injection


def find_user_escaped(uid):
    conn = _bind()
    flt = ldap.filter.filter_format("(uid=%s)", [uid])
    return conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn", "mail"])  # ok: ldap-injection


def find_group_members(group):
    conn = _bind()
    safe = ldap.filter.escape_filter_chars(group)
    return conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(memberOf=cn={safe},ou=groups,dc=example,dc=com)")  # ok: ldap-injection
# --- file: directory/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("people/<str:uid>/", views.lookup),
    path("members/", views.members),
    path("search/", views.search_people),
    path("login/", views.check_login),
]
# --- file: directory/views.py
from django.conf import settings
from django.http import JsonResponse
from ldap3 import ALL, Connection, Server, SUBTREE
from ldap3.utils.conv import escape_filter_chars

from .ldap_backend import find_group_members, find_user, find_user_escaped

server = Server("ldaps://ldap.example.com", get_info=ALL)


def lookup(request, uid):
    if request.GET.get("strict"):
        return JsonResponse({"entries": str(find_user_escaped(uid))})
    return JsonResponse({"entries": str(find_user(uid))})


def members(request):
    return JsonResponse({"entries": str(find_group_members(request.GET.get("group", "staff")))})


def search_people(request):
    name = request.GET.get("name", "")
    dept = request.GET.get("dept", "")
    conn = Connection(server, settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD, auto_bind=True)
    conn.search("dc=example,dc=com", f"(&(objectClass=person)(cn=*{name}*))", search_scope=SUBTREE, attributes=["cn", "mail"])  # expect: ldap-injection
    people = list(conn.entries)
    conn.search("dc=example,dc=com", "(&(objectClass=person)(department=%s))" % escape_filter_chars(dept), attributes=["cn"])  # ok: ldap-injection
    return JsonResponse({"people": [str(p) for p in people], "dept": [str(e) for e in conn.entries]})


def check_login(request):
    username = request.POST.get("username", "")
    conn = Connection(server, auto_bind=True)
    search_filter = "(&(uid=" + username + ")(objectClass=inetOrgPerson))"
    conn.search(search_base="ou=people,dc=example,dc=com", search_filter=search_filter, attributes=["dn"])  # expect: ldap-injection
    attrs = [a for a in request.POST.getlist("attr") if a.isalnum()]
    conn.search("ou=people,dc=example,dc=com", "(objectClass=inetOrgPerson)", attributes=attrs)  # ok: ldap-injection
    return JsonResponse({"found": bool(conn.entries)})
