# --- file: relay/__init__.py
# --- file: relay/settings.py
REGISTRY_URL = "https://registry.internal.example.com/v1"
AUDIT_URL = "https://audit.internal.example.com/v1/events"
STATUS_URL = "https://status.internal.example.com/ping"
EVENTS_WS = "wss://events.internal.example.com/stream"
ALLOWED_HOSTS = {"hooks.slack.com", "events.pagerduty.com", "api.opsgenie.com"}
# --- file: relay/outbound.py
import aiohttp

from .settings import AUDIT_URL, REGISTRY_URL


async def deliver(url, event):
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json=event) as resp:  # expect: ssrf
            status = resp.status
        # The target only travels in the audit record's body.
        async with session.post(AUDIT_URL, json={"target": url, "status": status}):  # ok: ssrf
            pass
    return status


async def forget_subscription(sub_id):
    async with aiohttp.ClientSession() as session:
        async with session.delete(REGISTRY_URL + "/subscriptions/" + sub_id) as resp:  # ok: ssrf
            return resp.status
# --- file: relay/views.py
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from .outbound import deliver, forget_subscription
from .settings import ALLOWED_HOSTS, EVENTS_WS, REGISTRY_URL, STATUS_URL

routes = web.RouteTableDef()


@routes.put("/subscriptions/{sub_id}")
async def replace_subscription(request):
    sub_id = request.match_info["sub_id"]
    callback = request.headers.get("X-Callback-Url", "")
    payload = await request.read()
    async with aiohttp.ClientSession() as session:
        async with session.put(callback, data=payload) as resp:  # expect: ssrf
            verified = resp.status == 200
        async with session.put(f"{REGISTRY_URL}/subscriptions/{sub_id}", data=payload):  # ok: ssrf
            pass
    return web.json_response({"verified": verified})


@routes.patch("/targets")
async def update_target(request):
    target = (await request.text()).strip()
    async with aiohttp.ClientSession() as session:
        async with session.patch(target, json={"enabled": True}) as resp:  # expect: ssrf
            first = resp.status
        host = urlsplit(target).hostname
        if host not in ALLOWED_HOSTS:
            raise web.HTTPBadRequest(text="host not allowed")
        async with session.patch(f"https://{host}/v2/targets", json={"enabled": True}) as resp:  # ok: ssrf
            return web.json_response({"first": first, "second": resp.status})


@routes.delete("/subscriptions/{sub_id}")
async def remove_subscription(request):
    status = await forget_subscription(request.match_info["sub_id"])
    async with aiohttp.ClientSession() as session:
        async with session.delete(request.query["callback"]) as resp:  # expect: ssrf
            return web.json_response({"registry": status, "callback": resp.status})


@routes.route("OPTIONS", "/probe")
async def probe(request):
    url = request.headers["X-Probe-Target"]
    async with aiohttp.ClientSession() as session:
        async with session.options(url) as resp:  # expect: ssrf
            allow = resp.headers.get("Allow", "")
        async with session.head(url) as resp:  # expect: ssrf
            reachable = resp.status < 400
        async with session.options(STATUS_URL) as resp:  # ok: ssrf
            ours = resp.status
        async with session.head(STATUS_URL, headers={"X-Probe-For": url}) as resp:  # ok: ssrf
            ours = ours or resp.status
    return web.json_response({"allow": allow, "reachable": reachable, "ours": ours})


async def relay(request):
    method = request.headers.get("X-Relay-Method", "POST")
    url = (await request.read()).decode("utf-8")
    async with aiohttp.ClientSession() as session:
        async with session.request(method, url) as resp:  # expect: ssrf
            body = await resp.text()
        # The caller picks only the verb; the registry URL is fixed.
        async with session.request(method, REGISTRY_URL + "/relay", data=body) as resp:  # ok: ssrf
            return web.Response(text=await resp.text())


async def push_event(request):
    event = await request.text()
    target = request.headers.get("X-Target", "")
    async with aiohttp.request("PUT", target, data=event) as resp:  # expect: ssrf
        first = resp.status
    async with aiohttp.request("PUT", REGISTRY_URL + "/events", data=event) as resp:  # ok: ssrf
        return web.json_response({"first": first, "second": resp.status})


async def rename_hook(request):
    status = await deliver(request.headers["X-Hook-Url"], {"event": "renamed"})
    return web.json_response({"status": status})


async def purge_hook(request):
    status = await deliver(REGISTRY_URL + "/purge", {"hook": request.headers.get("X-Hook", "")})
    return web.json_response({"status": status})


async def stream_events(request):
    upstream = request.query.get("upstream", EVENTS_WS)
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(upstream) as ws:  # expect: ssrf
            first = await ws.receive_str()
        async with session.ws_connect(EVENTS_WS, headers={"X-Client": request.headers.get("User-Agent", "")}) as ws:  # ok: ssrf
            second = await ws.receive_str()
    return web.json_response({"first": first, "second": second})
# --- file: relay/app.py
from aiohttp import web

from . import views


def make_app():
    app = web.Application()
    app.add_routes(views.routes)
    app.add_routes(
        [
            web.post("/relay", views.relay),
            web.put("/events", views.push_event),
            web.patch("/hooks/rename", views.rename_hook),
            web.delete("/hooks", handler=views.purge_hook),
            web.route("GET", "/events/stream", views.stream_events),
        ]
    )
    return app


if __name__ == "__main__":
    web.run_app(make_app())
