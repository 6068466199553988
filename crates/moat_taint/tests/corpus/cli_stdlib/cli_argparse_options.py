import argparse
import ctypes
import subprocess


def build_parser():
    parser = argparse.ArgumentParser(description="Start the preview server")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--mode", choices=["fast", "slow"], default="fast")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--name", default="preview")
    parser.add_argument("--theme", dest="theme_name")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    subprocess.run(f"serve --port {args.port}", shell=True)  # ok: command-injection
    subprocess.run("serve --mode " + args.mode, shell=True)  # ok: command-injection
    subprocess.run("serve --verbose=%s" % args.verbose, shell=True)  # ok: command-injection
    subprocess.run("serve --name " + args.name, shell=True)  # expect: command-injection
    subprocess.run("serve --theme " + args.theme_name, shell=True)  # expect: command-injection
    buffer = ctypes.c_int(args.port)  # expect: integer-overflow
    return buffer


if __name__ == "__main__":
    main()
