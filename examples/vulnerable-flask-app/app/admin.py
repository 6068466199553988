"""Maintenance commands: `flask backup`, `flask vacuum`, `flask run-script`, `flask check-mirror`."""

import os
import subprocess

import click
import requests

from app import run_cmd

from . import storage

BACKUP_DB_USER = "backup"


def open_db(user, password, path):
    """Stand-in for the real database driver's connect()."""
    return {"user": user, "path": path, "authenticated": bool(password)}


def register_commands(app):
    @app.cli.command("backup")
    def backup_cmd():
        """Archive the uploads, copy them to the mirror and upload them."""
        archive, digest = storage.backup(app.config["UPLOAD_DIR"], app.config["BACKUP_DIR"])
        run_cmd(f"cp {archive} /mnt/mirror/", shell=True)
        run_cmd(["sync"])
        if not storage.upload_backup(archive, app.config["BACKUP_URL"]):
            click.echo("backup upload failed", err=True)
        click.echo(f"{archive} md5={digest}")

    @app.cli.command("vacuum")
    def vacuum_cmd():
        """Compact the database."""
        db = open_db(user=BACKUP_DB_USER, password="b4ckup-2019!", path=app.config["DB_PATH"])
        subprocess.run(["sqlite3", app.config["DB_PATH"], "VACUUM;"], check=True)
        os.system("sqlite3 " + app.config["DB_PATH"] + " 'PRAGMA optimize;'")
        click.echo(f"vacuumed as {db['user']}")

    @app.cli.command("run-script")
    @click.argument("path")
    def run_script(path):
        """Run a one-off migration script with `app` in scope."""
        with open(path) as fh:
            source = fh.read()
        exec(source, {"app": app})

    @app.cli.command("check-mirror")
    def check_mirror():
        """Check that the mirror and the backup endpoint answer."""
        # The mirror still has a self-signed certificate.
        mirror = requests.get(app.config["MIRROR_URL"], timeout=10, verify=False)
        backup = requests.get(
            app.config["BACKUP_URL"], timeout=10, verify="/etc/ssl/certs/internal-ca.pem"
        )
        click.echo(f"mirror: {mirror.status_code}, backup: {backup.status_code}")
