# --- file: partners/__init__.py
# --- file: partners/xmltools.py
from lxml import etree


class XmlDocument:
    def __init__(self, raw: bytes, trusted: bool = False):
        parser = etree.XMLParser(resolve_entities=trusted, no_network=True)
        self.root = etree.fromstring(raw, parser)  # ok: xxe

    def select(self, expr: str):
        return self.root.xpath(expr)  # expect: xpath-injection

    def select_by_id(self, ident: str):
        return self.root.xpath("//partner[@id=$ident]", ident=ident)  # ok: xpath-injection


def parse_unsafe(raw: bytes):
    return etree.XML(raw, etree.XMLParser(resolve_entities=True))  # expect: xxe
# --- file: partners/main.py
from fastapi import FastAPI, File, Query, Request, UploadFile
from lxml import etree

from .xmltools import XmlDocument, parse_unsafe

app = FastAPI()


@app.post("/partners/query")
async def query_partners(request: Request, field: str = Query("name"), value: str = Query("")):
    doc = XmlDocument(await request.body())
    hits = doc.select(f"//partner[{field}='{value}']")
    by_id = doc.select_by_id(value)
    return {"hits": len(hits), "by_id": len(by_id)}


@app.post("/partners/import")
async def import_partners(file: UploadFile = File(...)):
    root = parse_unsafe(await file.read())
    return {"count": len(root)}


@app.post("/partners/validate")
async def validate(request: Request):
    body = await request.body()
    tree = etree.fromstring(body, etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False))  # expect: xxe
    names = tree.xpath("//partner/name/text()")  # ok: xpath-injection
    return {"names": [str(n) for n in names]}


@app.get("/partners/count")
async def count(kind: str = Query("reseller")):
    tree = etree.parse("/srv/partners.xml")  # ok: xxe
    return {"n": tree.xpath("count(//partner[@kind='%s'])" % kind)}  # expect: xpath-injection
