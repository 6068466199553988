# --- file: reports/__init__.py
# --- file: reports/urls.py
from django.urls import path

from . import views

urlpatterns = [
    path("customers/<str:region>/", views.customers_by_region),
    path("orders/<int:order_id>/", views.order_detail),
    path("search/", views.search_products),
    path("invoices/", views.InvoiceListView.as_view()),
    path("invoices/<str:number>/", views.InvoiceDetailView.as_view()),
]
# --- file: reports/views.py
from django.db import connection
from django.http import JsonResponse
from django.views import View
from django.contrib.auth.decorators import login_required

from .models import Invoice, Product


def _rows(cursor):
    cols = [c[0] for c in cursor.description]
    return [dict(zip(cols, r)) for r in cursor.fetchall()]


@login_required
def customers_by_region(request, region):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name FROM customers WHERE region = '%s'" % region)  # expect: sql-injection
        data = _rows(cursor)
    return JsonResponse({"customers": data})


@login_required
def order_detail(request, order_id):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM orders WHERE id = {order_id}")  # ok: sql-injection
        data = _rows(cursor)
    return JsonResponse({"order": data})


def search_products(request):
    term = request.GET.get("q", "")
    sort = request.GET.get("sort", "name")
    if sort not in ("name", "price", "created"):
        sort = "name"
    cursor = connection.cursor()
    try:
        cursor.execute("SELECT id, name FROM products WHERE name LIKE %s ORDER BY " + sort, ["%" + term + "%"])  # ok: sql-injection
        found = _rows(cursor)
        cursor.execute("SELECT count(*) FROM products WHERE name LIKE '%%" + term + "%%'")  # expect: sql-injection
        total = cursor.fetchone()[0]
    finally:
        cursor.close()
    legacy = Product.objects.raw("SELECT * FROM products WHERE sku = '{}'".format(request.GET.get("sku", "")))  # expect: sql-injection
    tagged = Product.objects.raw("SELECT * FROM products WHERE tag = %s", [request.GET.get("tag", "")])  # ok: sql-injection
    return JsonResponse({"results": found, "total": total, "legacy": [p.pk for p in legacy], "tagged": [p.pk for p in tagged]})


class InvoiceListView(View):
    def get(self, request):
        status = request.GET.get("status", "open")
        qs = Invoice.objects.extra(where=["status = '%s'" % status])  # expect: sql-injection
        safe_qs = Invoice.objects.extra(where=["status = %s"], params=[status])  # ok: sql-injection
        return JsonResponse({"ids": [i.pk for i in qs], "safe": [i.pk for i in safe_qs]})


class InvoiceDetailView(View):
    def get(self, request, number):
        return JsonResponse({"rows": self.lookup(number)})

    def lookup(self, number):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM invoices WHERE number = '" + number + "'")  # expect: sql-injection
            return _rows(cursor)
# --- file: reports/models.py
from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=200)
    sku = models.CharField(max_length=40)
    tag = models.CharField(max_length=40)
    price = models.DecimalField(max_digits=10, decimal_places=2)


class Invoice(models.Model):
    number = models.SlugField()
    status = models.CharField(max_length=20)
