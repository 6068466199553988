# --- file: notices/__init__.py
# --- file: notices/views.py
import re

from django.http import HttpResponse
from django.utils.safestring import mark_safe
from django.views import View

PAGE = "<h1>{title}</h1><p>{body}</p>"


def render_page(template, **context):
    return HttpResponse(template.format(**context))  # ok: format-string-injection; expect: xss


def render_any(*args, **context):
    template = args[0] if args else context.pop("template")
    return HttpResponse(template.format_map(context))  # expect: format-string-injection; expect: xss


def render_notice(request, notice):
    return HttpResponse(mark_safe(notice))  # ok: xss


def render_highlight(request, words, text):
    return HttpResponse(re.sub("(%s)" % "|".join(words), r"<b>\1</b>", text))  # ok: regex-injection


def render_echo(request, message):
    return HttpResponse(mark_safe(message))  # expect: xss


def maintenance(request):
    return render_notice(request, "<b>Down for maintenance</b>")


def highlight(request):
    return render_highlight(request, ["error", "warning"], "no errors")


def page(request, title, body):
    return render_page(PAGE, title=title, body=body)


def any_page(request, **kwargs):
    return render_any(**kwargs)


def echo(request):
    return render_echo(request, request.GET["message"])


def banner(request, text):
    return HttpResponse(mark_safe(text))  # expect: xss


class SearchView(View):
    prefix = r"^/search/"

    def get(self, request, *args, **kwargs):
        return self.match(request, self.prefix, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.match(request, **kwargs)

    def match(self, request, pattern=r"^/", **kwargs):
        found = re.match(pattern, request.path_info)  # expect: regex-injection
        return HttpResponse("yes" if found else "no", content_type="text/plain")


class DeleteView(View):
    message = "Deleted {name}."

    def post(self, request, *args, **kwargs):
        return self.done(request, *args, **kwargs)

    def done(self, request, *args, **kwargs):
        return HttpResponse(self.message.format(**kwargs), content_type="text/plain")  # ok: format-string-injection


class TemplateView(View):
    def get(self, request, *args, **kwargs):
        return self.show(request, **kwargs)

    def show(self, request, template="{name}", **kwargs):
        return HttpResponse(template.format(**kwargs), content_type="text/plain")  # expect: format-string-injection
