# --- file: prefs/__init__.py
# --- file: prefs/views.py
from django.http import HttpResponse


def remember_theme(request):
    response = HttpResponse("saved", content_type="text/plain")
    response.set_cookie("theme", request.META["HTTP_X_THEME"])  # expect: cookie-injection
    return response


def remember_query(request):
    response = HttpResponse("saved", content_type="text/plain")
    response.set_cookie("last_search", request.META.get("QUERY_STRING", ""))  # expect: cookie-injection
    return response


def remember_agent(request):
    response = HttpResponse("saved", content_type="text/plain")
    agent = request.META.get("HTTP_USER_AGENT", "unknown")
    response.set_cookie("agent", agent[:64])  # expect: cookie-injection
    return response


def remember_header(request):
    name = "HTTP_" + request.GET.get("header", "ACCEPT").upper()
    response = HttpResponse("saved", content_type="text/plain")
    response.set_cookie("seen", request.META.get(name, ""))  # expect: cookie-injection
    return response


def refresh_csrf(request):
    response = HttpResponse("saved", content_type="text/plain")
    response.set_cookie("csrftoken", request.META["CSRF_COOKIE"], samesite="Lax")  # ok: cookie-injection
    return response


def remember_server(request):
    response = HttpResponse("saved", content_type="text/plain")
    response.set_cookie("served_by", request.META.get("SERVER_SOFTWARE", ""))  # ok: cookie-injection
    return response


def remember_mount(request):
    response = HttpResponse("saved", content_type="text/plain")
    response.set_cookie("mount", request.META.get("SCRIPT_NAME", "/"), path="/")  # ok: cookie-injection
    return response
