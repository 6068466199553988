import ast

from flask import Flask, jsonify, request

app = Flask(__name__)

FORMULAS = {"area": "w * h", "perimeter": "2 * (w + h)"}


def evaluate(expression, variables):
    return eval(expression, {"__builtins__": {}}, variables)  # expect: code-injection


@app.get("/calc")
def calc():
    expr = request.args.get("expr", "1+1")
    return jsonify(result=evaluate(expr, {}))


@app.get("/calc/formula/<name>")
def formula(name):
    w = float(request.args.get("w", "1"))
    h = float(request.args.get("h", "1"))
    return jsonify(result=eval(FORMULAS.get(name, "0"), {"__builtins__": {}}, {"w": w, "h": h}))  # ok: code-injection


@app.get("/calc/literal")
def literal():
    return jsonify(value=ast.literal_eval(request.args.get("v", "[]")))  # ok: code-injection


@app.get("/calc/op/<op>")
def calc_op(op):
    a = int(request.args.get("a", "0"))
    b = int(request.args.get("b", "0"))
    return jsonify(result=eval(f"{a} {'+' if op == 'add' else '-'} {b}"))  # ok: code-injection


@app.post("/rules/apply")
def apply_rules():
    rules = request.get_json().get("rules", [])
    order = {"total": 120.0, "items": 3}
    matched = [r["name"] for r in rules if eval(r["when"], {}, {"order": order})]  # expect: code-injection
    return jsonify(matched=matched)


@app.post("/admin/script")
def run_script():
    code = request.form["code"]
    scope = {}
    try:
        exec(compile(code, "<admin>", "exec"), scope)  # expect: code-injection
    finally:
        scope.clear()
    return "", 204


@app.post("/hooks/transform")
def transform():
    body = request.get_json()
    make_fn = lambda src: eval("lambda row: " + src)  # expect: code-injection
    fn = make_fn(body.get("expr", "row"))
    return jsonify([fn(r) for r in body.get("rows", [])])


@app.get("/calc/sort")
def sort_key():
    field = request.args.get("key", "name")
    rows = [{"name": "b", "age": 2}, {"name": "a", "age": 1}]
    return jsonify(sorted(rows, key=eval(f"lambda r: r['{field}']")))  # expect: code-injection
