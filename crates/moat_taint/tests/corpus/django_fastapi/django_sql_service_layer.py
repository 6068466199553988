# --- file: shop/__init__.py
# --- file: shop/db.py
from django.db import connection


def run_query(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # expect: sql-injection
        return cursor.fetchall()


def fetch_by_column(table, column, value):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {column} = %s", [value])  # ok: sql-injection
        return cursor.fetchall()
# --- file: shop/services.py
import html

from django.db.models.expressions import RawSQL

from .db import fetch_by_column, run_query
from .models import Order


def order_history(customer_id):
    return run_query("SELECT * FROM orders WHERE customer_id = " + customer_id)


def orders_for_coupon(code):
    return fetch_by_column("orders", "coupon", code)


def orders_above(minimum):
    cleaned = html.escape(minimum.strip())
    return list(Order.objects.raw("SELECT id FROM orders WHERE total > %s" % cleaned))  # expect: sql-injection


def annotate_discount(expr):
    return Order.objects.annotate(discount=RawSQL("SELECT %s * total" % expr, ()))  # expect: sql-injection


def annotate_rate(rate):
    return Order.objects.annotate(discount=RawSQL("SELECT %s * total", (rate,)))  # ok: sql-injection
# --- file: shop/views.py
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from . import services


@require_GET
def history(request):
    return JsonResponse({"rows": services.order_history(request.GET["customer"])})


@require_GET
def coupon_orders(request):
    return JsonResponse({"rows": services.orders_for_coupon(request.GET.get("code", ""))})


@require_GET
def large_orders(request):
    return JsonResponse({"ids": [o.pk for o in services.orders_above(request.GET.get("min", "100"))]})


@require_GET
def discounts(request):
    rows = services.annotate_discount(request.GET.get("expr", "0.1"))
    rate = services.annotate_rate(request.GET.get("rate", "0.1"))
    return JsonResponse({"ids": [o.pk for o in rows], "rate": [o.pk for o in rate]})
# --- file: shop/models.py
from django.db import models


class Order(models.Model):
    customer_id = models.IntegerField()
    coupon = models.CharField(max_length=32)
    note = models.TextField()
    total = models.DecimalField(max_digits=10, decimal_places=2)
