//! `pickle-load`: data deserialized with `pickle` or a format built on it.

use crate::context::Context;
use crate::external_data;
use crate::rule::{Check, Rule};
use crate::rules::patterns::as_method_call;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags calls that turn bytes into Python objects with `pickle` or a library built on it:
`pickle.load`, `pickle.loads` and `pickle.Unpickler` (also from `_pickle` and Python 2's
`cPickle`), `dill.load`/`loads`, `shelve.open`, `jsonpickle.decode` (also
`jsonpickle.unpickler.decode` and `restore` on a `jsonpickle` `Unpickler`), `pandas.read_pickle`,
`joblib.load`, `cloudpickle.load`/`loads`, `numpy.load` with a true (or not constant)
`allow_pickle`, `torch.load` unless it is given `weights_only=True`, and `marshal.load`/
`loads`. Writing (`pickle.dumps`), formats that only hold data (`json.loads`) and
`numpy.load` with its default `allow_pickle=False` are not flagged, nor are round trips
that load what was just dumped (`pickle.loads(pickle.dumps(obj))`, also through a name)
and test code, which loads the data it made itself.

Bandit reports the import of `pickle`, `cPickle`, `dill` and `shelve` (B403) and calls of
`torch.load` (B614) separately; Moat answers to those codes with this rule and reports
where data is actually loaded.

`marshal` is reported with medium severity, and only when the function reads the data
from outside itself (a file it opens, the network, standard input, the environment): it
cannot call arbitrary functions, but it builds code objects and crashes the interpreter
on crafted input. Marshal data handed to a function (as the import system, bytecode
caches and loaders get it) is not reported. `torch.load` without a
`weights_only` argument is reported with medium confidence, as PyTorch 2.6 and later
default to `weights_only=True` (before 2.6 the default was `False`). `numpy.load` with an
`allow_pickle` that is not a known constant is reported with medium confidence.

## Why is this bad?
A pickle is a program for a small stack machine, not a data format. Loading one may call
any importable function with any arguments: `os.system`, `subprocess.Popen`, `eval`.
Whoever can write or replace the bytes (an uploaded file, a cache entry, a message on a
queue, a model downloaded from the internet) runs code in your process the moment it is
loaded. No check after loading can help, and signing the data only moves the problem to
keeping the key.

## Example
```python
import pickle

def restore_session(cookie):
    return pickle.loads(base64.b64decode(cookie))
```

## Use instead
Store data in a format that can only hold data, and validate it after parsing:
```python
import json

def restore_session(cookie):
    return SessionData.from_dict(json.loads(base64.b64decode(cookie)))
```
For PyTorch models load only tensors with `torch.load(path, weights_only=True)`, or use
`safetensors`.

## References
- CWE-502: Deserialization of Untrusted Data
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
- Python docs: `pickle` — the warning at the top of the module's page
"#;

/// Metadata of `pickle-load`.
pub static META: RuleMeta = RuleMeta {
    id: "pickle-load",
    title: "Data deserialized with pickle",
    category: Category::Deserialization,
    cwe: &[502],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B301", "B302", "B403", "B614"],
    ruff: &["S301", "S302", "S403"],
    docs: DOCS,
};

/// The rule: inspects calls into the modules that unpickle.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check), Check::Expr(check_restore)],
    modules: &[
        "pickle",
        "_pickle",
        "cPickle",
        "dill",
        "shelve",
        "marshal",
        "jsonpickle",
        "pandas",
        "joblib",
        "torch",
        "numpy",
        "cloudpickle",
    ],
};

/// Functions that unpickle what they are given, and the name of that argument.
const UNPICKLERS: &[(&str, &str)] = &[
    ("pickle.load", "file"),
    ("pickle.loads", "data"),
    ("pickle.Unpickler", "file"),
    ("_pickle.load", "file"),
    ("_pickle.loads", "data"),
    ("_pickle.Unpickler", "file"),
    ("cPickle.load", "file"),
    ("cPickle.loads", "data"),
    ("cPickle.Unpickler", "file"),
    ("dill.load", "file"),
    ("dill.loads", "str"),
    ("dill.Unpickler", "file"),
    ("cloudpickle.load", "file"),
    ("cloudpickle.loads", "data"),
    ("shelve.open", "filename"),
    ("jsonpickle.decode", "string"),
    ("jsonpickle.loads", "string"),
    ("jsonpickle.unpickler.decode", "string"),
    ("pandas.read_pickle", "filepath_or_buffer"),
    ("joblib.load", "filename"),
    ("torch.load", "f"),
    ("numpy.load", "file"),
];

/// Serializers whose output, loaded straight back, is a copy of an object this program
/// already holds.
const DUMPERS: &[&str] = &[
    "pickle.dumps",
    "_pickle.dumps",
    "cPickle.dumps",
    "dill.dumps",
    "cloudpickle.dumps",
    "marshal.dumps",
    "jsonpickle.encode",
    "jsonpickle.dumps",
    "jsonpickle.pickler.encode",
];

/// `jsonpickle` classes whose `restore(obj)` rebuilds objects from decoded JSON.
const JSONPICKLE_UNPICKLERS: &[&str] = &["jsonpickle.Unpickler", "jsonpickle.unpickler.Unpickler"];

