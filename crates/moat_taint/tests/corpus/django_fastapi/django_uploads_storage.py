# --- file: files/__init__.py
# --- file: files/views.py
import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import HttpResponse, JsonResponse

ALLOWED_EXTENSIONS = {".png", ".jpg", ".pdf"}
MEDIA_ROOT = "/srv/media"
invoices = FileSystemStorage(location="/srv/invoices")


def upload_document(request):
    upload = request.FILES["document"]
    name = default_storage.save(upload.name, upload)  # expect: unrestricted-upload
    return JsonResponse({"name": name})


def upload_document_renamed(request):
    upload = request.FILES["document"]
    ext = os.path.splitext(upload.name)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        return HttpResponse(status=415)
    name = default_storage.save(f"documents/{uuid.uuid4().hex}{ext}", upload)  # ok: unrestricted-upload
    return JsonResponse({"name": name})


def upload_invoice(request):
    upload = request.FILES.get("invoice")
    invoices.save(upload.name, upload)  # expect: unrestricted-upload
    invoices.save("invoice-%d.pdf" % request.user.pk, upload)  # ok: unrestricted-upload
    return HttpResponse(status=201)


def upload_raw(request):
    upload = request.FILES["raw"]
    # Django keeps only the base name of an uploaded file's name.
    with open(os.path.join(MEDIA_ROOT, "raw", upload.name), "wb") as out:  # ok: path-traversal
        for chunk in upload.chunks():
            out.write(chunk)
    with open(os.path.join(MEDIA_ROOT, "raw", request.POST["rename"]), "wb") as out:  # expect: path-traversal
        out.write(upload.read())
    return HttpResponse(status=201)
