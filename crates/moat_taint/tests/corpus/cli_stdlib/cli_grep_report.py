import argparse
import fileinput
import logging
import re
import string

log = logging.getLogger("greprep")
DEFAULT_FORMAT = "{path}:{lineno}: {line}"
LEVELS = ("ERROR", "WARN", "INFO", "DEBUG")


class Match:
    def __init__(self, path, lineno, line):
        self.path = path
        self.lineno = lineno
        self.line = line


def parse_args():
    p = argparse.ArgumentParser(prog="greprep")
    p.add_argument("pattern")
    p.add_argument("files", nargs="*")
    p.add_argument("-F", "--fixed", action="store_true")
    p.add_argument("--format", default=DEFAULT_FORMAT)
    p.add_argument("--level")
    p.add_argument("--tag", default="greprep")
    return p.parse_args()


def compile_pattern(args):
    if args.fixed:
        return re.compile(re.escape(args.pattern))  # ok: regex-injection
    return re.compile(args.pattern, re.MULTILINE)  # expect: regex-injection


def level_filter(args, line):
    if args.level and re.fullmatch(r"[A-Z]{3,5}", args.level):  # ok: regex-injection
        return re.search(r"\b" + args.level + r"\b", line) is not None  # ok: regex-injection
    return any(level in line for level in LEVELS)


def render(fmt, m):
    return fmt.format(path=m.path, lineno=m.lineno, line=m.line)  # expect: format-string-injection


def render_default(m):
    return DEFAULT_FORMAT.format(path=m.path, lineno=m.lineno, line=m.line)  # ok: format-string-injection


def render_template(fmt, m):
    return string.Formatter().vformat(fmt, (), vars(m))  # expect: format-string-injection


def main():
    args = parse_args()
    rx = compile_pattern(args)
    hits = 0
    for line in fileinput.input(args.files):  # expect: path-traversal
        if not rx.search(line) or not level_filter(args, line):
            continue
        m = Match(fileinput.filename(), fileinput.filelineno(), line.rstrip("\n"))
        print(render(args.format, m))
        print(render_default(m))
        print(render_template(args.format, m))
        log.debug("hit in %s: %s", m.path, m.line)  # expect: log-injection
        hits += 1
    log.info("[%s] %d matches", "greprep", hits)  # ok: log-injection
    log.info("[" + args.tag + "] done")  # expect: log-injection
    print("{} matches for {!r}".format(hits, args.pattern))  # ok: format-string-injection


if __name__ == "__main__":
    main()
