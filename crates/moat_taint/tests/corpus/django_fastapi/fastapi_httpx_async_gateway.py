# --- file: gateway/__init__.py
# --- file: gateway/upstream.py
import httpx

BILLING_API = "https://billing.internal.example.com/api"
REGIONS = {"eu": "https://eu.billing.example.com", "us": "https://us.billing.example.com"}


async def create_invoice(callback_url: str, invoice: dict):
    async with httpx.AsyncClient(timeout=10) as client:
        await client.post(callback_url, json=invoice)  # expect: ssrf
        await client.post(BILLING_API + "/invoices", json={**invoice, "callback": callback_url})  # ok: ssrf


async def replace_plan(plan_url: str, plan: dict):
    async with httpx.AsyncClient() as client:
        await client.put(plan_url, json=plan)  # expect: ssrf
        await client.put(f"{BILLING_API}/plans/{plan['id']}", json=plan)  # ok: ssrf


async def amend_plan(region: str, plan_id: str, changes: dict):
    base = REGIONS.get(region, REGIONS["eu"])
    async with httpx.AsyncClient() as client:
        await client.patch(base + "/plans/" + plan_id, json=changes)  # ok: ssrf
        await client.patch(f"https://{region}.billing.example.com/plans/{plan_id}", json=changes)  # expect: ssrf


async def cancel(resource_url: str):
    async with httpx.AsyncClient() as client:
        await client.delete(resource_url)  # expect: ssrf
        await client.delete(BILLING_API + "/subscriptions", params={"resource": resource_url})  # ok: ssrf


async def discover(endpoint: str):
    async with httpx.AsyncClient() as client:
        theirs = await client.options(endpoint)  # expect: ssrf
        ours = await client.options(BILLING_API)  # ok: ssrf
    return theirs.headers.get("Allow", ""), ours.headers.get("Allow", "")


async def fetch_statement(statement_url: str, limit: int = 1 << 20) -> bytes:
    async with httpx.AsyncClient() as client:
        async with client.stream("GET", statement_url) as resp:  # expect: ssrf
            data = await resp.aread()
        async with client.stream("POST", BILLING_API + "/statements/seen", json={"url": statement_url}) as resp:  # ok: ssrf
            await resp.aread()
    return data[:limit]
# --- file: gateway/main.py
from typing import Annotated

import httpx
from fastapi import FastAPI, Header, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from . import upstream

app = FastAPI()

ARCHIVE_API = "https://archive.internal.example.com"


class Invoice(BaseModel):
    callback_url: str
    amount: int
    currency: str


class Plan(BaseModel):
    id: str
    url: str
    seats: int


@app.post("/invoices")
async def invoices(invoice: Invoice):
    await upstream.create_invoice(invoice.callback_url, {"amount": invoice.amount, "currency": invoice.currency})
    return {"queued": True}


@app.put("/plans")
async def plans(plan: Plan):
    await upstream.replace_plan(plan.url, {"id": plan.id, "seats": plan.seats})
    return {"ok": True}


@app.patch("/plans/{plan_id}")
async def patch_plan(plan_id: str, region: str = "eu", seats: int = 1):
    await upstream.amend_plan(region, plan_id, {"seats": seats})
    return {"ok": True}


@app.delete("/subscriptions")
async def delete_subscription(resource: Annotated[str, Query()]):
    await upstream.cancel(resource)
    return {"ok": True}


@app.options("/discover")
async def discover(endpoint: str):
    theirs, ours = await upstream.discover(endpoint)
    return {"theirs": theirs, "ours": ours}


@app.get("/statements")
async def statement(url: str):
    data = await upstream.fetch_statement(url)
    return {"size": len(data)}


@app.post("/forward")
async def forward(target: str, x_forward_method: Annotated[str, Header()] = "POST"):
    async with httpx.AsyncClient() as client:
        resp = await client.request(x_forward_method, target)  # expect: ssrf
        logged = await client.request(x_forward_method, ARCHIVE_API + "/forwarded", params={"to": target})  # ok: ssrf
    return {"status": resp.status_code, "logged": logged.status_code}


@app.get("/archive/download")
async def download(source: str, name: str):
    client = httpx.AsyncClient()

    async def body():
        # `source` reaches the nested generator as a closure variable.
        async with client.stream("GET", source) as resp:  # todo: ssrf
            async for chunk in resp.aiter_bytes():
                yield chunk
        async with client.stream("GET", f"{ARCHIVE_API}/files/{name}") as resp:  # ok: ssrf
            async for chunk in resp.aiter_bytes():
                yield chunk
        await client.aclose()

    return StreamingResponse(body(), media_type="application/octet-stream")
