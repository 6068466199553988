import html

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.html import escape


def _page(title, content):
    return "<html><head><title>%s</title></head><body>%s</body></html>" % (title, content)


def search(request):
    q = request.GET.get("q", "")
    if not q:
        return HttpResponseBadRequest("<p>Missing query</p>")  # ok: xss
    return HttpResponse(_page("Search", "<p>No results for <b>" + q + "</b></p>"))  # expect: xss


def search_escaped(request):
    q = request.GET.get("q", "")
    return HttpResponse(_page("Search", "<p>No results for <b>" + html.escape(q) + "</b></p>"))  # ok: xss


def referer_notice(request):
    ref = request.META.get("HTTP_REFERER", "")
    resp = HttpResponse(content_type="text/html")
    resp.write(f"<p>You came from <a href='{ref}'>{ref}</a></p>")  # expect: xss
    return resp


def error_page(request):
    code = request.GET.get("code", "500")
    try:
        status = int(code)
    except ValueError:
        status = 400
    return HttpResponse(f"<h1>Error {status}</h1>", status=status)  # ok: xss


def comment_list(request):
    comments = request.POST.getlist("comment")
    items = "".join(["<li>%s</li>" % c for c in comments])
    safe_items = "".join(["<li>%s</li>" % escape(c) for c in comments])
    first = HttpResponse("<ul>" + items + "</ul>")  # expect: xss
    second = HttpResponse("<ul>" + safe_items + "</ul>")  # ok: xss
    return first if request.GET.get("raw") else second


def upload_echo(request):
    data = request.body.decode("utf-8", "replace")
    return HttpResponse("<pre>" + data + "</pre>")  # expect: xss