/// Whether `input` is what a dumper just made (`pickle.loads(pickle.dumps(obj))`, or a
/// name assigned from such a call): a copy, not outside data.
fn is_round_trip(ctx: &Context<'_, '_>, input: &Expr) -> bool {
    ctx.constructor_of(input)
        .is_some_and(|origin| DUMPERS.contains(&origin.as_str()))
}

/// `marshal` functions: they build code objects, not arbitrary calls.
const MARSHAL: &[(&str, &str)] = &[("marshal.load", "file"), ("marshal.loads", "bytes")];

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some(&(_, parameter)) = UNPICKLERS
        .iter()
        .chain(MARSHAL)
        .find(|(name, _)| *name == callee)
    else {
        return;
    };
    let input = call.arguments.find_argument_value(parameter, 0);
    if input.is_some_and(|input| is_round_trip(ctx, input)) {
        return;
    }
    let source = input.map_or_else(
        || "its input".to_string(),
        |e| format!("`{}`", ctx.snippet(e)),
    );
    if callee == "torch.load" {
        torch_load(ctx, call, &source);
    } else if callee == "numpy.load" {
        numpy_load(ctx, call, &source);
    } else if callee == "shelve.open" {
        ctx.report(
            call.range(),
            format!("`shelve.open` opens the shelf {source}, whose values are unpickled when read; whoever can write that file can make reading it run any code"),
        );
    } else if callee.starts_with("marshal.") {
        // The import system, bytecode caches and profilers load marshal data handed to
        // them; only data this function reads from outside is reported.
        let outside = input.is_some_and(|input| {
            if callee == "marshal.load" {
                external_data::outside_reader(ctx, input).is_some()
            } else {
                external_data::outside_origin(ctx, input).is_some()
            }
        });
        if !outside {
            return;
        }
        ctx.report(
            call.range(),
            format!("`{callee}` deserializes {source}; crafted `marshal` data can build code objects and crash the interpreter, so only load data this program wrote"),
        )
        .severity(Severity::Medium);
    } else {
        ctx.report(
            call.range(),
            format!("`{callee}` unpickles {source}; whoever can write that data can make loading it run any code"),
        );
    }
}

/// `unpickler.restore(obj)` on a `jsonpickle` `Unpickler`: `jsonpickle.decode` without
/// the JSON parsing.
fn check_restore(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Some((call, receiver, "restore")) = as_method_call(expr) else {
        return;
    };
    let Some(class) = ctx
        .constructor_of(receiver)
        .filter(|class| JSONPICKLE_UNPICKLERS.contains(&class.as_str()))
    else {
        return;
    };
    let input = call.arguments.find_argument_value("obj", 0);
    if input.is_some_and(|input| is_round_trip(ctx, input)) {
        return;
    }
    let source = input.map_or_else(
        || "its input".to_string(),
        |e| format!("`{}`", ctx.snippet(e)),
    );
    ctx.report(
        call.range(),
        format!("`{class}.restore` rebuilds objects from {source}, calling the constructors and functions it names; whoever can write that data can make loading it run any code"),
    );
}

/// `torch.load` is safe with a true `weights_only`, the default from PyTorch 2.6.
fn torch_load(ctx: &mut Context<'_, '_>, call: &ExprCall, source: &str) {
    match call.arguments.find_keyword("weights_only") {
        None => {
            ctx.report(
                call.range(),
                format!("`torch.load` unpickles {source} without `weights_only=True`; before PyTorch 2.6 that lets the file run any code when loaded"),
            )
            .confidence(Confidence::Medium);
        }
        Some(keyword) => match ctx.constant(&keyword.value) {
            Some(value) if value.is_truthy() => {}
            Some(_) => {
                let value = if keyword.value.is_boolean_literal_expr() {
                    format!("`weights_only={}`", ctx.text(&keyword.value))
                } else {
                    format!(
                        "`weights_only={}`, which is false",
                        ctx.snippet(&keyword.value)
                    )
                };
                ctx.report(
                    call.range(),
                    format!("`torch.load` unpickles {source} with {value}; the file can run any code when loaded"),
                );
            }
            None => {
                ctx.report(
                    call.range(),
                    format!("`torch.load` unpickles {source} with `weights_only={}`, which may be false; the file can then run any code when loaded", ctx.snippet(&keyword.value)),
                )
                .confidence(Confidence::Medium);
            }
        },
    }
}

/// `numpy.load` unpickles object arrays only with a true `allow_pickle` (default `False`
/// since NumPy 1.16.3).
fn numpy_load(ctx: &mut Context<'_, '_>, call: &ExprCall, source: &str) {
    let Some(allow) = call.arguments.find_argument_value("allow_pickle", 2) else {
        return;
    };
    match ctx.constant(allow) {
        Some(value) if !value.is_truthy() => {}
        Some(_) => {
            ctx.report(
                call.range(),
                format!("`numpy.load` reads {source} with `allow_pickle={}`, so object arrays in the file are unpickled; a crafted `.npy`/`.npz` file can run any code when loaded", ctx.snippet(allow)),
            );
        }
        None => {
            ctx.report(
                call.range(),
                format!("`numpy.load` reads {source} with `allow_pickle={}`, which may be true; object arrays in the file are then unpickled and can run any code", ctx.snippet(allow)),
            )
            .confidence(Confidence::Medium);
        }
    }
}
