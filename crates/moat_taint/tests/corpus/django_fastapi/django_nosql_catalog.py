# --- file: catalog/__init__.py
# --- file: catalog/mongo.py
from pymongo import MongoClient

client = MongoClient("mongodb://mongo:27017")
db = client["catalog"]


def find_products(query):
    return list(db.products.find(query, {"_id": 0}).limit(50))  # expect: nosql-injection


def find_one_product(sku):
    return db.products.find_one({"sku": str(sku)})  # ok: nosql-injection
# --- file: catalog/views.py
import json

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .mongo import db, find_one_product, find_products


@require_POST
def search(request):
    criteria = json.loads(request.body)
    return JsonResponse({"items": find_products(criteria)})


def product(request):
    return JsonResponse({"item": find_one_product(request.GET.get("sku", ""))})


def by_name(request):
    name = request.GET.get("name", "")
    items = list(db.products.find({"name": name}))  # ok: nosql-injection
    return JsonResponse({"items": items})


@require_POST
def by_owner(request):
    body = json.loads(request.body)
    items = list(db.products.find({"owner": body.get("owner")}))  # expect: nosql-injection
    checked = list(db.products.find({"owner": str(body.get("owner"))}))  # ok: nosql-injection
    return JsonResponse({"items": items, "checked": checked})


def by_script(request):
    price = request.GET.get("price", "0")
    items = list(db.products.find({"$where": "this.price < " + price}))  # expect: nosql-injection
    return JsonResponse({"items": items})
