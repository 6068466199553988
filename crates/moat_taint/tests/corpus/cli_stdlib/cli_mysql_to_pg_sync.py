# --- file: pgsync/__init__.py
# --- file: pgsync/mysql_side.py
import pymysql

ALLOWED_SOURCES = {"customers", "orders", "invoices"}


def connect():
    return pymysql.connect(host="mysql", user="sync", password="sync", database="legacy")


def mark_synced(table, ids, batch_tag):
    conn = connect()
    cur = conn.cursor()
    cur.executemany("UPDATE sync_state SET tag = %s WHERE row_id = %s", [(batch_tag, i) for i in ids])  # ok: sql-injection
    cur.executemany(f"UPDATE {table} SET synced = 1, tag = '{batch_tag}' WHERE id = %s", ids)  # expect: sql-injection
    if table in ALLOWED_SOURCES:
        cur.executemany(f"UPDATE {table} SET synced = 1 WHERE id = %s", ids)  # ok: sql-injection
    conn.commit()
    conn.close()

# --- file: pgsync/pg_side.py
import psycopg2
import psycopg2.extras
from psycopg2 import sql
from psycopg2.extensions import quote_ident


def connect(dsn):
    return psycopg2.connect(dsn)


def load_rows(dsn, table, rows, on_conflict):
    conn = connect(dsn)
    cur = conn.cursor()
    # Table name quoted as an identifier by the driver.
    insert = sql.SQL("INSERT INTO {} (id, name, total) VALUES %s").format(sql.Identifier(table))
    psycopg2.extras.execute_values(cur, insert, rows)  # ok: sql-injection
    psycopg2.extras.execute_values(cur, insert.as_string(conn), rows)  # fp: sql-injection
    psycopg2.extras.execute_values(cur, "INSERT INTO " + table + " (id, name, total) VALUES %s", rows)  # expect: sql-injection
    psycopg2.extras.execute_values(cur, "INSERT INTO staging (id, name, total) VALUES %s", rows, page_size=500)  # ok: sql-injection
    upsert = "INSERT INTO {} (id, name, total) VALUES (%s, %s, %s) ON CONFLICT (id) DO {}"
    psycopg2.extras.execute_batch(cur, upsert.format(quote_ident(table, cur), "NOTHING"), rows)  # ok: sql-injection
    psycopg2.extras.execute_batch(cur, upsert.format(quote_ident(table, cur), on_conflict), rows)  # expect: sql-injection
    conn.commit()


def tag_rows(dsn, table, tag, ids):
    conn = connect(dsn)
    cur = conn.cursor()
    cur.executemany("UPDATE " + table + " SET tag = '" + tag + "' WHERE id = %s", [(i,) for i in ids])  # expect: sql-injection
    query = sql.SQL("UPDATE {} SET tag = {} WHERE id = %s").format(sql.Identifier(table), sql.Literal(tag))  # ok: sql-injection
    cur.executemany(query, [(i,) for i in ids])  # ok: sql-injection
    conn.commit()


def count(dsn, table, where):
    conn = connect(dsn)
    cur = conn.cursor()
    cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))  # ok: sql-injection
    total = cur.fetchone()[0]
    cur.execute(sql.SQL("SELECT count(*) FROM {} WHERE " + where).format(sql.Identifier(table)))  # expect: sql-injection
    return total, cur.fetchone()[0]

# --- file: pgsync/main.py
import argparse

from . import mysql_side, pg_side


def main():
    parser = argparse.ArgumentParser(description="Copy legacy MySQL rows into PostgreSQL")
    parser.add_argument("table")
    parser.add_argument("--dsn", default="dbname=warehouse")
    parser.add_argument("--tag", default="nightly")
    parser.add_argument("--on-conflict", default="NOTHING")
    parser.add_argument("--where", default="true")
    args = parser.parse_args()

    source = mysql_side.connect()
    with source.cursor() as cur:
        cur.execute("SELECT id, name, total FROM customers WHERE synced = 0")  # ok: sql-injection
        rows = cur.fetchall()
    ids = [r[0] for r in rows]
    pg_side.load_rows(args.dsn, args.table, rows, args.on_conflict)
    pg_side.tag_rows(args.dsn, args.table, args.tag, ids)
    mysql_side.mark_synced(args.table, ids, args.tag)
    print(pg_side.count(args.dsn, args.table, args.where))


if __name__ == "__main__":
    main()
