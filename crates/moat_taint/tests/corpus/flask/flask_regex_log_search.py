import re

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

LOG_LINES = [
    "2024-05-01 INFO started",
    "2024-05-01 WARN disk almost full",
    "2024-05-02 ERROR worker crashed",
]
LEVEL_RE = re.compile(r"\b(INFO|WARN|ERROR)\b")  # ok: regex-injection
SAFE_TOKEN = r"[A-Za-z0-9_-]{1,32}"


def grep(pattern, lines):
    rx = re.compile(pattern, re.IGNORECASE)  # expect: regex-injection
    return [line for line in lines if rx.search(line)]


def grep_literal(term, lines):
    rx = re.compile(re.escape(term), re.IGNORECASE)  # ok: regex-injection
    return [line for line in lines if rx.search(line)]


@app.get("/logs/grep")
def logs_grep():
    return jsonify(grep(request.args.get("pattern", ".*"), LOG_LINES))


@app.get("/logs/find")
def logs_find():
    return jsonify(grep_literal(request.args.get("term", ""), LOG_LINES))


@app.get("/logs/level")
def logs_level():
    text = request.args.get("text", "")
    return jsonify(levels=LEVEL_RE.findall(text), first=re.search(r"\d{4}-\d{2}-\d{2}", text) is not None)  # ok: regex-injection


@app.get("/logs/match/<token>")
def logs_token(token):
    if not re.fullmatch(SAFE_TOKEN, token):  # ok: regex-injection
        abort(400)
    return jsonify([l for l in LOG_LINES if re.search(token, l)])  # ok: regex-injection


@app.post("/logs/redact")
def logs_redact():
    body = request.get_json()
    secret_pattern = body.get("pattern", "")
    return jsonify([re.sub(secret_pattern, "***", line) for line in LOG_LINES])  # expect: regex-injection


@app.get("/logs/split")
def logs_split():
    sep = request.args.get("sep", ",")
    return jsonify(re.split(sep, request.args.get("data", "")))  # expect: regex-injection


@app.get("/logs/filter")
def logs_filter():
    rx = request.headers.get("X-Log-Filter", "").strip()
    return jsonify([m for l in LOG_LINES for m in re.findall(rx, l)])  # expect: regex-injection


@app.get("/logs/words")
def logs_words():
    words = request.args.getlist("w")
    pattern = "|".join(words)
    return jsonify([l for l in LOG_LINES if re.search(f"({pattern})", l)])  # expect: regex-injection


@app.get("/logs/words-escaped")
def logs_words_escaped():
    words = request.args.getlist("w")
    pattern = "|".join(map(re.escape, words))
    return jsonify([l for l in LOG_LINES if re.search(f"({pattern})", l)])  # fp: regex-injection
