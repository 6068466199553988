# --- file: shop/__init__.py
from flask import Flask

from .admin import admin

app = Flask(__name__, template_folder="../web/templates")
app.register_blueprint(admin)
# --- file: web/templates/storefront.html
<header>{{ promo|safe }}</header>
<main>{{ product_name }}</main>
# --- file: shop/admin/__init__.py
from flask import Blueprint, render_template, request

admin = Blueprint("admin", __name__, template_folder="pages", url_prefix="/admin")


@admin.get("/motd")
def motd():
    return render_template("dashboard.html", motd=request.args.get("motd", ""))  # expect: xss


@admin.get("/motd/title")
def motd_title():
    return render_template("dashboard.html", motd="", title=request.args.get("title", ""))  # ok: xss


@admin.get("/motd/shared")
def motd_shared():
    return render_template("shared.html", note=request.args.get("note", ""))  # expect: xss
# --- file: shop/admin/pages/dashboard.html
<h1>{{ title }}</h1>
<div class="motd">{{ motd|safe }}</div>
# --- file: shop/admin/templates/shared.html
<p>{{ note|safe }}</p>
# --- file: shop/storefront.py
from flask import Flask, render_template, request

site = Flask(__name__, template_folder="../web/templates")


@site.get("/")
def home():
    return render_template("storefront.html", promo=request.args.get("promo", ""), product_name="Tea")  # expect: xss


@site.get("/product")
def product():
    return render_template("storefront.html", promo="", product_name=request.args.get("name", ""))  # ok: xss
