# --- file: library/__init__.py
# --- file: library/models.py
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=200)
    shelf = models.CharField(max_length=20)


class Shelf:
    """Not a model: a plain registry that happens to call its store `objects`."""

    class objects:
        @staticmethod
        def raw(text):
            return [text]
# --- file: library/views.py
from django.http import JsonResponse

from .models import Book, Shelf
from legacy.models import Loan


def search(request):
    term = request.GET.get("q", "")
    shelf = request.GET.get("shelf", "")
    found = Book.objects.raw("SELECT * FROM library_book WHERE title LIKE '%%" + term + "%%'")  # expect: sql-injection
    chained = Book.objects.filter(shelf="A").exclude(title="").extra(where=["shelf = '%s'" % shelf])  # expect: sql-injection
    listed = Book.objects.all().order_by("title").raw(f"SELECT * FROM library_book WHERE shelf = '{shelf}'")  # expect: sql-injection
    loans = Loan.objects.extra(select={"late": "due < '%s'" % request.GET["day"]})  # expect: sql-injection
    safe = Book.objects.raw("SELECT * FROM library_book WHERE title LIKE %s", ["%" + term + "%"])  # ok: sql-injection
    params = Book.objects.filter(shelf="A").extra(where=["shelf = %s"], params=[shelf])  # ok: sql-injection
    fixed = Book.objects.extra(select={"n": "SELECT COUNT(*) FROM library_loan"})  # ok: sql-injection
    registry = Shelf.objects.raw(term)  # ok: sql-injection
    rows = [b.pk for b in found] + [b.pk for b in chained] + [b.pk for b in listed]
    rows += [b.pk for b in safe] + [b.pk for b in params] + [b.pk for b in fixed] + [len(list(loans))]
    return JsonResponse({"ids": rows, "registry": registry})
