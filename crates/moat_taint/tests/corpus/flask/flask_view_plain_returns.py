# --- file: notes/__init__.py
# --- file: notes/views.py
from flask import Flask, jsonify, request
from flask.views import MethodView, View
from markupsafe import escape

app = Flask(__name__)
THEMES = {"light", "dark", "contrast"}


@app.get("/echo")
def echo():
    return request.args.get("q", "")  # expect: xss


@app.get("/echo/<word>")
def echo_word(word):
    return word  # expect: xss


@app.get("/greet")
def greet():
    name = request.args.get("name") or "stranger"
    return name  # expect: xss


@app.get("/theme")
def theme():
    return request.cookies.get("theme", "light"), 200  # expect: xss


@app.get("/echo/escaped")
def echo_escaped():
    return escape(request.args.get("q", ""))  # ok: xss


@app.get("/echo/json")
def echo_json():
    return jsonify(request.args.get("q", ""))  # ok: xss


@app.post("/echo/body")
def echo_body():
    payload = request.json
    return payload  # ok: xss


@app.post("/echo/parsed")
def echo_parsed():
    return request.get_json(silent=True) or {}  # ok: xss


@app.get("/request-id")
def request_id():
    return request.headers.get("X-Request-Id", ""), 200, {"Content-Type": "text/plain"}  # ok: xss


@app.get("/theme/checked")
def theme_checked():
    chosen = request.cookies.get("theme", "light")
    if chosen not in THEMES:
        chosen = "light"
    return chosen  # ok: xss


def current_query():
    return request.args.get("q", "")  # ok: xss


class SearchView(MethodView):
    def get(self):
        q = request.args.get("q", "")
        return f"<h1>Results for {q}</h1>"  # expect: xss

    def post(self):
        q = request.form.get("q", "")
        return {"saved": q}  # ok: xss


class PageView(View):
    def dispatch_request(self):
        return "<p>" + request.args["page"] + "</p>"  # expect: xss


class BaseView(MethodView):
    decorators = []


class ProfileView(BaseView):
    def post(self):
        return request.form["bio"]  # expect: xss

    def put(self):
        return escape(request.form["bio"])  # ok: xss


class CardView(MethodView):
    def render(self, title):
        return f"<h2>{title}</h2>"  # ok: xss

    def payload(self, title):
        return {"title": title}

    def get(self):
        return self.render(request.args.get("t", ""))  # expect: xss

    def post(self):
        return self.payload(request.form.get("t", ""))  # ok: xss


class Formatter:
    def get(self):
        return f"<b>{request.args.get('x', '')}</b>"  # ok: xss


app.add_url_rule("/search", view_func=SearchView.as_view("search"))
app.add_url_rule("/page", view_func=PageView.as_view("page"))
app.add_url_rule("/profile", view_func=ProfileView.as_view("profile"))
app.add_url_rule("/card", view_func=CardView.as_view("card"))
