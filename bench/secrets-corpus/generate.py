#!/usr/bin/env python3
"""Writes the labelled secrets corpus: fake credentials in real formats, and look-alikes.

Every credential here is FAKE: generated from a fixed seed, marked with FAKE where the
format leaves room, and never issued by any service. The checksummed formats (GitHub,
npm) get a valid CRC32 checksum so that a scanner that checks them is exercised.

The corpus is written to `files/`. Each line of `labels.tsv` is `path<TAB>line<TAB>label`
(the path under `files/`): a kind id for a line holding a
credential, `-` for a look-alike that must not be reported. Lines not listed are filler
and must not be reported either.

Run from anywhere: `python3 bench/secrets-corpus/generate.py`. The output is the same on
every run; commit what it writes.
"""

import base64
import json
import pathlib
import random
import string
import zlib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE / "files"
RNG = random.Random(20261201)
ALNUM = string.ascii_letters + string.digits
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
BASE32 = string.ascii_uppercase + "234567"
B64URL = ALNUM + "-_"


def rand(alphabet, n):
    return "".join(RNG.choice(alphabet) for _ in range(n))


def crc_token(prefix):
    body = "FAKE" + rand(ALNUM, 26)
    value = zlib.crc32(body.encode())
    check = ""
    for _ in range(6):
        check = BASE62[value % 62] + check
        value //= 62
    return prefix + body + check


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def jwt():
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"sub": "FAKE-moat-corpus", "iat": 1700000000}).encode())
    return f"{header}.{payload}.{rand(B64URL, 43)}"


def pypi():
    macaroon = b"\x02\x01\x08pypi.org\x02\x01\x00\x02\x06" + b"FAKE-moat-corpus-" + bytes(
        RNG.randrange(256) for _ in range(90)
    )
    return "pypi-" + b64url(macaroon)


