# --- file: library/__init__.py
# --- file: library/models.py
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=200)
    isbn = models.CharField(max_length=13)
# --- file: library/views.py
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Book


def book_field(request, pk):
    book = get_object_or_404(Book, pk=pk)
    # get_field() raises FieldDoesNotExist for any name the model does not declare.
    field = Book._meta.get_field(request.GET["field"])
    return JsonResponse({"value": str(getattr(book, field.attname))})  # ok: unsafe-reflection


def book_related(request, pk):
    book = get_object_or_404(Book, pk=pk)
    values = {}
    for field in book._meta.get_fields():
        values[field.name] = str(getattr(book, field.name))  # ok: unsafe-reflection
    return JsonResponse(values)


def book_attribute(request, pk):
    book = get_object_or_404(Book, pk=pk)
    return JsonResponse({"value": str(getattr(book, request.GET["field"]))})  # expect: unsafe-reflection
