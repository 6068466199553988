# --- file: svc/__init__.py
# --- file: svc/fetchers.py
import aiohttp
import httpx


async def fetch_json(url: str):
    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.get(url)  # expect: ssrf
        return resp.json()


async def fetch_text(url: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:  # expect: ssrf
            return await resp.text()


def fetch_sync(url):
    return httpx.get(url, timeout=5).text  # expect: ssrf
# --- file: svc/main.py
import enum
from typing import Annotated

import aiohttp
import httpx
from fastapi import Body, FastAPI, Query
from pydantic import BaseModel, HttpUrl

from .fetchers import fetch_json, fetch_sync, fetch_text

app = FastAPI()


class Region(str, enum.Enum):
    eu = "eu"
    us = "us"


class ImportJob(BaseModel):
    source_url: str
    name: str


@app.get("/proxy")
async def proxy(url: Annotated[str, Query()]):
    return await fetch_json(url)


@app.post("/import")
async def import_feed(job: ImportJob):
    text = await fetch_text(job.source_url)
    return {"name": job.name, "length": len(text)}


@app.get("/health/{region}")
async def health(region: Region):
    async with httpx.AsyncClient() as client:
        resp = await client.get(f"https://{region.value}.api.example.com/health")  # ok: ssrf
    return {"status": resp.status_code}


@app.get("/weather")
async def weather(city: str, units: str = "metric"):
    async with aiohttp.ClientSession() as session:
        async with session.get("https://api.weather.example.com/v1", params={"q": city, "units": units}) as resp:  # ok: ssrf
            return await resp.json()


@app.post("/render")
def render(target: str = Body(..., embed=True)):
    return {"html": fetch_sync(target)}


@app.post("/mirror")
async def mirror(payload: dict = Body(...)):
    urls = [u for u in payload.get("urls", []) if isinstance(u, str)]
    results = []
    async with httpx.AsyncClient() as client:
        for u in urls:
            results.append((await client.head(u)).status_code)  # expect: ssrf
    return {"results": results}
