# --- file: admin/__init__.py
from flask import Flask


def create_app():
    app = Flask(__name__)
    from .views import admin

    app.register_blueprint(admin, url_prefix="/admin")
    return app

# --- file: admin/db.py
from sqlalchemy import create_engine
from sqlalchemy.orm import scoped_session, sessionmaker

engine = create_engine("postgresql+psycopg2://admin@db/shop", future=False)
SessionFactory = sessionmaker(bind=engine)
db_session = scoped_session(SessionFactory)

# --- file: admin/views.py
from flask import Blueprint, jsonify, request
from sqlalchemy import column, literal_column, select, table
from sqlalchemy.orm import Session
from sqlalchemy.sql import expression, text

from .db import SessionFactory, db_session, engine

admin = Blueprint("admin", __name__)

COLUMNS = {"id", "email", "created_at", "plan"}


@admin.get("/users")
def users():
    plan = request.args.get("plan", "free")
    stmt = text("SELECT id, email FROM users WHERE plan = :plan")  # ok: sql-injection
    rows = db_session.execute(stmt, {"plan": plan}).all()  # ok: sql-injection
    legacy = db_session.execute("SELECT id, email FROM users WHERE plan = '%s'" % plan).all()  # expect: sql-injection
    return jsonify(rows=[list(r) for r in rows], legacy=[list(r) for r in legacy])


@admin.get("/users/filter")
def filter_users():
    clause = request.args.get("where", "true")
    # text() is where the SQL is built; the clause it returns is not reported again.
    stmt = text("SELECT id FROM users WHERE " + clause)  # expect: sql-injection
    with Session(engine) as session:
        ids = session.execute(stmt).scalars().all()  # ok: sql-injection
        by_mail = session.execute(expression.text(f"SELECT id FROM users WHERE email LIKE '{clause}%'")).scalars().all()  # expect: sql-injection
        fixed = session.execute(expression.text("SELECT id FROM users WHERE plan = 'pro'")).scalars().all()  # ok: sql-injection
    return jsonify(ids=ids, by_mail=by_mail, pro=fixed)


@admin.get("/users/columns")
def user_columns():
    wanted = request.args.get("col", "email")
    users_t = table("users", column("id"), column("email"))
    name = wanted if wanted in COLUMNS else "email"
    with Session(engine) as session:
        ok_rows = session.execute(select(users_t.c.id, literal_column(name))).all()  # ok: sql-injection
        bad_rows = session.execute(select(users_t.c.id, literal_column(wanted))).all()  # expect: sql-injection
        const = session.execute(select(literal_column("count(*)")).select_from(users_t)).scalar()  # ok: sql-injection
    return jsonify(ok=len(ok_rows), bad=len(bad_rows), total=const)


@admin.post("/maintenance/vacuum")
def vacuum():
    target = request.form.get("table", "users")
    with engine.begin() as conn:
        conn.exec_driver_sql("VACUUM ANALYZE users")  # ok: sql-injection
        conn.exec_driver_sql("VACUUM ANALYZE " + target)  # expect: sql-injection
        conn.exec_driver_sql("DELETE FROM jobs WHERE name = %(name)s", {"name": target})  # ok: sql-injection
    return "", 204


@admin.get("/stats")
def stats():
    since = request.args.get("since", "2024-01-01")
    # SQLAlchemy 1.x: the engine runs a plain string itself.
    signups = engine.execute("SELECT count(*) FROM users WHERE created_at >= '" + since + "'").scalar()  # expect: sql-injection
    safe = engine.execute(text("SELECT count(*) FROM users WHERE created_at >= :since"), since=since).scalar()  # ok: sql-injection
    return jsonify(signups=signups, safe=safe)


@admin.post("/users/<int:user_id>/note")
def note(user_id):
    body = request.form.get("note", "")
    session = SessionFactory()
    try:
        session.execute(text("UPDATE users SET note = :note WHERE id = :id"), {"note": body, "id": user_id})  # ok: sql-injection
        session.execute(f"UPDATE users SET note = '{body}' WHERE id = {user_id}")  # expect: sql-injection
        session.commit()
    finally:
        session.close()
    return "", 204
