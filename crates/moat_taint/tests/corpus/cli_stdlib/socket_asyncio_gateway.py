# --- file: gateway/__init__.py
# --- file: gateway/auth.py
import functools
import hmac

TOKEN = b"d3c0ffee"


def require_token(handler):
    @functools.wraps(handler)
    async def wrapper(session, payload):
        if not hmac.compare_digest(session.token, TOKEN):
            return b"denied\n"
        return await handler(session, payload)

    return wrapper
# --- file: gateway/commands.py
import asyncio
import logging
import shlex

from .auth import require_token

log = logging.getLogger("gateway")


class Command:
    program = "/usr/bin/systemctl"

    def __init__(self, payload):
        self.payload = payload

    def argv(self):
        return [self.program, "status", self.payload]

    def line(self):
        return f"{self.program} status {self.payload}"


class QuotedCommand(Command):
    def line(self):
        return f"{self.program} status {shlex.quote(self.payload)}"


@require_token
async def status(session, payload):
    cmd = Command(payload)
    proc = await asyncio.create_subprocess_shell(cmd.line(), stdout=asyncio.subprocess.PIPE)  # expect: command-injection
    out, _ = await proc.communicate()
    return out


@require_token
async def status_quoted(session, payload):
    proc = await asyncio.create_subprocess_shell(QuotedCommand(payload).line(), stdout=asyncio.subprocess.PIPE)  # ok: command-injection
    return (await proc.communicate())[0]


@require_token
async def status_exec(session, payload):
    proc = await asyncio.create_subprocess_exec(*Command(payload).argv(), stdout=asyncio.subprocess.PIPE)  # ok: command-injection
    return (await proc.communicate())[0]


@require_token
async def run_any(session, payload):
    program, *rest = payload.split()
    proc = await asyncio.create_subprocess_exec(program, *rest, stdout=asyncio.subprocess.PIPE)  # expect: command-injection
    return (await proc.communicate())[0]


HANDLERS = {"status": status, "qstatus": status_quoted, "xstatus": status_exec, "run": run_any}


def describe(verb, payload):
    fmt = lambda v, p: f"{v} -> {p}"
    log.info(fmt(verb, payload))  # expect: log-injection
    log.info("dispatch %s", verb if verb in HANDLERS else "unknown")  # ok: log-injection
# --- file: gateway/server.py
import asyncio

from .commands import HANDLERS, describe


class Session:
    def __init__(self, reader, writer):
        self.reader = reader
        self.writer = writer
        self.token = b""


async def handle(reader, writer):
    session = Session(reader, writer)
    session.token = (await reader.readline()).strip()
    while data := await reader.readline():
        verb, _, payload = data.decode().strip().partition(" ")
        describe(verb, payload)
        handler = HANDLERS.get(verb)
        if handler is not None:
            writer.write(await handler(session, payload))
            await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "0.0.0.0", 7070)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
