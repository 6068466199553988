# --- file: wallets/__init__.py
# --- file: wallets/store.py
from pymongo import MongoClient

client = MongoClient("mongodb://mongo:27017/wallets")
ledger = client.get_database("wallets").get_collection("ledger")


def wallets():
    return client.get_default_database().get_collection("wallets")

# --- file: wallets/views.py
from flask import Flask, abort, jsonify, request
from pymongo import MongoClient, ReturnDocument

from .store import client, ledger, wallets

app = Flask(__name__)


@app.get("/wallets/count")
def count():
    owner = request.args.get("owner", "")
    coll = wallets()
    mine = coll.count_documents({"owner": owner})  # ok: nosql-injection
    criteria = request.get_json(silent=True) or {}
    matching = coll.count_documents(criteria)  # expect: nosql-injection
    return jsonify(mine=mine, matching=matching)


@app.post("/wallets/currencies")
def currencies():
    body = request.get_json()
    db = client.get_database("wallets")
    field = body.get("field", "currency")
    found = db.get_collection("wallets").distinct("currency", body.get("filter", {}))  # expect: nosql-injection
    if field not in {"currency", "country"}:
        abort(400)
    by_field = db.wallets.distinct(field, {"active": True})  # ok: nosql-injection
    return jsonify(found=found, by_field=by_field)


@app.post("/wallets/<wallet_id>/close")
def close(wallet_id):
    body = request.get_json()
    coll = client.wallets.wallets
    closed = coll.find_one_and_delete({"_id": wallet_id, "balance": 0})  # ok: nosql-injection
    coll.find_one_and_delete({"_id": wallet_id, "pin": body["pin"]})  # expect: nosql-injection
    return jsonify(closed=closed is not None)


@app.post("/wallets/<wallet_id>/topup")
def topup(wallet_id):
    body = request.get_json()
    amount = float(body.get("amount", 0))
    coll = MongoClient("mongodb://mongo:27017").get_default_database()["wallets"]
    updated = coll.find_one_and_update(  # ok: nosql-injection
        {"_id": wallet_id}, {"$inc": {"balance": amount}}, return_document=ReturnDocument.AFTER
    )
    coll.find_one_and_update(body["match"], {"$inc": {"balance": amount}})  # expect: nosql-injection
    return jsonify(updated)


@app.put("/wallets/<wallet_id>")
def replace(wallet_id):
    doc = request.get_json()
    coll = client.get_database("wallets").wallets
    coll.replace_one({"_id": wallet_id}, doc)  # ok: nosql-injection
    coll.find_one_and_replace({"_id": doc.get("_id")}, doc)  # expect: nosql-injection
    coll.find_one_and_replace({"_id": str(doc.get("_id"))}, doc)  # ok: nosql-injection
    coll.replace_one(doc.get("match", {}), doc)  # expect: nosql-injection
    return "", 204


@app.post("/wallets/freeze")
def freeze():
    body = request.get_json()
    country = request.args.get("country", "")
    coll = client.wallets.wallets
    coll.update_many({"country": country}, {"$set": {"frozen": True}})  # ok: nosql-injection
    coll.update_many({"country": body["country"]}, {"$set": {"frozen": True}})  # expect: nosql-injection
    coll.update_one({"_id": body["id"]}, {"$set": {"frozen": True}})  # expect: nosql-injection
    coll.update_one({"_id": str(body["id"])}, {"$set": {"frozen": True}})  # ok: nosql-injection
    return "", 204


@app.get("/ledger")
def ledger_entries():
    body = request.get_json(silent=True) or {}
    return jsonify(list(ledger.find(body, {"_id": 0})))  # expect: nosql-injection
