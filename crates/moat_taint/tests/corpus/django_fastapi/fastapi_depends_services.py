# --- file: backend/__init__.py
# --- file: backend/deps.py
import base64
import json

from fastapi import Header, Request


async def json_body(request: Request) -> dict:
    return json.loads(await request.body())


def api_filter(x_filter: str = Header("e30=")) -> dict:
    return json.loads(base64.b64decode(x_filter).decode("utf-8"))
# --- file: backend/services.py
import pickle
import subprocess

from ldap3 import Connection, Server
from lxml import etree
from pymongo import MongoClient

_db = MongoClient("mongodb://mongo:27017")["backend"]
_ldap = Server("ldap://ldap.internal")


class AssetService:
    def __init__(self, owner: str):
        self.owner = owner
        self.tags = []
        self.locked = False

    def update(self, fields: dict):
        apply = lambda k, v: setattr(self, k, v)  # expect: mass-assignment
        for key, value in fields.items():
            apply(key, value)
        return self

    def lookup(self, selector: dict):
        return list(_db.assets.find({"$and": [{"owner": self.owner}, selector]}))  # expect: nosql-injection

    def thumbnail(self, name: str):
        try:
            return subprocess.check_output("vipsthumbnail /assets/" + name + " -s 128", shell=True)  # expect: command-injection
        finally:
            self.locked = False

    def restore(self, blob: bytes):
        return pickle.loads(blob)  # expect: unsafe-deserialization

    def owner_entry(self):
        conn = Connection(_ldap, auto_bind=True)
        conn.search("dc=corp,dc=local", "(uid=" + self.owner + ")")  # expect: ldap-injection
        return conn.entries

    def manifest_titles(self, raw: bytes, lang: str):
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=True))  # expect: xxe
        return root.xpath("//title[@lang='" + lang + "']/text()")  # expect: xpath-injection
# --- file: backend/main.py
from fastapi import Depends, FastAPI, Query, Request

from .deps import api_filter, json_body
from .services import AssetService

app = FastAPI()


@app.patch("/assets/{owner}")
async def patch_asset(owner: str, body: dict = Depends(json_body)):
    return vars(AssetService(owner).update(body))


@app.get("/assets/{owner}/search")
async def search_assets(owner: str, selector: dict = Depends(api_filter)):
    svc = AssetService(owner)
    return {"found": len(svc.lookup(selector)), "entry": str(svc.owner_entry())}


@app.post("/assets/{owner}/thumb")
async def thumb(owner: str, request: Request):
    if (name := request.query_params.get("name")) is not None:
        return {"thumb": len(AssetService(owner).thumbnail(name))}
    return {"thumb": 0}


@app.post("/assets/{owner}/restore")
async def restore(owner: str, request: Request):
    return {"state": repr(AssetService(owner).restore(await request.body()))}


@app.post("/assets/{owner}/manifest")
async def manifest(owner: str, request: Request, lang: str = Query("en")):
    return {"titles": AssetService(owner).manifest_titles(await request.body(), lang)}
