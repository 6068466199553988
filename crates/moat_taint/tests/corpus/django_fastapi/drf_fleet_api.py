# --- file: fleet/__init__.py
# --- file: fleet/models.py
from django.db import models


class Vehicle(models.Model):
    plate = models.CharField(max_length=16)
    depot = models.CharField(max_length=64)
# --- file: fleet/diagnostics.py
import subprocess

TOOLS = {"ping", "traceroute"}


def probe(tool, host):
    if tool not in TOOLS:
        raise ValueError(tool)
    return subprocess.run([tool, "-c", "1", host], capture_output=True, text=True).stdout  # ok: command-injection


def probe_shell(host):
    return subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True, text=True).stdout  # expect: command-injection
# --- file: fleet/api.py
import os
import pickle

import requests
import yaml
from django.db import connection
from rest_framework import status, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from .diagnostics import probe, probe_shell
from .models import Vehicle

TELEMETRY = "https://telemetry.internal.example/api/"
EXPORT_DIR = "/srv/fleet/exports"
SNAPSHOT_HEADER = pickle.dumps({"version": 2})


class VehicleSearch(APIView):
    def get(self, request):
        depot = request.query_params.get("depot", "")
        with connection.cursor() as cur:
            cur.execute("SELECT plate FROM fleet_vehicle WHERE depot = '%s'" % depot)  # expect: sql-injection
            rows = cur.fetchall()
        return Response({"plates": [r[0] for r in rows]})

    def post(self, request):
        depot = request.data.get("depot", "")
        with connection.cursor() as cur:
            cur.execute("SELECT plate FROM fleet_vehicle WHERE depot = %s", [depot])  # ok: sql-injection
            rows = cur.fetchall()
        return Response({"plates": [r[0] for r in rows]})


class Diagnostics(APIView):
    def post(self, request):
        host = request.data["host"]
        return Response({"out": probe_shell(host)})

    def get(self, request):
        return Response({"out": probe(request.query_params.get("tool", "ping"), "10.0.0.1")})


@api_view(["POST"])
def import_routes(request):
    routes = yaml.load(request.data["routes"], Loader=yaml.Loader)  # expect: unsafe-deserialization
    safe = yaml.safe_load(request.data["routes"])  # ok: unsafe-deserialization
    return Response({"count": len(routes) + len(safe)}, status=status.HTTP_201_CREATED)


@api_view(["PUT"])
def restore_snapshot(request):
    snapshot = pickle.loads(request.stream.read())  # expect: unsafe-deserialization
    checksum = pickle.loads(SNAPSHOT_HEADER)  # ok: unsafe-deserialization
    return Response({"vehicles": len(snapshot), "format": checksum})


@api_view(["GET"])
def telemetry(request):
    device = request.GET.get("device", "")
    r = requests.get(request.query_params["callback"], timeout=5)  # expect: ssrf
    t = requests.get(TELEMETRY + "devices", params={"id": device}, timeout=5)  # ok: ssrf
    return Response({"callback": r.status_code, "device": t.json()})


class VehicleViewSet(viewsets.ViewSet):
    def list(self, request):
        order = request.query_params.get("order", "plate")
        return Response(list(Vehicle.objects.raw("SELECT * FROM fleet_vehicle ORDER BY " + order)))  # expect: sql-injection

    def retrieve(self, request, pk):
        return Response(list(Vehicle.objects.raw("SELECT * FROM fleet_vehicle WHERE id = " + pk)))  # expect: sql-injection

    def destroy(self, request, pk=None):
        report = os.path.join(EXPORT_DIR, request.query_params.get("report", "latest.csv"))
        os.remove(report)  # expect: path-traversal
        return Response(status=status.HTTP_204_NO_CONTENT)

    def create(self, request):
        upload = request.FILES["manifest"]
        with open(os.path.join(EXPORT_DIR, upload.name), "wb") as out:  # ok: path-traversal
            out.write(upload.read())
        return Response(status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        count = int(request.data.get("limit", 10))
        rows = Vehicle.objects.raw("SELECT * FROM fleet_vehicle LIMIT %d" % count)  # ok: sql-injection
        return Response([v.plate for v in rows])
