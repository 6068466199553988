# --- file: blog/__init__.py
# --- file: blog/templatetags/__init__.py
# --- file: blog/templatetags/blog_tags.py
from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


def badge(label, colour="grey"):
    return format_html('<span class="badge badge-{}">{}</span>', colour, label)  # ok: xss


def raw_badge(label):
    return mark_safe('<span class="badge">' + label + "</span>")  # expect: xss


def escaped_badge(label):
    return mark_safe('<span class="badge">%s</span>' % escape(label))  # ok: xss
# --- file: blog/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("tag/<str:tag>/", views.tag_page),
    path("preview/", views.preview),
    path("greet/", views.GreetView.as_view()),
]
# --- file: blog/views.py
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views import View

from .templatetags.blog_tags import badge, escaped_badge, raw_badge


def tag_page(request, tag):
    heading = format_html(f"<h1>Posts tagged {tag}</h1>")  # expect: xss
    sub = format_html("<h2>Posts tagged {}</h2>", tag)  # ok: xss
    return render(request, "blog/tag.html", {"heading": heading, "sub": sub, "b1": raw_badge(tag), "b2": badge(tag), "b3": escaped_badge(tag)})


def preview(request):
    body = request.POST.get("body", "")
    title = request.POST.get("title", "Untitled")
    context = {"title": title, "body": mark_safe(body)}  # expect: xss
    return render(request, "blog/preview.html", context)


class GreetView(View):
    template = "<html><body><p>Hello, {name}!</p><p>{note}</p></body></html>"

    def get(self, request):
        name = request.GET.get("name", "guest")
        note = "Welcome back" if request.COOKIES.get("seen") else "First visit"
        return HttpResponse(self.template.format(name=name, note=note))  # expect: xss

    def head(self, request):
        name = request.GET.get("name", "guest")
        name = "guest"
        return HttpResponse(self.template.format(name=name, note=""))  # ok: xss
