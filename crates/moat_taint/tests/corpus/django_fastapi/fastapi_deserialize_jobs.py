import base64
import pickle
from typing import Annotated

import yaml
from fastapi import FastAPI, File, Header, Request, UploadFile

app = FastAPI()


def _unb64(value: str) -> bytes:
    return base64.b64decode(value)


@app.post("/jobs/resume")
async def resume_job(request: Request):
    blob = await request.body()
    job = pickle.loads(blob)  # expect: unsafe-deserialization
    return {"job": repr(job)}


@app.get("/jobs/state")
async def job_state(x_job_state: Annotated[str, Header()]):
    state = pickle.loads(_unb64(x_job_state))  # expect: unsafe-deserialization
    return {"state": repr(state)}


@app.post("/pipelines")
async def upload_pipeline(spec: UploadFile = File(...)):
    content = await spec.read()
    safe = yaml.safe_load(content)  # ok: unsafe-deserialization
    full = yaml.load(content, Loader=yaml.UnsafeLoader)  # expect: unsafe-deserialization
    return {"steps": len(safe or []), "full": bool(full)}
