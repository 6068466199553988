# --- file: sso/__init__.py
# --- file: sso/metadata.py
import base64
import zlib

from lxml import etree

NS = {"md": "urn:oasis:names:tc:SAML:2.0:metadata", "saml": "urn:oasis:names:tc:SAML:2.0:assertion"}


def inflate(saml_request):
    return zlib.decompress(base64.b64decode(saml_request), -15)


def parse_message(raw):
    parser = etree.XMLParser(resolve_entities=True, remove_blank_text=True)
    return etree.fromstring(raw, parser)  # expect: xxe


def attribute(root, name):
    return root.xpath("//saml:Attribute[@Name='%s']/saml:AttributeValue/text()" % name, namespaces=NS)  # expect: xpath-injection


def attribute_safe(root, name):
    return root.xpath("//saml:Attribute[@Name=$n]/saml:AttributeValue/text()", namespaces=NS, n=name)  # ok: xpath-injection
# --- file: sso/views.py
import requests
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from .metadata import attribute, attribute_safe, inflate, parse_message
from .models import IdentityProvider


class AssertionConsumerView(View):
    def post(self, request, pk):
        idp = IdentityProvider.objects.get(pk=pk)
        root = parse_message(inflate(request.POST["SAMLResponse"]))
        wanted = request.GET.get("attr", "email")
        values = attribute(root, wanted)
        groups = attribute_safe(root, request.GET.get("group_attr", "groups"))
        relay = request.POST.get("RelayState", "/")
        if url_has_allowed_host_and_scheme(relay, allowed_hosts={idp.domain}):
            return HttpResponseRedirect(relay)  # ok: open-redirect
        return JsonResponse({"values": [str(v) for v in values], "groups": [str(g) for g in groups]})


class MetadataRefreshView(View):
    def get(self, request, pk):
        idp = IdentityProvider.objects.get(pk=pk)
        override = request.GET.get("metadata_url")
        url = override or idp.metadata_url
        resp = requests.get(url, timeout=10)  # expect: ssrf
        parse_message(resp.content)
        return JsonResponse({"ok": resp.ok})


class SloView(View):
    def get(self, request, pk):
        back = request.GET.get("return", "/")
        return HttpResponseRedirect(back.strip())  # expect: open-redirect
# --- file: sso/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("idp/<int:pk>/acs/", views.AssertionConsumerView.as_view()),
    path("idp/<int:pk>/refresh/", views.MetadataRefreshView.as_view()),
    path("idp/<int:pk>/slo/", views.SloView.as_view()),
]
# --- file: sso/models.py
from django.db import models


class IdentityProvider(models.Model):
    domain = models.CharField(max_length=200)
    metadata_url = models.URLField()
