# --- file: imports/__init__.py
# --- file: imports/parsing.py
from defusedxml import ElementTree as SafeET
from lxml import etree

UNSAFE_PARSER = etree.XMLParser(resolve_entities=True, no_network=False)
HARDENED_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def parse_feed(data):
    return etree.fromstring(data, parser=UNSAFE_PARSER)  # expect: xxe


def parse_feed_hardened(data):
    return etree.fromstring(data, parser=HARDENED_PARSER)  # ok: xxe


def parse_feed_defused(data):
    return SafeET.fromstring(data)  # ok: xxe
# --- file: imports/views.py
from django.http import JsonResponse
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.utils.decorators import method_decorator
from lxml import etree

from .parsing import UNSAFE_PARSER, parse_feed, parse_feed_defused, parse_feed_hardened

CATALOG = etree.parse("/srv/app/data/catalog.xml", UNSAFE_PARSER)  # ok: xxe


@method_decorator(csrf_exempt, name="dispatch")
class FeedImportView(View):
    def post(self, request):
        mode = request.GET.get("mode", "hardened")
        if mode == "legacy":
            root = parse_feed(request.body)
        elif mode == "defused":
            root = parse_feed_defused(request.body)
        else:
            root = parse_feed_hardened(request.body)
        return JsonResponse({"items": len(root)})


@csrf_exempt
def upload_manifest(request):
    doc = etree.parse(request.FILES["manifest"], etree.XMLParser(resolve_entities=True, dtd_validation=True))  # expect: xxe
    return JsonResponse({"root": doc.getroot().tag})


def find_book(request):
    title = request.GET.get("title", "")
    author = request.GET.get("author", "")
    books = CATALOG.xpath("//book[title='" + title + "']")  # expect: xpath-injection
    by_author = CATALOG.xpath("//book[author=$a]", a=author)  # ok: xpath-injection
    return JsonResponse({"books": len(books), "by_author": len(by_author)})


def find_book_by_isbn(request, isbn):
    query = etree.XPath(f"//book[@isbn='{isbn}']/title/text()")  # expect: xpath-injection
    titles = query(CATALOG)
    by_year = etree.XPath("//book[@year=$y]/title/text()")  # ok: xpath-injection
    return JsonResponse({"titles": [str(t) for t in titles], "year": [str(t) for t in by_year(CATALOG, y=request.GET.get("year", "2020"))]})
# --- file: imports/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("feed/", views.FeedImportView.as_view()),
    path("manifest/", views.upload_manifest),
    path("books/", views.find_book),
    path("books/isbn/<str:isbn>/", views.find_book_by_isbn),
]
