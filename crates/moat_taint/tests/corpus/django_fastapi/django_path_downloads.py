# --- file: files/__init__.py
# --- file: files/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("media/<path:subpath>", views.serve_media),
    path("reports/<str:name>/", views.ReportDownload.as_view()),
    path("avatars/upload/", views.upload_avatar),
    path("exports/", views.export_file),
]
# --- file: files/storage.py
import os

from django.conf import settings

MEDIA_ROOT = os.path.realpath(settings.MEDIA_ROOT)


def media_path(rel):
    return os.path.join(MEDIA_ROOT, rel)


def checked_media_path(rel):
    full = os.path.realpath(os.path.join(MEDIA_ROOT, rel))
    if os.path.commonpath([full, MEDIA_ROOT]) != MEDIA_ROOT:
        raise PermissionError(rel)
    return full
# --- file: files/views.py
import os

from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.views import View

from .storage import MEDIA_ROOT, checked_media_path, media_path

REPORT_DIR = "/srv/app/reports"


def serve_media(request, subpath):
    if request.GET.get("checked"):
        return FileResponse(open(checked_media_path(subpath), "rb"))  # ok: path-traversal
    return FileResponse(open(media_path(subpath), "rb"))  # expect: path-traversal


class ReportDownload(View):
    def get(self, request, name):
        fname = os.path.basename(name)
        return FileResponse(open(os.path.join(REPORT_DIR, fname + ".pdf"), "rb"), as_attachment=True)  # ok: path-traversal

    def delete(self, request, name):
        attachment = request.GET.get("attachment", "")
        os.remove(os.path.join(REPORT_DIR, os.path.basename(name), attachment.replace("../", "")))  # expect: path-traversal
        return HttpResponse(status=204)


def upload_avatar(request):
    upload = request.FILES["avatar"]
    dest = os.path.join(MEDIA_ROOT, "avatars", upload.name)
    with open(dest, "wb") as fh:  # ok: path-traversal
        for chunk in upload.chunks():
            fh.write(chunk)
    folder = request.POST.get("folder", "misc")
    with open(os.path.join(MEDIA_ROOT, folder, "latest.txt"), "w") as fh:  # expect: path-traversal
        fh.write(upload.name)
    return JsonResponse({"stored": True})


def export_file(request):
    fmt = request.GET.get("format", "csv")
    target = request.GET.get("file", "")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    path = os.path.join("/srv/app/exports", "latest." + fmt)
    with open(path, "rb") as fh:  # ok: path-traversal
        data = fh.read()
    if target:
        with open(os.path.join("/srv/app/exports", target), "rb") as fh:  # expect: path-traversal
            data = fh.read()
    return HttpResponse(data, content_type="application/octet-stream")  # ok: xss
