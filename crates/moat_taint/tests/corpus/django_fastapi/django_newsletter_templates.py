# --- file: newsletter/__init__.py
# --- file: newsletter/templates/newsletter/preview.html
<article>
  <h1>{{ subject }}</h1>
  <div class="intro">{{ intro|safe }}</div>
</article>
# --- file: newsletter/templates/newsletter/row.html
<li class="issue">{{ subject }} &mdash; {{ intro }}</li>
# --- file: newsletter/views.py
from django.http import HttpResponse
from django.template import Context, Template
from django.template.response import TemplateResponse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

FOOTER = Template("<footer>Sent to {{ email }}</footer>")


def preview(request):
    subject = request.POST.get("subject", "")
    intro = request.POST.get("intro", "")
    return TemplateResponse(request, "newsletter/preview.html", {"subject": subject, "intro": intro})  # expect: xss


def preview_row(request):
    subject = request.POST.get("subject", "")
    intro = request.POST.get("intro", "")
    row = TemplateResponse(request, "newsletter/row.html", {"subject": subject, "intro": intro})  # ok: xss
    row.render()
    return HttpResponse("<ul>" + row.rendered_content + "</ul>")  # ok: xss


def preview_row_inline(request):
    subject = request.POST.get("subject", "")
    return HttpResponse("<ul><li class='issue'>" + subject + "</li></ul>")  # expect: xss


def custom_body(request):
    source = request.POST.get("template", "")
    body = Template(source).render(Context({"user": request.user}))  # expect: ssti
    footer = FOOTER.render(Context({"email": request.POST.get("email", "")}))
    greeting = Template("<p>Hello {{ name }}</p>").render(Context({"name": request.POST.get("name", "")}))  # ok: ssti
    return HttpResponse(body + greeting + footer, content_type="text/plain")


def upload_template(request):
    source = request.read().decode("utf-8")
    return HttpResponse(Template(source).render(Context({})), content_type="text/plain")  # expect: ssti


def upload_template_size(request):
    size = len(request.read())
    return HttpResponse(Template("{{ n }} bytes").render(Context({"n": size})), content_type="text/plain")  # ok: ssti


def badge(request):
    label = request.GET.get("label", "")
    plain = SafeString('<span class="badge">' + label + "</span>")  # expect: xss
    escaped = SafeString('<span class="badge">' + conditional_escape(label) + "</span>")  # ok: xss
    return HttpResponse(plain if request.GET.get("raw") else escaped)  # expect: xss


def signature(request):
    name = request.GET.get("name", "")
    page = HttpResponse()
    page.write("<p>-- %s</p>" % conditional_escape(name))  # ok: xss
    page.write("<p>-- %s</p>" % name)  # expect: xss
    return page
