# --- file: api/__init__.py
# --- file: api/deps.py
import subprocess
from typing import Annotated

from fastapi import Depends, Header, Query


def tenant(x_tenant: str = Header(...)) -> str:
    return x_tenant


def workspace(name: str = Query("default"), owner: str = Depends(tenant)) -> str:
    return f"/srv/workspaces/{owner}/{name}"


def report_format(fmt: Annotated[str, Query()] = "csv") -> str:
    return fmt


def not_a_dependency(command: str = "uptime") -> bytes:
    # Nothing passes this to Depends: its parameter comes from code, not a request.
    return subprocess.check_output(command, shell=True)  # ok: command-injection
# --- file: api/main.py
import subprocess
from typing import Annotated

from fastapi import Depends, FastAPI

from .deps import not_a_dependency, report_format, tenant, workspace

app = FastAPI()


@app.get("/archive")
def archive(path: str = Depends(workspace)):
    return subprocess.check_output("tar czf - " + path, shell=True)  # expect: command-injection


@app.get("/report")
def report(fmt: Annotated[str, Depends(report_format)], who: Annotated[str, Depends(tenant)]):
    subprocess.run(["/usr/bin/report", "--format", fmt, "--tenant", who])  # ok: command-injection
    return subprocess.check_output(f"/usr/bin/report --format {fmt}", shell=True)  # expect: command-injection


@app.get("/uptime")
def uptime():
    return not_a_dependency()
