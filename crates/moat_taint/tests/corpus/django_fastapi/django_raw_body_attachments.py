# --- file: inbox/__init__.py
# --- file: inbox/storage.py
import os

from django.conf import settings
from django.utils.text import get_valid_filename

INBOX = os.path.join(settings.MEDIA_ROOT, "inbox")


def store(name, data):
    with open(os.path.join(INBOX, name), "wb") as fh:  # expect: path-traversal
        fh.write(data)


def store_cleaned(name, data):
    with open(os.path.join(INBOX, get_valid_filename(name)), "wb") as fh:  # ok: path-traversal
        fh.write(data)
# --- file: inbox/views.py
import os
import pickle

from django.http import FileResponse, JsonResponse
from django.utils.text import get_valid_filename
from django.views.decorators.csrf import csrf_exempt

from .storage import INBOX, store, store_cleaned


@csrf_exempt
def put_attachment(request):
    name = request.headers.get("X-Filename", "upload.bin")
    store(name, request.read())
    return JsonResponse({"stored": name})


@csrf_exempt
def put_attachment_cleaned(request):
    name = request.headers.get("X-Filename", "upload.bin")
    store_cleaned(name, request.read())
    return JsonResponse({"stored": get_valid_filename(name)})


def get_attachment(request):
    name = request.GET.get("name", "")
    safe = get_valid_filename(name)
    if request.GET.get("legacy"):
        return FileResponse(open(INBOX + "/" + name, "rb"))  # expect: path-traversal
    return FileResponse(open(os.path.join(INBOX, safe), "rb"))  # ok: path-traversal


@csrf_exempt
def restore_draft(request):
    draft = pickle.loads(request.read())  # expect: unsafe-deserialization
    with open(os.path.join(INBOX, "drafts.pickle"), "rb") as fh:  # ok: path-traversal
        saved = pickle.load(fh)  # ok: unsafe-deserialization
    return JsonResponse({"draft": str(draft), "saved": len(saved)})
