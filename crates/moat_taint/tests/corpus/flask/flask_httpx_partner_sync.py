# --- file: partners/__init__.py
# --- file: partners/gateway.py
import httpx

CATALOG_API = "https://catalog.internal.example.com/v2"
TRUSTED_PARTNERS = {"acme": "https://api.acme.example", "globex": "https://hooks.globex.example"}

_client = httpx.Client(timeout=10)


def fetch_manifest(url):
    return _client.get(url).json()  # expect: ssrf


def fetch_catalog_item(sku):
    return _client.get(CATALOG_API + "/items/" + sku, params={"expand": "prices"}).json()  # ok: ssrf


def push_order(url, order):
    return _client.post(url, json=order)  # expect: ssrf


def push_order_to_partner(partner, order):
    base = TRUSTED_PARTNERS[partner]
    return _client.post(base + "/orders", json=order)  # ok: ssrf


def sync_stock(url, sku, count):
    with httpx.Client(timeout=5) as client:
        client.put(url, json={"sku": sku, "count": count})  # expect: ssrf
        client.patch(url, json={"sku": sku, "count": count})  # expect: ssrf
        client.put(CATALOG_API + "/stock/" + sku, json={"count": count})  # ok: ssrf
        client.patch(CATALOG_API + "/stock/" + sku, json={"count": count})  # ok: ssrf


def drop_listing(url, sku):
    with httpx.Client() as client:
        client.delete(url)  # expect: ssrf
        client.delete(f"{CATALOG_API}/listings/{sku}")  # ok: ssrf


def probe_partner(url):
    with httpx.Client(follow_redirects=False) as client:
        allowed = client.options(url).headers.get("Allow", "")  # expect: ssrf
        alive = client.head(url).status_code  # expect: ssrf
        ours = client.head(CATALOG_API + "/health").status_code  # ok: ssrf
        verbs = client.options(CATALOG_API, headers={"X-Probe-For": url}).headers.get("Allow", "")  # ok: ssrf
    return {"allow": allowed, "alive": alive, "ours": ours, "verbs": verbs}


def call_partner(method, url, body):
    with httpx.Client() as client:
        first = client.request(method, url, content=body)  # expect: ssrf
        second = client.request(method, CATALOG_API + "/echo", content=body)  # ok: ssrf
    return first.status_code, second.status_code


def mirror_feed(url, out):
    with httpx.Client() as client:
        with client.stream("GET", url) as resp:  # expect: ssrf
            for chunk in resp.iter_bytes():
                out.write(chunk)
        with client.stream("GET", CATALOG_API + "/feed.xml", params={"since": url}) as resp:  # ok: ssrf
            for chunk in resp.iter_bytes():
                out.write(chunk)
# --- file: partners/oneshot.py
import httpx

from .gateway import CATALOG_API, TRUSTED_PARTNERS


def replace_webhook(url, payload):
    httpx.put(url, json=payload)  # expect: ssrf
    httpx.put(CATALOG_API + "/webhooks/current", json={"url": url})  # ok: ssrf


def tweak_webhook(url, payload):
    httpx.patch(url, json=payload)  # expect: ssrf
    httpx.patch(CATALOG_API + "/webhooks/current", json=payload)  # ok: ssrf


def remove_webhook(url):
    httpx.delete(url)  # expect: ssrf
    httpx.delete(CATALOG_API + "/webhooks/current")  # ok: ssrf


def check_webhook(url):
    head = httpx.head(url)  # expect: ssrf
    opts = httpx.options(url)  # expect: ssrf
    ours_head = httpx.head(CATALOG_API)  # ok: ssrf
    ours_opts = httpx.options(CATALOG_API)  # ok: ssrf
    return head.status_code, opts.status_code, ours_head.status_code, ours_opts.status_code


def replay(method, url, body):
    httpx.request(method, url, content=body)  # expect: ssrf
    httpx.request(method, CATALOG_API + "/replay", content=body)  # ok: ssrf


def download_export(partner, url, out):
    with httpx.stream("GET", url) as resp:  # expect: ssrf
        out.write(resp.read())
    if partner not in TRUSTED_PARTNERS:
        raise ValueError("unknown partner")
    with httpx.stream("GET", TRUSTED_PARTNERS[partner] + "/export.csv") as resp:  # ok: ssrf
        out.write(resp.read())
# --- file: partners/views.py
import io

from flask import Blueprint, jsonify, request

from . import gateway, oneshot

bp = Blueprint("partners", __name__, url_prefix="/partners")


@bp.post("/manifest")
def manifest():
    data = request.get_json()
    item = gateway.fetch_catalog_item(data["sku"])
    return jsonify(manifest=gateway.fetch_manifest(data["manifest_url"]), item=item)


@bp.post("/orders/<partner>")
def order(partner):
    order = request.get_json()
    if partner not in gateway.TRUSTED_PARTNERS:
        return jsonify(error="unknown partner"), 404
    gateway.push_order_to_partner(partner, order)
    gateway.push_order(order["callback"], order)
    return "", 202


@bp.post("/stock")
def stock():
    data = request.get_json()
    gateway.sync_stock(data["endpoint"], data["sku"], int(data["count"]))
    gateway.drop_listing(request.args["unlist"], data["sku"])
    return "", 204


@bp.get("/probe")
def probe():
    return jsonify(gateway.probe_partner(request.args["url"]))


@bp.post("/call")
def call():
    first, second = gateway.call_partner(request.form["method"], request.form["url"], request.form.get("body", ""))
    return jsonify(first=first, second=second)


@bp.get("/mirror")
def mirror():
    buf = io.BytesIO()
    gateway.mirror_feed(request.args["feed"], buf)
    oneshot.download_export(request.args.get("partner", "acme"), request.args["export"], buf)
    return buf.getvalue()


@bp.route("/webhook", methods=["PUT", "PATCH", "DELETE", "HEAD"])
def webhook():
    url = request.headers["X-Webhook-Url"]
    if request.method == "PUT":
        oneshot.replace_webhook(url, request.get_json())
    elif request.method == "PATCH":
        oneshot.tweak_webhook(url, request.get_json())
    elif request.method == "DELETE":
        oneshot.remove_webhook(url)
    else:
        oneshot.check_webhook(url)
    return "", 204


@bp.post("/replay")
def replay():
    oneshot.replay(request.form.get("method", "POST"), request.form["target"], request.get_data())
    return "", 202
