import asyncio
import os
import subprocess
from enum import Enum

from fastapi import BackgroundTasks, FastAPI, Form, Query

app = FastAPI()


class Codec(str, Enum):
    h264 = "libx264"
    vp9 = "libvpx-vp9"


def transcode(src: str, codec: str):
    subprocess.run(f"ffmpeg -i /media/in/{src} -c:v {codec} /media/out/{src}.mp4", shell=True, check=False)  # expect: command-injection


@app.post("/transcode")
async def start_transcode(tasks: BackgroundTasks, src: str = Form(...), codec: Codec = Form(Codec.h264)):
    tasks.add_task(transcode, src, codec.value)
    return {"queued": True}


@app.get("/git/log")
async def git_log(branch: str = Query("main")):
    proc = await asyncio.create_subprocess_shell(f"git log --oneline {branch}", stdout=asyncio.subprocess.PIPE)  # expect: command-injection
    out, _ = await proc.communicate()
    return {"log": out.decode()}


@app.get("/git/show")
async def git_show(rev: str = Query("HEAD")):
    proc = await asyncio.create_subprocess_exec("git", "show", "--stat", "--end-of-options", rev, stdout=asyncio.subprocess.PIPE)  # ok: command-injection
    out, _ = await proc.communicate()
    return {"show": out.decode()}


@app.post("/hooks/run")
async def run_hook(name: str = Form(...)):
    env_line = "HOOK=%s" % name
    return {"rc": os.popen(env_line + " /srv/hooks/dispatch.sh").close()}  # expect: command-injection


@app.get("/disk")
async def disk(mount: str = "/", human: bool = True):
    flags = "-h" if human else ""
    return {"out": subprocess.getoutput(f"df {flags} /")}  # ok: command-injection
