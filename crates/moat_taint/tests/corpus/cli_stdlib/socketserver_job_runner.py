import logging
import marshal
import pickle
import socketserver
import subprocess

import yaml

log = logging.getLogger("jobrunner")

TASKS = {
    "uptime": ["uptime"],
    "disk": ["df", "-h"],
    "mem": ["free", "-m"],
}


class JobHandler(socketserver.StreamRequestHandler):
    def handle(self):
        header = self.rfile.readline().decode().strip()
        verb, _, arg = header.partition(" ")
        log.info("job request from %s: %r", self.client_address[0], header)  # ok: log-injection
        if verb == "TASK":
            self.run_task(arg)
        elif verb == "EXEC":
            self.run_program(arg)
        elif verb == "SPEC":
            self.run_spec(self.rfile.read(int(arg)))
        elif verb == "CODE":
            self.load_code(self.request.recv(65536))

    def run_task(self, name):
        if name in TASKS:
            out = subprocess.run(TASKS[name], capture_output=True).stdout  # ok: command-injection
            self.wfile.write(out)
        else:
            self.wfile.write(b"unknown task\n")

    def run_program(self, line):
        argv = line.split()
        out = subprocess.check_output(argv)  # expect: command-injection
        self.wfile.write(out)

    def run_spec(self, body):
        log.info("spec received: %s", body.decode(errors="replace"))  # expect: log-injection
        if body.startswith(b"---"):
            spec = yaml.load(body, Loader=yaml.UnsafeLoader)  # expect: unsafe-deserialization
        else:
            spec = yaml.load(body, Loader=yaml.SafeLoader)  # ok: unsafe-deserialization
        steps = yaml.safe_load(spec.get("include", "")) or []  # ok: unsafe-deserialization
        self.wfile.write(f"{len(steps)} steps\n".encode())

    def load_code(self, blob):
        func_code = marshal.loads(blob)  # expect: unsafe-deserialization
        state = pickle.loads(self.request.recv(4096))  # expect: unsafe-deserialization
        self.server.jobs.append((func_code, state))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    with socketserver.ThreadingTCPServer(("0.0.0.0", 9009), JobHandler) as server:
        server.jobs = []
        server.serve_forever()
