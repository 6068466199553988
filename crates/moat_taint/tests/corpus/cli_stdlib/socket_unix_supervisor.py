# --- file: supervisor/__init__.py
# --- file: supervisor/launch.py
import logging
import os

log = logging.getLogger("supervisor.launch")

PROGRAMS = {
    "nginx": "/usr/sbin/nginx",
    "worker": "/opt/app/bin/worker",
    "backup": "/usr/local/bin/backup",
}
CLEAN_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


def spawn_path(path, args):
    if os.fork() == 0:
        os.execv(path, [path, *args])  # expect: command-injection


def spawn_named(name, args):
    program = PROGRAMS.get(name)
    if program is None:
        log.critical("refusing unknown program %s", name)  # expect: log-injection
        log.critical("refusing an unknown program (%d known)", len(PROGRAMS))  # ok: log-injection
        return
    if os.fork() == 0:
        os.execv(program, [program, *args])  # ok: command-injection


def restart_unit(unit):
    if os.fork() == 0:
        os.execl("/usr/bin/systemctl", "systemctl", "restart", "--", unit)  # ok: command-injection


def run_hook(hook, target):
    if os.fork() == 0:
        os.execl(hook, hook, target)  # expect: command-injection


def run_hook_clean(hook, target):
    if os.fork() == 0:
        os.execle(hook, hook, target, CLEAN_ENV)  # expect: command-injection


def archive(directory):
    if os.fork() == 0:
        os.execle("/bin/tar", "tar", "-czf", "/var/backups/latest.tgz", "-C", directory, ".", CLEAN_ENV)  # ok: command-injection


def run_tool(tool, arg):
    if os.fork() == 0:
        os.execlp(tool, tool, arg)  # expect: command-injection


def ping(host):
    if os.fork() == 0:
        os.execlp("ping", "ping", "-c", "1", "--", host)  # ok: command-injection


def run_tool_env(tool, arg):
    if os.fork() == 0:
        os.execlpe(tool, tool, arg, CLEAN_ENV)  # expect: command-injection


def lookup(name):
    if os.fork() == 0:
        os.execlpe("host", "host", "-W", "2", "--", name, CLEAN_ENV)  # ok: command-injection


def exec_env(path, args, env):
    if os.fork() == 0:
        os.execve(path, [path, *args], {**CLEAN_ENV, **env})  # expect: command-injection


def worker_env(args, env):
    if os.fork() == 0:
        os.execve(PROGRAMS["worker"], ["worker", *args], {**CLEAN_ENV, **env})  # ok: command-injection


def exec_search(name, args):
    if os.fork() == 0:
        os.execvp(name, [name, *args])  # expect: command-injection


def rsync(source):
    if os.fork() == 0:
        os.execvp("rsync", ["rsync", "-a", "--", source, "/srv/mirror/"])  # ok: command-injection


def exec_search_env(name, args):
    if os.fork() == 0:
        os.execvpe(name, [name, *args], CLEAN_ENV)  # expect: command-injection


def git_fetch(remote):
    if os.fork() == 0:
        os.execvpe("git", ["git", "fetch", "--", remote], CLEAN_ENV)  # ok: command-injection


def posix_start(path, args):
    pid = os.posix_spawn(path, [path, *args], CLEAN_ENV)  # expect: command-injection
    log.log(logging.INFO, "spawned %s as %d", path, pid)  # expect: log-injection
    return pid


def posix_backup(label):
    pid = os.posix_spawn(PROGRAMS["backup"], ["backup", "--label", label], CLEAN_ENV)  # ok: command-injection
    log.log(logging.INFO, "backup started as %d", pid)  # ok: log-injection
    log.log(logging.INFO, "backup label has %d characters", len(label))  # ok: log-injection
    return pid
# --- file: supervisor/server.py
import asyncio
import logging

from . import launch

logging.basicConfig(level=logging.DEBUG)
SOCKET_PATH = "/run/supervisor/control.sock"


def dispatch(verb, args):
    if verb == "exec" and args:
        launch.spawn_path(args[0], args[1:])
    elif verb == "start" and args:
        launch.spawn_named(args[0], args[1:])
    elif verb == "restart" and args:
        launch.restart_unit(args[0])
    elif verb == "hook" and len(args) == 2:
        launch.run_hook(args[0], args[1])
        launch.run_hook_clean(args[0], args[1])
    elif verb == "archive" and args:
        launch.archive(args[0])
    elif verb == "tool" and len(args) == 2:
        launch.run_tool(args[0], args[1])
        launch.run_tool_env(args[0], args[1])
    elif verb == "ping" and args:
        launch.ping(args[0])
    elif verb == "lookup" and args:
        launch.lookup(args[0])
    elif verb == "env" and len(args) >= 2:
        pairs = dict(item.split("=", 1) for item in args[1:] if item.startswith("WORKER_") and "=" in item)
        launch.exec_env(args[0], [], pairs)
        launch.worker_env([], pairs)
    elif verb == "which" and args:
        launch.exec_search(args[0], args[1:])
        launch.exec_search_env(args[0], args[1:])
    elif verb == "mirror" and args:
        launch.rsync(args[0])
    elif verb == "fetch" and args:
        launch.git_fetch(args[0])
    elif verb == "spawn" and args:
        launch.posix_start(args[0], args[1:])
    elif verb == "backup" and args:
        launch.posix_backup(args[0])
    else:
        return False
    return True


async def handle_client(reader, writer):
    while line := await reader.readline():
        text = line.decode("utf-8", "replace").strip()
        logging.debug("control request: %s", text)  # expect: log-injection
        logging.debug("control request of %d bytes", len(line))  # ok: log-injection
        verb, *args = text.split()
        try:
            known = dispatch(verb, args)
        except OSError as exc:
            logging.error("command %s failed: %s", verb, text)  # expect: log-injection
            logging.error("command failed with errno %d", exc.errno)  # ok: log-injection
            known = True
        except Exception:
            logging.exception("crash while handling %s", text)  # expect: log-injection
            logging.exception("crash while handling %r", text)  # ok: log-injection
            logging.exception("crash while handling a control request")  # ok: log-injection
            break
        if not known:
            logging.warning("unknown verb %s", verb)  # expect: log-injection
            logging.warning("unknown verb (%d characters)", len(verb))  # ok: log-injection
        if verb == "shutdown":
            logging.critical("shutdown requested: %s", text)  # expect: log-injection
            logging.critical("shutdown requested over the control socket")  # ok: log-injection
            logging.log(logging.WARNING, "closing after %s", text)  # expect: log-injection
            logging.log(logging.WARNING, "closing after shutdown")  # ok: log-injection
            break
        writer.write(b"ok\n")
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_unix_server(handle_client, path=SOCKET_PATH)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
