# --- file: app/__init__.py
# --- file: app/database.py
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql+psycopg2://app:app@db/app")
SessionLocal = sessionmaker(bind=engine)


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def count_where(db, clause):
    return db.execute(text("SELECT count(*) FROM items WHERE " + clause)).scalar()  # expect: sql-injection
# --- file: app/main.py
import enum
import uuid

from fastapi import Depends, FastAPI, Header, Path, Query
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.orm import Session

from .database import count_where, engine, get_db

app = FastAPI()


class SortField(str, enum.Enum):
    name = "name"
    price = "price"


class ItemFilter(BaseModel):
    category: str
    max_price: float


@app.get("/items/{item_id}")
def read_item(item_id: int, db: Session = Depends(get_db)):
    return db.execute(text(f"SELECT * FROM items WHERE id = {item_id}")).mappings().all()  # ok: sql-injection


@app.get("/items/by-owner/{owner}")
def items_by_owner(owner: str = Path(...), db: Session = Depends(get_db)):
    return db.execute(text(f"SELECT * FROM items WHERE owner = '{owner}'")).mappings().all()  # expect: sql-injection


@app.get("/items/by-token/{token}")
def items_by_token(token: uuid.UUID, db: Session = Depends(get_db)):
    return db.execute(text("SELECT * FROM items WHERE token = '%s'" % token)).mappings().all()  # ok: sql-injection


@app.get("/items")
def list_items(sort: SortField = SortField.name, q: str = Query(""), db: Session = Depends(get_db)):
    rows = db.execute(text(f"SELECT * FROM items WHERE name ILIKE :q ORDER BY {sort.value}"), {"q": f"%{q}%"})  # ok: sql-injection
    return rows.mappings().all()


@app.get("/items/count")
def count_items(category: str = Query("all"), db: Session = Depends(get_db)):
    return {"count": count_where(db, f"category = '{category}'")}


@app.post("/items/filter")
def filter_items(flt: ItemFilter, db: Session = Depends(get_db)):
    with engine.connect() as conn:
        by_cat = conn.execute(text("SELECT * FROM items WHERE category = '" + flt.category + "'")).all()  # expect: sql-injection
        by_price = conn.execute(text("SELECT * FROM items WHERE price <= %f" % flt.max_price)).all()  # ok: sql-injection
    return {"by_cat": len(by_cat), "by_price": len(by_price)}


@app.get("/tenant/items")
async def tenant_items(x_tenant: str = Header(...), db: Session = Depends(get_db)):
    schema = x_tenant.lower().replace("-", "_")
    return db.execute(text(f"SELECT * FROM {schema}.items")).mappings().all()  # expect: sql-injection
