import ast
import math

ARITHMETIC = frozenset("0123456789+-*/%(). ")
FUNCTIONS = {name: getattr(math, name) for name in ("sqrt", "sin", "cos", "log")}
history = []


def evaluate(expr):
    return eval(expr, {"__builtins__": {}}, FUNCTIONS)  # expect: code-injection


def evaluate_checked(expr):
    if not set(expr) <= ARITHMETIC:
        raise ValueError("only arithmetic is allowed")
    return eval(expr)  # fp: code-injection


def parse_literal(text):
    return ast.literal_eval(text)  # ok: code-injection


def define(line):
    name, _, body = line.partition("=")
    code = compile(f"def {name.strip()}(x):\n    return {body.strip()}\n", "<repl>", "exec")  # expect: code-injection
    exec(code, FUNCTIONS)  # expect: code-injection


def replay():
    for i, _ in enumerate(history):
        exec(f"result_{i} = history[{i}]", {"history": history})  # ok: code-injection


def repl():
    while True:
        try:
            line = input("calc> ").strip()
        except EOFError:
            break
        if line.startswith(":def "):
            define(line[5:])
        elif line.startswith(":lit "):
            history.append(parse_literal(line[5:]))
        elif line.startswith(":safe "):
            history.append(evaluate_checked(line[6:]))
        elif line == ":replay":
            replay()
        elif line:
            history.append(evaluate(line))
            print(history[-1])


if __name__ == "__main__":
    repl()
