# --- file: helpdesk/__init__.py
# --- file: helpdesk/models.py
from django.conf import settings
from django.db import models


class Ticket(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=20)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    created = models.DateTimeField(auto_now_add=True)
# --- file: helpdesk/reports.py
from django.db.backends.base.base import BaseDatabaseWrapper


def open_count(db: BaseDatabaseWrapper, owner):
    cursor = db.cursor()
    cursor.execute("SELECT COUNT(*) FROM helpdesk_ticket WHERE status = 'open' AND owner_id = " + owner)  # expect: sql-injection
    return cursor.fetchone()[0]


def open_count_bound(db: BaseDatabaseWrapper, owner):
    cursor = db.cursor()
    cursor.execute("SELECT COUNT(*) FROM helpdesk_ticket WHERE status = 'open' AND owner_id = %s", [owner])  # ok: sql-injection
    return cursor.fetchone()[0]
# --- file: helpdesk/views.py
from django.db import connections
from django.db.models import Count
from django.http import JsonResponse

from .models import Ticket
from .reports import open_count, open_count_bound

SORTABLE = {"created", "status", "title"}


def _ids(rows):
    return [t.pk for t in rows]


def by_owner(request):
    owner = request.GET.get("owner", "")
    loose = Ticket.objects.select_related("owner").filter(status="open").extra(where=["owner_id = '%s'" % owner])  # expect: sql-injection
    bound = Ticket.objects.select_related("owner").filter(status="open").extra(where=["owner_id = %s"], params=[owner])  # ok: sql-injection
    return JsonResponse({"loose": _ids(loose), "bound": _ids(bound)})


def tagged(request):
    tag = request.GET.get("tag", "")
    rows = Ticket.objects.prefetch_related("tags").all().extra(select={"hit": "title LIKE '%%" + tag + "%%'"})  # expect: sql-injection
    fixed = Ticket.objects.prefetch_related("tags").all().extra(select={"hit": "status = 'open'"})  # ok: sql-injection
    return JsonResponse({"rows": _ids(rows), "fixed": _ids(fixed)})


def busy(request):
    floor = request.GET.get("min", "0")
    counted = Ticket.objects.exclude(status="closed").annotate(n=Count("comments"))
    loud = counted.extra(where=[f"n > {floor}"])  # expect: sql-injection
    quiet = counted.extra(where=["n > %s"], params=[int(floor)])  # ok: sql-injection
    return JsonResponse({"loud": _ids(loud), "quiet": _ids(quiet)})


def summaries(request):
    word = request.GET.get("word", "")
    slim = Ticket.objects.only("id", "title").defer("title").raw("SELECT id FROM helpdesk_ticket WHERE title = '" + word + "'")  # expect: sql-injection
    lean = Ticket.objects.defer("body").only("id").raw("SELECT id FROM helpdesk_ticket WHERE title = %s", [word])  # ok: sql-injection
    return JsonResponse({"slim": _ids(slim), "lean": _ids(lean)})


def distinct_owners(request):
    status = request.GET.get("status", "open")
    newest = Ticket.objects.order_by("-created").distinct().extra(where=["status = '%s'" % status])  # expect: sql-injection
    unique = Ticket.objects.distinct().select_related("owner").extra(where=["status = '%s'" % status])  # expect: sql-injection
    checked = status if status in ("open", "closed") else "open"
    known = Ticket.objects.distinct().select_related("owner").extra(where=["status = '%s'" % checked])  # ok: sql-injection
    return JsonResponse({"newest": _ids(newest), "unique": _ids(unique), "known": _ids(known)})


def replies(request):
    having = request.GET.get("having", "")
    ranked = Ticket.objects.alias(replies=Count("comments")).prefetch_related("owner").extra(where=[having])  # expect: sql-injection
    oldest = Ticket.objects.reverse().alias(replies=Count("comments")).extra(where=["replies > 0"])  # ok: sql-injection
    return JsonResponse({"ranked": _ids(ranked), "oldest": _ids(oldest)})


def archive(request):
    year = request.GET.get("year", "2024")
    column = request.GET.get("sort", "created")
    old = Ticket.objects.using("archive").reverse().raw(f"SELECT * FROM helpdesk_ticket WHERE strftime('%%Y', created) = '{year}'")  # expect: sql-injection
    if column not in SORTABLE:
        column = "created"
    sorted_rows = Ticket.objects.using("archive").reverse().raw(f"SELECT * FROM helpdesk_ticket ORDER BY {column}")  # ok: sql-injection
    return JsonResponse({"old": _ids(old), "sorted": _ids(sorted_rows)})


def claim(request):
    where = request.POST.get("where", "")
    locked = Ticket.objects.select_for_update().using("default").extra(where=[where])  # expect: sql-injection
    mine = Ticket.objects.filter(owner=request.user).select_for_update().extra(where=["status = %s"], params=[where])  # ok: sql-injection
    return JsonResponse({"locked": _ids(locked), "mine": _ids(mine)})


def visible(request):
    clause = request.GET.get("clause", "1=1")
    base = Ticket.objects.none() if not request.user.is_authenticated else Ticket.objects.all().none()
    opened = base.extra(where=[clause])  # expect: sql-injection
    closed = base.extra(where=["status = 'closed'"])  # ok: sql-injection
    return JsonResponse({"opened": _ids(opened), "closed": _ids(closed)})


def replica_report(request):
    alias = "reporting" if request.GET.get("fast") else "default"
    owner = request.GET.get("owner", "")
    cursor = connections[alias].cursor()
    cursor.execute("SELECT COUNT(*) FROM helpdesk_ticket WHERE owner_id = '" + owner + "'")  # expect: sql-injection
    cursor.execute("SELECT COUNT(*) FROM helpdesk_ticket WHERE owner_id = %s", [owner])  # ok: sql-injection
    total = cursor.fetchone()
    db = connections["reporting"]
    with db.cursor() as report:
        report.execute(f"SELECT title FROM helpdesk_ticket WHERE title LIKE '{owner}%%'")  # expect: sql-injection
        report.execute("SELECT title FROM helpdesk_ticket WHERE title LIKE %s", [owner + "%"])  # ok: sql-injection
        titles = report.fetchall()
    return JsonResponse({"total": total, "titles": titles})


def open_report(request):
    owner = request.GET.get("owner", "0")
    db = connections["reporting"]
    return JsonResponse({"raw": open_count(db, owner), "bound": open_count_bound(db, owner)})
