# --- file: cart/__init__.py
# --- file: cart/codec.py
import base64
import json
import pickle

import yaml


def decode_cart(cookie_value):
    raw = base64.urlsafe_b64decode(cookie_value.encode("ascii"))
    return pickle.loads(raw)  # expect: unsafe-deserialization


def decode_cart_json(cookie_value):
    return json.loads(base64.urlsafe_b64decode(cookie_value))  # ok: unsafe-deserialization


def load_settings(text):
    return yaml.load(text, Loader=yaml.Loader)  # expect: unsafe-deserialization


def load_settings_safe(text):
    return yaml.load(text, Loader=yaml.SafeLoader)  # ok: unsafe-deserialization
# --- file: cart/views.py
import marshal
import pickle

import yaml
from django.core import signing
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .codec import decode_cart, decode_cart_json, load_settings, load_settings_safe

with open("/srv/app/cache/defaults.pkl", "rb") as _fh:  # ok: path-traversal
    DEFAULTS = pickle.load(_fh)  # ok: unsafe-deserialization


def view_cart(request):
    legacy = request.COOKIES.get("cart_v1")
    cart = decode_cart(legacy) if legacy else decode_cart_json(request.COOKIES.get("cart", "e30="))
    return JsonResponse({"items": cart})


def view_signed_cart(request):
    cart = signing.loads(request.COOKIES.get("cart_signed", ""), salt="cart")
    return JsonResponse({"items": cart})


@csrf_exempt
def import_state(request):
    state = pickle.loads(request.body)  # expect: unsafe-deserialization
    bytecode = marshal.loads(request.body)  # expect: unsafe-deserialization
    return JsonResponse({"keys": list(state)})


@csrf_exempt
def import_config(request):
    text = request.body.decode("utf-8")
    if request.GET.get("strict"):
        return JsonResponse(load_settings_safe(text))
    return JsonResponse(load_settings(text))


@csrf_exempt
def import_upload(request):
    upload = request.FILES["state"]
    data = yaml.unsafe_load(upload.read())  # expect: unsafe-deserialization
    objs = pickle.loads(request.POST.get("blob", "").encode("latin-1"))  # expect: unsafe-deserialization
    return JsonResponse({"data": data, "objs": len(objs)})
