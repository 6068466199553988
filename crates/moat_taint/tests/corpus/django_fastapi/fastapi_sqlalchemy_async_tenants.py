# --- file: tenants/__init__.py
# --- file: tenants/database.py
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://app:app@db/app", pool_size=5)
SessionMaker = async_sessionmaker(engine, expire_on_commit=False)


async def get_session():
    async with AsyncSession(engine, expire_on_commit=False) as session:
        yield session

# --- file: tenants/main.py
from fastapi import Depends, FastAPI, Header, Query
from sqlalchemy import bindparam, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from .database import SessionMaker, engine, get_session

app = FastAPI()

KNOWN_SCHEMAS = {"acme", "globex", "initech"}

reporting = create_async_engine("postgresql+asyncpg://report@replica/app")
ReportSession = async_sessionmaker(reporting)


@app.get("/projects")
async def projects(x_tenant: str = Header(...), owner: str = Query("")):
    schema = x_tenant if x_tenant in KNOWN_SCHEMAS else "public"
    async with engine.connect() as conn:
        await conn.exec_driver_sql(f"SET search_path TO {schema}")  # ok: sql-injection
        await conn.exec_driver_sql(f"SET search_path TO {x_tenant}")  # expect: sql-injection
        result = await conn.execute(  # fp: sql-injection
            text("SELECT id, name FROM projects WHERE owner = :owner").bindparams(bindparam("owner", owner))  # ok: sql-injection
        )
        return [dict(r) for r in result.mappings()]


@app.delete("/projects/{project_id}")
async def delete_project(project_id: int, reason: str = Query("")):
    async with engine.begin() as conn:
        await conn.exec_driver_sql("DELETE FROM projects WHERE id = %s" % project_id)  # ok: sql-injection
        await conn.exec_driver_sql("INSERT INTO audit (note) VALUES ('" + reason + "')")  # expect: sql-injection
        await conn.execute(text("UPDATE stats SET note = '%s'" % reason))  # expect: sql-injection
    return {"deleted": project_id}


@app.get("/projects/search")
async def search(name: str = Query(""), sort: str = Query("name")):
    async with SessionMaker() as session:
        rows = await session.execute(select(text("id, name")).select_from(text("projects")))  # ok: sql-injection
        found = await session.execute(text(f"SELECT id FROM projects WHERE name LIKE '%{name}%' ORDER BY {sort}"))  # expect: sql-injection
    return {"all": rows.all(), "found": found.all()}


@app.get("/usage")
async def usage(month: str = Query(...)):
    session = ReportSession()
    try:
        total = await session.execute(text("SELECT sum(bytes) FROM usage WHERE month = '" + month + "'"))  # expect: sql-injection
        fixed = await session.execute(text("SELECT sum(bytes) FROM usage WHERE month = :m"), {"m": month})  # ok: sql-injection
    finally:
        await session.close()
    return {"total": total.scalar(), "this_month": fixed.scalar()}


@app.get("/members")
async def members(role: str = Query("viewer"), session: AsyncSession = Depends(get_session)):
    rows = await session.execute(text("SELECT id, email FROM members WHERE role = :role"), {"role": role})  # ok: sql-injection
    admins = await session.execute(text(f"SELECT id, email FROM members WHERE role = '{role}'"))  # expect: sql-injection
    return {"members": rows.all(), "admins": admins.all()}
