# --- file: api/__init__.py
# --- file: api/files.py
import os
from pathlib import Path

from fastapi import APIRouter, File, HTTPException, UploadFile
from fastapi.responses import FileResponse
from werkzeug.utils import secure_filename

router = APIRouter()
BASE = Path("/var/lib/api/docs")
UPLOADS = "/var/lib/api/uploads"


@router.get("/docs/{name:path}")
async def get_doc(name: str):
    return FileResponse(BASE / name)  # expect: path-traversal


@router.get("/safe-docs/{name:path}")
async def get_doc_safe(name: str):
    candidate = (BASE / name).resolve()
    if not str(candidate).startswith(str(BASE) + os.sep):
        raise HTTPException(status_code=404)
    return FileResponse(candidate)  # ok: path-traversal


@router.get("/docs/{doc_id}/pdf")
async def get_doc_pdf(doc_id: int):
    return FileResponse(os.path.join(str(BASE), f"{doc_id}.pdf"))  # ok: path-traversal


@router.post("/upload")
async def upload(file: UploadFile = File(...)):
    content = await file.read()
    with open(os.path.join(UPLOADS, file.filename), "wb") as out:  # expect: path-traversal
        out.write(content)
    return {"size": len(content)}


@router.post("/upload/safe")
async def upload_safe(file: UploadFile = File(...)):
    content = await file.read()
    with open(os.path.join(UPLOADS, secure_filename(file.filename)), "wb") as out:  # ok: path-traversal
        out.write(content)
    return {"size": len(content)}


@router.get("/logs")
async def read_log(service: str, lines: int = 100):
    logfile = f"/var/log/{service}/current.log"
    with open(logfile) as fh:  # expect: path-traversal
        tail = fh.readlines()[-lines:]
    return {"lines": tail}
# --- file: api/main.py
from fastapi import FastAPI

from .files import router

app = FastAPI()
app.include_router(router, prefix="/files")
