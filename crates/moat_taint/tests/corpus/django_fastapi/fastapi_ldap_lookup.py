import ldap
from fastapi import FastAPI, Query
from ldap3 import Connection, Server

app = FastAPI()
server = Server("ldap://ldap.internal")


def build_filter(attr: str, value: str) -> str:
    return "({}={})".format(attr, value)


@app.get("/directory/mail")
def by_mail(mail: str = Query(...)):
    conn = Connection(server, auto_bind=True)
    conn.search("dc=corp,dc=local", build_filter("mail", mail))  # expect: ldap-injection
    return {"n": len(conn.entries)}


@app.get("/directory/employee/{emp_no}")
def by_employee(emp_no: int):
    conn = Connection(server, auto_bind=True)
    conn.search("dc=corp,dc=local", build_filter("employeeNumber", str(emp_no)))  # ok: ldap-injection
    return {"n": len(conn.entries)}


@app.get("/directory/legacy")
def legacy(cn: str):
    l = ldap.initialize("ldap://ldap.internal")
    return {"r": str(l.search_s("dc=corp,dc=local", ldap.SCOPE_SUBTREE, "(cn=" + cn.strip() + ")"))}  # expect: ldap-injection
