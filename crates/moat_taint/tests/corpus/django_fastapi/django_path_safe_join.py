# --- file: media/__init__.py
# --- file: media/views.py
import os
import posixpath

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils._os import safe_join


def serve_upload(request, path):
    path = posixpath.normpath(path).lstrip("/")
    fullpath = safe_join(settings.MEDIA_ROOT, path)
    if not os.path.exists(fullpath):
        raise Http404(path)
    return FileResponse(open(fullpath, "rb"))  # ok: path-traversal


def serve_theme(request, theme, name):
    return FileResponse(open(safe_join(settings.STATIC_ROOT, "themes", theme, name), "rb"))  # ok: path-traversal


def serve_avatar(request):
    target = safe_join(settings.MEDIA_ROOT, "avatars", request.GET["file"])
    with open(target, "rb") as fh:  # ok: path-traversal
        return FileResponse(fh.read())


def serve_upload_unchecked(request, path):
    fullpath = os.path.join(settings.MEDIA_ROOT, posixpath.normpath(path))
    return FileResponse(open(fullpath, "rb"))  # expect: path-traversal


def serve_theme_unchecked(request, theme, name):
    return FileResponse(open(os.path.join(settings.STATIC_ROOT, "themes", theme, name), "rb"))  # expect: path-traversal


def serve_avatar_unchecked(request):
    with open(settings.MEDIA_ROOT + "/avatars/" + request.GET["file"], "rb") as fh:  # expect: path-traversal
        return FileResponse(fh.read())
