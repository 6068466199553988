import os
import shutil
import shlex
import sqlite3
import subprocess

RELEASES = "/srv/app/releases"
STAGES = ("staging", "production")


def current_release():
    return os.environ.get("RELEASE_ID", "latest")


def notify():
    channel = os.getenv("DEPLOY_CHANNEL", "#deploys")
    os.system(f"slack-notify {channel} 'deploy finished'")  # expect: command-injection
    os.system("slack-notify " + shlex.quote(channel) + " 'deploy finished'")  # ok: command-injection


def run_hook():
    hook = os.environ["POST_DEPLOY_HOOK"]
    subprocess.run(hook, shell=True, check=True)  # expect: command-injection


def migrate():
    stage = os.environ.get("STAGE", "staging")
    if stage not in STAGES:
        stage = "staging"
    subprocess.run(f"./manage.py migrate --settings=app.settings.{stage}", shell=True)  # ok: command-injection


def activate():
    release = current_release()
    path = os.path.join(RELEASES, release)
    shutil.copytree(path, "/srv/app/current.new", symlinks=True)  # expect: path-traversal
    with open(os.path.join(RELEASES, os.path.basename(release), "VERSION")) as fh:  # ok: path-traversal
        return fh.read().strip()


def record():
    conn = sqlite3.connect("/var/lib/deploy/history.db")
    user = os.environ.get("USER", "unknown")
    conn.execute(f"INSERT INTO deploys (who, release) VALUES ('{user}', '{current_release()}')")  # expect: sql-injection
    conn.execute("INSERT INTO deploys (who, release) VALUES (?, ?)", (user, current_release()))  # ok: sql-injection
    conn.commit()


def feature_flags():
    raw = os.environ.get("FEATURE_FLAGS", "{}")
    return eval(raw)  # expect: code-injection


def retries():
    return eval("%d + 1" % int(os.environ.get("DEPLOY_RETRIES", "2")))  # ok: code-injection


if __name__ == "__main__":
    migrate()
    activate()
    record()
    for _ in range(retries()):
        if feature_flags().get("hooks"):
            run_hook()
    notify()
