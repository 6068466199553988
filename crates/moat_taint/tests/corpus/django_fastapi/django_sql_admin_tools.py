from django.db import connection
from django.http import JsonResponse
from django.views import View

from .models import Ticket

ALLOWED_COLUMNS = {"created", "priority", "status"}


class TicketExportView(View):
    def post(self, request):
        filters = {"owner": request.POST.get("owner", ""), "table": "tickets"}
        limit = int(request.POST.get("limit", "50"))
        column = request.POST.get("order", "created")
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM " + filters["table"] + " LIMIT %d" % limit)  # ok: sql-injection
            cursor.execute("SELECT * FROM tickets WHERE owner = '" + filters["owner"] + "'")  # expect: sql-injection
            if column in ALLOWED_COLUMNS:
                cursor.execute(f"SELECT * FROM tickets ORDER BY {column}")  # ok: sql-injection
            cursor.execute(f"SELECT * FROM tickets ORDER BY {column} DESC")  # expect: sql-injection
            rows = cursor.fetchall()
        return JsonResponse({"rows": rows})


def ticket_titles(request):
    words = request.GET.getlist("word")
    clauses = " OR ".join(f"title LIKE '%%{w}%%'" for w in words)
    ids = [int(x) for x in request.GET.getlist("id")]
    id_list = ",".join(str(i) for i in ids)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM tickets WHERE id IN ({id_list})")  # ok: sql-injection
        cursor.executemany("UPDATE tickets SET seen = 1 WHERE " + clauses, [()])  # expect: sql-injection
    by_header = Ticket.objects.raw("SELECT * FROM tickets WHERE tenant = '%s'" % request.headers.get("X-Tenant", ""))  # expect: sql-injection
    return JsonResponse({"n": len(list(by_header))})
