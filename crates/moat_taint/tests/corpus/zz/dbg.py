import logging
from django.http import HttpResponse

logger = logging.getLogger("audit")

def audit4(event, **fields):
    parts = " ".join([f"{k}={v}" for k, v in fields.items()])
    logger.info("%s %s", event, parts)  # expect: log-injection

def audit5(event, **fields):
    parts = [v for v in fields.items()]
    logger.info("%s %s", event, parts)  # expect: log-injection

def audit6(event, **fields):
    parts = [v for k, v in fields.items()]
    logger.info("%s %s", event, parts)  # expect: log-injection

def login_attempt(request):
    username = request.POST.get("username", "")
    audit4("login", user=username)
    audit5("login", user=username)
    audit6("login", user=username)
