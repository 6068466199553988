# --- file: legacy/__init__.py
# --- file: legacy/decorators.py
import functools

from django.http import HttpResponseForbidden


def api_key_required(view):
    @functools.wraps(view)
    def inner(self, request, *args, **kwargs):
        if not request.headers.get("X-Api-Key"):
            return HttpResponseForbidden()
        return view(self, request, *args, **kwargs)
    return inner
# --- file: legacy/views.py
import json
import logging
import os
import subprocess
from urllib.parse import unquote

from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.views import View

from .decorators import api_key_required
from .models import Record

log = logging.getLogger("legacy")
EXPORT_ROOT = "/srv/legacy/exports"


class RecordView(View):
    @api_key_required
    def get(self, request, pk):
        columns = request.GET.get("columns", "*")
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s FROM records WHERE id = %%s" % columns, [pk])  # expect: sql-injection
            row = cursor.fetchone()
        log.info("record %s read by client %s", pk, request.GET.get("client", "-"))  # expect: log-injection
        return JsonResponse({"row": row})

    @api_key_required
    def post(self, request, pk):
        record = Record.objects.get(pk=pk)
        for k, v in json.loads(request.body).items():
            setattr(record, k, v)  # expect: mass-assignment
        record.save()
        return JsonResponse({"ok": True})


class ExportView(View):
    @api_key_required
    def get(self, request, pk):
        name = unquote(request.GET.get("name", f"record-{pk}.csv"))
        with open(os.path.join(EXPORT_ROOT, name)) as fh:  # expect: path-traversal
            data = fh.read()
        return HttpResponse(data, content_type="text/csv")  # ok: xss

    @api_key_required
    def post(self, request, pk):
        fmt = request.POST.get("fmt", "csv")
        subprocess.run(f"/srv/legacy/bin/export --id {pk} --fmt {fmt}", shell=True)  # expect: command-injection
        return redirect(request.POST.get("done", "/exports/"))  # expect: open-redirect


def banner(request):
    msg = request.COOKIES.get("flash", "")
    return HttpResponse("<div class='flash'>%s</div>" % msg[:200])  # expect: xss


def legacy_jump(request, target):
    return HttpResponseRedirect("https://" + target)  # expect: open-redirect
# --- file: legacy/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("records/<int:pk>/", views.RecordView.as_view()),
    path("records/<int:pk>/export/", views.ExportView.as_view()),
    path("banner/", views.banner),
    path("jump/<path:target>", views.legacy_jump),
]
# --- file: legacy/models.py
from django.db import models


class Record(models.Model):
    title = models.CharField(max_length=200)
    owner = models.CharField(max_length=100)
    approved = models.BooleanField(default=False)
