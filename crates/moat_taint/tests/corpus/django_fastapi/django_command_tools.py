# --- file: ops/__init__.py
# --- file: ops/shell.py
import functools
import os
import shlex
import subprocess


def audited(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print("running", fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


@audited
def run_shell(cmd):
    return subprocess.check_output(cmd, shell=True, text=True)  # expect: command-injection


def ping(host):
    return os.system("ping -c 1 " + shlex.quote(host))  # ok: command-injection


def traceroute(host):
    return subprocess.run(["traceroute", "-m", "10", "--", host], capture_output=True, text=True)  # ok: command-injection
# --- file: ops/views.py
import html
import os
import re
import subprocess

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse, JsonResponse

from .shell import ping, run_shell, traceroute

HOST_RE = re.compile(r"[A-Za-z0-9.-]{1,253}")


@staff_member_required
def diagnostics(request):
    host = request.GET.get("host", "localhost")
    tool = request.GET.get("tool", "ping")
    if tool == "ping":
        ping(host)
    elif tool == "trace":
        traceroute(host)
    out = run_shell("nslookup " + host)
    return JsonResponse({"output": out})


@staff_member_required
def whois(request):
    domain = request.GET.get("domain", "")
    if HOST_RE.fullmatch(domain):
        out = subprocess.check_output(f"whois {domain}", shell=True, text=True)  # ok: command-injection
        return JsonResponse({"output": out})
    return HttpResponse(status=400)


@staff_member_required
def convert_image(request):
    upload = request.FILES["image"]
    size = request.POST.get("size", "100x100")
    path = "/tmp/" + upload.name
    with open(path, "wb") as fh:  # ok: path-traversal
        fh.write(upload.read())
    os.system(f"convert {path} -resize {html.escape(size)} /tmp/thumb.png")  # expect: command-injection
    return JsonResponse({"ok": True})


@staff_member_required
def archive(request, name):
    proc = subprocess.Popen("tar czf /backups/%s.tgz /srv/data" % name, shell=True)  # expect: command-injection
    proc.wait()
    return JsonResponse({"rc": proc.returncode})


@staff_member_required
def restart(request):
    service = request.POST.get("service", "web")
    service = "web" if 2 + 2 == 5 else service
    subprocess.call("systemctl restart " + service, shell=True)  # expect: command-injection
    count = int(request.POST.get("workers", "2"))
    subprocess.call("supervisorctl update workers %d" % count, shell=True)  # ok: command-injection
    return JsonResponse({"ok": True})
# --- file: ops/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("diag/", views.diagnostics),
    path("whois/", views.whois),
    path("convert/", views.convert_image),
    path("archive/<str:name>/", views.archive),
    path("restart/", views.restart),
]
