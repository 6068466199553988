# --- file: shop/__init__.py
# --- file: shop/db.py
from pymongo import MongoClient

client = MongoClient("mongodb://mongo:27017")
db = client["shop"]
orders = db.orders
# --- file: shop/views.py
import json

import yaml
from flask import Flask, jsonify, request

from .db import db, orders

app = Flask(__name__)


@app.get("/products")
def products():
    # Query-string values are text: a literal to match, never an operator.
    name = request.args.get("name", "")
    return jsonify(list(db.products.find({"name": name}, {"_id": 0})))  # ok: nosql-injection


@app.get("/products/<category>")
def by_category(category):
    return jsonify(list(db.products.find({"category": category}, {"_id": 0})))  # ok: nosql-injection


@app.post("/products/search")
def search():
    criteria = request.get_json()
    return jsonify(list(db.products.find({"name": criteria["name"]}, {"_id": 0})))  # expect: nosql-injection


@app.get("/products/advanced")
def advanced():
    # Text parsed into a structure is a structure: `?q={"$ne": null}`.
    query = json.loads(request.args.get("q", "{}"))
    return jsonify(list(db.products.find(query, {"_id": 0})))  # expect: nosql-injection


@app.get("/products/yaml")
def from_yaml():
    query = yaml.safe_load(request.args.get("q", "{}"))
    return jsonify(list(db.products.find(query, {"_id": 0})))  # expect: nosql-injection


@app.get("/products/cheaper")
def cheaper():
    # `$where` runs its text as JavaScript on the server.
    limit = request.args.get("limit", "0")
    return jsonify(list(db.products.find({"$where": "this.price < " + limit})))  # expect: nosql-injection


@app.get("/products/cheaper-safe")
def cheaper_safe():
    limit = float(request.args.get("limit", "0"))
    return jsonify(list(db.products.find({"price": {"$lt": limit}})))  # ok: nosql-injection


@app.get("/orders/<order_id>")
def order(order_id):
    return jsonify(orders.find_one({"_id": order_id}, {"_id": 0}))  # ok: nosql-injection


@app.post("/orders/cancel")
def cancel():
    body = request.get_json(force=True)
    orders.delete_one({"customer": body.get("customer"), "status": "open"})  # expect: nosql-injection
    orders.delete_one({"customer": str(body.get("customer")), "status": "open"})  # ok: nosql-injection
    return "", 204
