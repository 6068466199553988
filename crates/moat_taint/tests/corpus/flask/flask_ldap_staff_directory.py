# --- file: staff/__init__.py
# --- file: staff/directory.py
import ldap
from ldap.filter import escape_filter_chars

LDAP_URL = "ldaps://ldap.corp.example.com"
PEOPLE = "ou=people,dc=corp,dc=example,dc=com"
ATTRS = ["cn", "mail", "title"]


def connect():
    conn = ldap.initialize(LDAP_URL)
    conn.simple_bind_s("cn=directory-ro,dc=corp,dc=example,dc=com", "s3rvice")
    return conn


def by_uid(uid):
    conn = connect()
    msgid = conn.search(PEOPLE, ldap.SCOPE_SUBTREE, "(uid=%s)" % uid, ATTRS)  # expect: ldap-injection
    conn.search(PEOPLE, ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(uid), ATTRS)  # ok: ldap-injection
    return conn.result(msgid)


def by_team(team, limit):
    conn = connect()
    flt = f"(&(objectClass=person)(ou={team}))"
    conn.search_ext(PEOPLE, ldap.SCOPE_ONELEVEL, flt, ATTRS, sizelimit=limit)  # expect: ldap-injection
    safe = f"(&(objectClass=person)(ou={escape_filter_chars(team)}))"
    msgid = conn.search_ext(PEOPLE, ldap.SCOPE_ONELEVEL, safe, ATTRS, sizelimit=limit)  # ok: ldap-injection
    return conn.result(msgid)


def by_name(name):
    conn = connect()
    hits = conn.search_ext_s(PEOPLE, ldap.SCOPE_SUBTREE, filterstr="(cn=*" + name + "*)")  # expect: ldap-injection
    hits += conn.search_ext_s(PEOPLE, ldap.SCOPE_SUBTREE, filterstr="(cn=*" + escape_filter_chars(name) + "*)")  # ok: ldap-injection
    return hits


def by_mail(mail):
    conn = connect()
    found = conn.search_st(PEOPLE, ldap.SCOPE_SUBTREE, "(mail=" + mail + ")", ATTRS, timeout=5)  # expect: ldap-injection
    found += conn.search_st(PEOPLE, ldap.SCOPE_SUBTREE, "(objectClass=person)", [mail], timeout=5)  # ok: ldap-injection
    return found
# --- file: staff/intranet.py
import lxml.html
import requests

INTRANET = "https://intranet.corp.example.com/teams"


def team_page_links(team, css_class):
    page = requests.get(INTRANET, params={"team": team}, timeout=5).text
    doc = lxml.html.fromstring(page)
    links = doc.xpath(f"//a[@class='{css_class}']/@href")  # expect: xpath-injection
    links += doc.xpath("//a[@class=$cls]/@href", cls=css_class)  # ok: xpath-injection
    return links
# --- file: staff/views.py
from flask import Flask, request
from jinja2 import Markup, escape

from . import directory, intranet

app = Flask(__name__)


def person_card(entry):
    dn, attrs = entry
    return "<li>%s</li>" % ", ".join(escape(v.decode()) for v in attrs.get("cn", []))


@app.get("/staff/<uid>")
def staff(uid):
    directory.by_uid(uid)
    return {"uid": uid}


@app.get("/teams/<team>")
def team(team):
    limit = request.args.get("limit", 50, type=int)
    directory.by_team(team, limit)
    links = intranet.team_page_links(team, request.args.get("class", "member"))
    return {"links": links}


@app.get("/search")
def search():
    q = request.args.get("q", "")
    rows = "".join(person_card(e) for e in directory.by_name(q))
    heading = Markup("<h2>People matching " + q + "</h2>")  # expect: xss
    safe_heading = Markup("<h2>People matching %s</h2>" % escape(q))  # ok: xss
    listing = Markup("<ul>%s</ul>" % rows)  # ok: xss
    return heading + safe_heading + listing


@app.get("/mail")
def by_mail():
    mail = request.args.get("mail", "")
    found = directory.by_mail(mail)
    note = Markup("<p>" + str(escape(mail)) + "</p>")  # ok: xss
    return {"count": len(found), "note": str(note)}
