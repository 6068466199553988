import json
from typing import Any

from fastapi import Body, FastAPI, Query
from pydantic import BaseModel
from pymongo import MongoClient

app = FastAPI()
events = MongoClient("mongodb://mongo:27017")["analytics"]["events"]


class EventQuery(BaseModel):
    kind: str
    limit: int = 20


@app.post("/events/search")
async def search_events(filter: dict[str, Any] = Body(...)):
    return list(events.find(filter).limit(100))  # expect: nosql-injection


@app.post("/events/typed")
async def typed_events(q: EventQuery):
    return list(events.find({"kind": q.kind}).limit(q.limit))  # ok: nosql-injection


@app.get("/events/match")
async def match_events(expr: str = Query(...)):
    return list(events.find({"$where": f"function() {{ return {expr}; }}"}))  # expect: nosql-injection


@app.delete("/events")
async def delete_events(selector: dict = Body(...)):
    result = events.delete_many({"tenant": "public", **selector})  # expect: nosql-injection
    return {"deleted": result.deleted_count}


@app.get("/events/agg")
async def aggregate_events(match: str = Query("{}")):
    pipeline = [{"$match": json.loads(match)}, {"$group": {"_id": "$kind", "n": {"$sum": 1}}}]
    return list(events.aggregate(pipeline))  # expect: nosql-injection
