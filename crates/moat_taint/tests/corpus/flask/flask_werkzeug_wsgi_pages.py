import os

import jinja2
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join
from werkzeug.serving import run_simple
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

STATIC_ROOT = "/srv/site/static"
PAGE = "<h1>{{ title }}</h1><p>{{ body }}</p>"

plain_env = jinja2.Environment()
html_env = jinja2.Environment(autoescape=True)


def page(title, body, env):
    template = env.from_string(PAGE)  # ok: ssti
    return template.render(title=title, body=body)


@Request.application
def application(request):
    if request.path == "/hello":
        html = page("Hello", request.args.get("name", "world"), plain_env)
        return Response(html, mimetype="text/html")  # expect: xss

    if request.path == "/hello-escaped":
        html = page("Hello", request.args.get("name", "world"), html_env)
        return Response(html, mimetype="text/html")  # fp: xss

    if request.path == "/echo":
        return Response(request.get_data(), mimetype="text/plain")  # ok: xss

    if request.path == "/go":
        return redirect(request.args.get("to", "/"))  # expect: open-redirect

    if request.path == "/preview":
        source = request.form.get("template", "")
        return Response(jinja2.Template(source).render(), mimetype="text/plain")  # expect: ssti

    if request.path.startswith("/static/"):
        full = safe_join(STATIC_ROOT, request.path[len("/static/"):])
        if full is None or not os.path.isfile(full):
            raise NotFound()
        with open(full, "rb") as fh:  # ok: path-traversal
            return Response(fh.read())

    if request.path.startswith("/raw/"):
        with open(STATIC_ROOT + "/" + request.path[5:], "rb") as fh:  # expect: path-traversal
            return Response(fh.read())

    response = Response("not found", status=404)
    response.headers["X-Echo"] = request.headers.get("X-Echo", "")  # expect: header-injection
    response.set_cookie("ref", request.args.get("ref", ""))  # expect: cookie-injection
    return response


if __name__ == "__main__":
    run_simple("127.0.0.1", 8000, application)
