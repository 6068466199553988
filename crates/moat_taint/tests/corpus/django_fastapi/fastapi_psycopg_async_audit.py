# --- file: audit/__init__.py
# --- file: audit/db.py
import psycopg

DSN = "postgresql://audit@db/audit"


async def connect():
    return await psycopg.AsyncConnection.connect(DSN, autocommit=True)

# --- file: audit/main.py
import enum

import psycopg
from fastapi import FastAPI, Query
from pydantic import BaseModel

from .db import DSN, connect

app = FastAPI()


class Level(str, enum.Enum):
    info = "info"
    warning = "warning"
    error = "error"


class Event(BaseModel):
    actor: str
    action: str
    target: str


class Batch(BaseModel):
    table: str
    events: list[Event]


@app.get("/events")
async def events(actor: str = Query(...), level: Level = Level.info, limit: int = 50):
    async with await psycopg.AsyncConnection.connect(DSN) as aconn:
        cur = await aconn.execute(  # ok: sql-injection
            f"SELECT * FROM events WHERE actor = %s AND level = '{level.value}' LIMIT {limit}", (actor,)
        )
        safe = await cur.fetchall()
        cur = await aconn.execute(f"SELECT * FROM events WHERE actor = '{actor}' LIMIT {limit}")  # expect: sql-injection
        unsafe = await cur.fetchall()
    return {"safe": safe, "unsafe": unsafe}


@app.get("/events/search")
async def search(term: str, column: str = "action"):
    aconn = await connect()
    async with aconn.cursor() as acur:
        await acur.execute("SELECT * FROM events WHERE action ILIKE %s", (f"%{term}%",))  # ok: sql-injection
        found = await acur.fetchall()
        await acur.execute(f"SELECT * FROM events WHERE {column} ILIKE '%{term}%'")  # expect: sql-injection
        found += await acur.fetchall()
    await aconn.close()
    return found


@app.get("/events/archive")
async def archive(before: str):
    aconn = await psycopg.AsyncConnection.connect(DSN)
    acur = aconn.cursor()
    await acur.execute("DELETE FROM events WHERE created < '" + before + "'")  # expect: sql-injection
    await acur.execute("DELETE FROM events WHERE created < %(before)s", {"before": before})  # ok: sql-injection
    await aconn.commit()
    await aconn.close()
    return {"deleted": acur.rowcount}


@app.post("/events/batch")
async def record(batch: Batch):
    rows = [(e.actor, e.action, e.target) for e in batch.events]
    async with await psycopg.AsyncConnection.connect(DSN) as aconn:
        async with aconn.cursor() as acur:
            await acur.executemany("INSERT INTO events (actor, action, target) VALUES (%s, %s, %s)", rows)  # ok: sql-injection
            await acur.executemany(f"INSERT INTO {batch.table} (actor, action, target) VALUES (%s, %s, %s)", rows)  # expect: sql-injection
    return {"inserted": len(rows)}