def pem(label):
    raw = b"FAKE MOAT CORPUS KEY, NOT A REAL KEY " + bytes(RNG.randrange(256) for _ in range(600))
    body = base64.b64encode(raw).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return [f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"]


def fake():
    """One fake credential of each kind, by kind id."""
    return {
        "aws-access-key-id": "AKIAFAKE" + rand(BASE32, 12),
        "aws-secret-access-key": rand(ALNUM + "/+", 39) + "F",
        "github-token": crc_token("ghp_"),
        "github-fine-grained-token": "github_pat_FAKE" + rand(ALNUM, 18) + "_" + rand(ALNUM, 59),
        "gitlab-token": "glpat-FAKE" + rand(ALNUM, 16),
        "slack-token": "xoxb-" + rand(string.digits, 12) + "-" + rand(string.digits, 13) + "-FAKE" + rand(ALNUM, 20),
        "slack-webhook": "https://hooks.slack.com/services/TFAKE" + rand(BASE32, 6) + "/BFAKE" + rand(BASE32, 6) + "/" + rand(ALNUM, 24),
        "stripe-live-key": "sk_live_FAKE" + rand(ALNUM, 28),
        "stripe-test-key": "sk_test_FAKE" + rand(ALNUM, 28),
        "google-api-key": "AIzaFAKE" + rand(B64URL, 31),
        "twilio-sid": "AC" + rand("0123456789abcdef", 32),
        "sendgrid-key": "SG.FAKE" + rand(B64URL, 18) + "." + rand(B64URL, 43),
        "npm-token": crc_token("npm_"),
        "pypi-token": pypi(),
        "jwt": jwt(),
        # No room for a FAKE mark: a password or a generic secret holding the word `fake`
        # is a placeholder, which scanners rightly skip. These are random from the seed.
        "url-password": rand(ALNUM, 16),
        "high-entropy": rand(ALNUM + "!#%&*+-=@^", 40),
    }


def write(path, lines, labels):
    """Writes `lines` (text, label or None) to `path` and records their labels."""
    target = ROOT / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        for number, (text, label) in enumerate(lines, start=1):
            out.write(text + "\n")
            if label is not None:
                labels.append((path, number, label))


def python_files(labels):
    f = fake()
    key = pem("RSA PRIVATE KEY")
    write("app/settings.py", [
        ('"""Settings of a service that leaked every credential it has (all FAKE)."""', None),
        ("import os", None),
        ("", None),
        (f'AWS_ACCESS_KEY_ID = "{f["aws-access-key-id"]}"', "aws-access-key-id"),
        (f'AWS_SECRET_ACCESS_KEY = "{f["aws-secret-access-key"]}"', "aws-secret-access-key"),
        (f'GITHUB_TOKEN = "{f["github-token"]}"', "github-token"),
        (f'GH_PAT = "{f["github-fine-grained-token"]}"', "github-fine-grained-token"),
        (f'GITLAB = "{f["gitlab-token"]}"', "gitlab-token"),
        (f'SLACK_BOT = "{f["slack-token"]}"', "slack-token"),
        (f'ALERTS_WEBHOOK = "{f["slack-webhook"]}"', "slack-webhook"),
        (f'STRIPE_KEY = "{f["stripe-live-key"]}"', "stripe-live-key"),
        (f'STRIPE_TEST = "{f["stripe-test-key"]}"', "stripe-test-key"),
        (f'MAPS = "{f["google-api-key"]}"', "google-api-key"),
        (f'TWILIO_ACCOUNT = "{f["twilio-sid"]}"', "twilio-sid"),
        (f'MAIL = "{f["sendgrid-key"]}"', "sendgrid-key"),
        (f'NPM = "{f["npm-token"]}"', "npm-token"),
        (f'PYPI = "{f["pypi-token"]}"', "pypi-token"),
        (f'SESSION = "{f["jwt"]}"', "jwt"),
        (f'DATABASE_URL = "postgresql://app:{f["url-password"]}@db.internal:5432/app"', "url-password"),
        (f'SECRET_KEY = "{f["high-entropy"]}"', "high-entropy"),
        (f'SIGNING_KEY = """{key[0]}', "private-key"),
        *[(line, None) for line in key[1:-1]],
        (f'{key[-1]}"""', None),
        ("", None),
        ('DEBUG_DB_URL = os.environ.get("DATABASE_URL", "sqlite:///dev.db")', "-"),
        ('API_KEY = os.environ["API_KEY"]', "-"),
    ], labels)
    g = fake()
    write("app/clients.py", [
        ('"""Credentials passed as arguments, dict entries and defaults (all FAKE)."""', None),
        ("import boto3", None),
        ("import requests", None),
        ("", None),
        ("", None),
        ("def s3():", None),
        ("    return boto3.client(", None),
        ('        "s3",', None),
        (f'        aws_access_key_id="{g["aws-access-key-id"]}",', "aws-access-key-id"),
        (f'        aws_secret_access_key="{g["aws-secret-access-key"]}",', "aws-secret-access-key"),
        ("    )", None),
        ("", None),
        ("", None),
        (f'def github(token="{g["github-token"]}"):', "github-token"),
        ('    return requests.get("https://api.github.com/user", headers={"Authorization": f"token {token}"})', "-"),
        ("", None),
        ("", None),
        (f'HEADERS = {{"Authorization": "Bearer {g["jwt"]}"}}', "jwt"),
        (f'CONFIG = {{"client_secret": "{g["high-entropy"]}"}}', "high-entropy"),
        (f'BROKER = f"amqp://worker:{g["url-password"]}@rabbit.internal//{{vhost}}"', "url-password"),
        (f'requests.post(url, auth=("deploy", "x"), data={{"api_token": "{g["npm-token"]}"}})', "npm-token"),
    ], labels)
    write("app/lookalikes.py", [
        ('"""Values that look like credentials and are not."""', None),
        ('ARCHIVE_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"', "-"),
        ('ETAG = "d41d8cd98f00b204e9800998ecf8427e"', "-"),
        ('REQUEST_ID = "123e4567-e89b-12d3-a456-426614174000"', "-"),
        ('COMMIT = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"', "-"),
        ('PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]', "-"),
        ('DOCS_KEY = "AKIAIOSFODNN7EXAMPLE"', "-"),
        ('DOCS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"', "-"),
        ('DOCS_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"', "-"),
        ('STRIPE_PLACEHOLDER = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx"', "-"),
        ('SLACK_PLACEHOLDER = "xoxb-your-token-here"', "-"),
        ('api_key = "<your-api-key>"', "-"),
        ('secret = "${APP_SECRET}"', "-"),
        ('password = "{{ vault_db_password }}"', "-"),
        ('token = "your_token_here"', "-"),
        ('DB_URL = "postgresql://scott:tiger@localhost/test"', "-"),
        ('SERVICE_URL = "https://api.example.com/v1/resource?page=2"', "-"),
        ('TEMPLATE_URL = "postgres://{user}:{password}@{host}/{db}"', "-"),
        ('PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\\n-----END PUBLIC KEY-----"', "-"),
        ('SSH_PUBLIC = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq1LmPz5t0a8V8nNQ6u8rV0ZXN0a2V5IGZvciBtb2F0 dev@laptop"', "-"),
        ('LOGO = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="', "-"),
        ('LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor"', "-"),
        ('token_url = "https://oauth2.googleapis.com/token"', "-"),
        ('auth_method = "client_secret_basic"', "-"),
        ('password_field = "password"', "-"),
        ('CSRF_COOKIE_NAME = "csrftoken"', "-"),
        ('NOT_A_JWT = "eyJub3QiOiJqd3QifQ.eyJzdWIiOiJ4In0"', "-"),
        ('session_key = "0000000000000000000000000000000000000000"', "-"),
        ('version = "3.11.7+build.20240101"', "-"),
    ], labels)


def config_files(labels):
    f = fake()
    write("config/.env", [
        ("# Local settings (all FAKE)", None),
        (f"AWS_ACCESS_KEY_ID={f['aws-access-key-id']}", "aws-access-key-id"),
        (f"AWS_SECRET_ACCESS_KEY={f['aws-secret-access-key']}", "aws-secret-access-key"),
        (f"export GITHUB_TOKEN=\"{f['github-token']}\"", "github-token"),
        (f"STRIPE_SECRET_KEY='{f['stripe-live-key']}'", "stripe-live-key"),
        (f"DATABASE_URL=postgres://app:{f['url-password']}@db.internal:5432/app", "url-password"),
        (f"DJANGO_SECRET_KEY={f['high-entropy']}", "high-entropy"),
        ("DEBUG=true", None),
        ("ALLOWED_HOSTS=app.internal,localhost", None),
        ("SENTRY_DSN=", None),
        ("REDIS_PASSWORD=${REDIS_PASSWORD}", "-"),
        ("API_KEY=changeme", "-"),
        ("SECRET_TOKEN=<replace-me>", "-"),
    ], labels)
    g = fake()
    write("config/app.ini", [
        ("; service configuration (all FAKE)", None),
        ("[database]", None),
        ("host = db.internal", None),
        (f"password = {g['high-entropy']}", "high-entropy"),
        ("password_file = /run/secrets/db_password", "-"),
        ("", None),
        ("[slack]", None),
        (f"webhook = {g['slack-webhook']}", "slack-webhook"),
        (f"bot_token = {g['slack-token']}", "slack-token"),
        ("", None),
        ("[checksums]", None),
        ("sha256 = 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "-"),
        ("md5 = 5d41402abc4b2a76b9719d911017c592", "-"),
    ], labels)
    h = fake()
    write("config/settings.toml", [
        ("# (all FAKE)", None),
        ("[tool.service]", None),
        (f'gitlab_token = "{h["gitlab-token"]}"', "gitlab-token"),
        (f'sendgrid = "{h["sendgrid-key"]}"', "sendgrid-key"),
        (f'maps_key = "{h["google-api-key"]}"', "google-api-key"),
        ('index-url = "https://pypi.org/simple"', "-"),
        ('extra-index-url = "https://__token__:${PYPI_TOKEN}@pypi.internal/simple"', "-"),
        ('uuid = "3f2b8a9c-1d4e-4f6a-9b7c-0e1d2c3b4a59"', "-"),
        ('api_key = "your-api-key-here"', "-"),
    ], labels)
    i = fake()
    write("config/docker-compose.yml", [
        ("# (all FAKE)", None),
        ("services:", None),
        ("  db:", None),
        ("    image: postgres:16", None),
        ("    environment:", None),
        (f"      POSTGRES_PASSWORD: {i['high-entropy']}", "high-entropy"),
        ("  worker:", None),
        ("    environment:", None),
        (f"      - BROKER_URL=amqp://worker:{i['url-password']}@rabbit:5672//", "url-password"),
        (f"      - NPM_TOKEN={i['npm-token']}", "npm-token"),
        ("      - DB_PASSWORD=${DB_PASSWORD}", "-"),
        ("    healthcheck:", None),
        ('      test: ["CMD", "pg_isready", "-U", "postgres"]', None),
        ("    image: registry.internal/worker@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "-"),
    ], labels)
    j = fake()
    write("config/app.properties", [
        ("# (all FAKE)", None),
        ("spring.datasource.url=jdbc:postgresql://db.internal:5432/app", "-"),
        (f"spring.datasource.password={j['high-entropy']}", "high-entropy"),
        (f"twilio.account.sid={j['twilio-sid']}", "twilio-sid"),
        (f"pypi.token={j['pypi-token']}", "pypi-token"),
        ("app.secret=${APP_SECRET}", "-"),
    ], labels)
    k = fake()
    key = pem("OPENSSH PRIVATE KEY")
    write("config/credentials.json", [
        ("{", None),
        ('  "name": "service (all FAKE)",', None),
        (f'  "client_secret": "{k["high-entropy"]}",', "high-entropy"),
        (f'  "private_key": "' + "\\n".join(key) + '\\n",', "private-key"),
        (f'  "stripe": {{"test": "{k["stripe-test-key"]}", "live": "{k["stripe-live-key"]}"}},', "stripe-test-key"),
        (f'  "session": "{k["jwt"]}",', "jwt"),
        ('  "icon": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",', "-"),
        ('  "integrity": "sha512-9mTk4kQ0zvFmDbkxM1e2e5f8v0nQ3Wb3qXo1Vh8y2mG0lN7rR5dXwT6uK4jP9sZ1cA3bE8fH2gI5kL7mO0pQ==",', "-"),
        ('  "id": "a3f5c9e1-7b2d-4c8e-9f01-2b3c4d5e6f70",', "-"),
        ('  "token": "",', "-"),
        ('  "password": "********"', "-"),
        ("}", None),
    ], labels)
    m = fake()
    write("config/nginx.conf", [
        ("# (all FAKE)", None),
        ("server {", None),
        ("    listen 443 ssl;", None),
        ("    ssl_certificate /etc/ssl/certs/app.pem;", "-"),
        ("    ssl_certificate_key /etc/ssl/private/app.key;", "-"),
        (f"    proxy_set_header Authorization \"Bearer {m['github-token']}\";", "github-token"),
        ("}", None),
    ], labels)
    write("config/package-lock.json", [
        ("{", None),
        ('  "name": "frontend",', None),
        ('  "lockfileVersion": 3,', None),
        ('  "packages": {', None),
        ('    "node_modules/left-pad": {', None),
        ('      "version": "1.3.0",', None),
        (f'      "resolved": "https://ci:{m["url-password"]}@npm.internal/left-pad/-/left-pad-1.3.0.tgz",', "url-password"),
        ('      "integrity": "sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQJ5hkmKCM+vzuHmu6GBSHfO3d9qfu3ARH+uNfMrcM3GrEGw=="', "-"),
        ("    }", None),
        ("  }", None),
        ("}", None),
    ], labels)
    write("config/lookalikes.yaml", [
        ("# Values that look like credentials and are not.", None),
        ("checksum: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "-"),
        ("etag: W/\"5d41402abc4b2a76b9719d911017c592\"", "-"),
        ("request_id: 123e4567-e89b-12d3-a456-426614174000", "-"),
        ("password: \"{{ vault_password }}\"", "-"),
        ("api_key: xxxxxxxxxxxxxxxxxxxxxxxx", "-"),
        ("aws_access_key_id: AKIAIOSFODNN7EXAMPLE", "-"),
        ("aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "-"),
        ("token: ghp_16C7e42F292c6912E7710c838347Ae178B4a", "-"),
        ("public_key: ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7moatFAKEpublickeyonly dev@laptop", "-"),
        ("certificate: -----BEGIN CERTIFICATE-----", "-"),
        ("description: Lorem ipsum dolor sit amet, consectetur adipiscing elit", "-"),
        ("auth: oauth2", "-"),
        ("token_endpoint: https://login.example.com/oauth2/v2.0/token", "-"),
        ("database_url: postgres://app@db.internal/app", "-"),
        ("secret_name: prod/db/credentials", "-"),
        ("image: python:3.11-slim@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "-"),
        ("commit: 4b825dc642cb6eb9a060e54bf8d69288fbee4904", "-"),
        ("password_hash: pbkdf2_sha256$600000$FAKEsalt$Zq81pLm3Hx0aJ2kL4mN6bV8cX1zQ3wE5rT7y=", "-"),
    ], labels)


def main():
    labels = []
    python_files(labels)
    config_files(labels)
    with open(HERE / "labels.tsv", "w", encoding="utf-8", newline="\n") as out:
        out.write("# path (under files/)\tline\tlabel (a kind id, or - for a look-alike)\n")
        for path, line, label in labels:
            out.write(f"{path}\t{line}\t{label}\n")


if __name__ == "__main__":
    main()
