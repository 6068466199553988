import ipaddress
import os
import shlex
import subprocess

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

ALLOWED_TOOLS = {"ping": "/bin/ping", "traceroute": "/usr/sbin/traceroute"}
DEBUG_DIAG = os.environ.get("DIAG_DEBUG") == "1"


@app.get("/diag/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    status = os.system(f"ping -c 1 {host} > /dev/null")  # expect: command-injection
    return jsonify(up=status == 0)


@app.get("/diag/ping-quoted")
def ping_quoted():
    host = request.args.get("host", "127.0.0.1")
    status = os.system("ping -c 1 " + shlex.quote(host) + " > /dev/null")  # ok: command-injection
    return jsonify(up=status == 0)


@app.get("/diag/dig/<name>")
def dig(name):
    out = os.popen("dig +short %s" % name).read()  # expect: command-injection
    return jsonify(answers=out.split())


@app.get("/diag/trace")
def trace():
    host = request.args["host"]
    proc = subprocess.run(["traceroute", "-m", "10", host], capture_output=True, text=True, timeout=30)  # ok: command-injection
    return proc.stdout


@app.get("/diag/trace-shell")
def trace_shell():
    host = request.args["host"]
    hops = request.args.get("hops", "10")
    proc = subprocess.run(f"traceroute -m {hops} {host}", shell=True, capture_output=True, text=True)  # expect: command-injection
    return proc.stdout


@app.get("/diag/run")
def run_tool():
    tool = request.args.get("tool", "ping")
    target = str(ipaddress.ip_address(request.args.get("target", "127.0.0.1")))
    if tool not in ALLOWED_TOOLS:
        abort(400)
    out = subprocess.check_output([ALLOWED_TOOLS[tool], target], timeout=30)  # ok: command-injection
    return out


@app.get("/diag/exec")
def run_any():
    tool = request.args.get("tool", "ping")
    out = subprocess.check_output([tool, "-c", "1", "127.0.0.1"], timeout=30)  # expect: command-injection
    return out


@app.get("/diag/count")
def count_packets():
    count = int(request.args.get("count", "3"))
    out = subprocess.check_output(f"ping -c {count} 127.0.0.1", shell=True)  # ok: command-injection
    return out


@app.get("/diag/whois")
def whois():
    domain = request.args.get("domain", "")
    cmd = "whois " + domain if 3 * 7 < 20 else "whois example.org"
    out = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE).communicate()[0]  # ok: command-injection
    return out


@app.post("/diag/batch")
def batch():
    results = {}
    for line in request.get_data(as_text=True).splitlines():
        if (host := line.strip()):
            results[host] = subprocess.call("nslookup " + host, shell=True)  # expect: command-injection
    return jsonify(results)


@app.get("/diag/env")
def env_dump():
    var = request.args.get("var", "PATH")
    if DEBUG_DIAG:
        return subprocess.getoutput("echo $" + var)  # expect: command-injection
    return jsonify(value=os.environ.get(var, ""))
