//! `eval-of-external-data`: `eval`, `exec` or `compile` of code the same function reads
//! from a file, the environment, standard input, the command line or the network.

use super::eval_exec_call::{
    builds_only_ast, callee_text, code_argument, code_runner, is_run_directly,
};
use crate::context::Context;
use crate::external_data::{Origin, Outside, outside_origin};
use crate::rule::{Check, Rule};
use crate::rules::patterns::leading_text;
use crate::value_uses::{self, Use};
use crate::words;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags `eval`, `exec` and `compile` (the builtins, also under another name or through the
`builtins` module) when the code they are given is read from outside the program in the
same function, directly or through local variables (assignments, `with … as`, `for`
loops, `+=`, concatenation, f-strings, `%` and `.format`, string methods, decoding such as
`base64.b64decode` or `.decode()`, `json.loads`):

- the contents of a file: `open(...).read()`, `.read()`/`.readline()`/`.readlines()` or
  the lines of a file object from `open`, `io.open`, `codecs.open`, `gzip.open`…
  (also `with open(...) as fh:`), `pathlib.Path(...).read_text()`/`read_bytes()`;
- the environment: `os.environ[...]`, `os.environ.get(...)`, `os.getenv(...)`;
- standard input: `input()`, `sys.stdin.read()`/`readline()`, the lines of `sys.stdin`;
- the command line: `sys.argv[...]`;
- the network: `urllib.request.urlopen(...).read()`, `requests` and `httpx` responses
  (`.text`, `.content`, `.json()`, also from a session or client), `socket` `recv` and
  `recvfrom`, `http.client` responses.

`exec(compile(source, ...))` is reported once, at the `exec`; `compile` of such code on
its own is reported at the `compile` (the code object runs later), and an `exec` of a
variable holding that code object is not reported again. `compile` with
`ast.PyCF_ONLY_AST` builds a syntax tree and is not flagged, nor is a code object that
cannot run: one the function only inspects (`dis`, its line numbers, `co_consts`) and
that never leaves it. The program's own files are not outside data: a file whose path
is built from `__file__` and constants (`os.path.join(os.path.dirname(__file__),
"version.py")`, `Path(__file__).parent / "plugins.py"`) is part of the installed code.
Nor is a Python program run on purpose, the way shells, IDEs, setup runners and config
loaders (`PYTHONSTARTUP`, Flask's `from_pyfile`) run scripts: code read from a file whose
path ends in `.py`, compiled under a file's name (`compile(source, path, "exec")`, so its
tracebacks point into that file), or run with globals that give it a `__file__`. Running
that file is the feature; when untrusted input chooses its path, the taint rule
`code-injection` reports it. A data file evaluated as code (`eval(open("limits.txt").read())`,
`compile(text, "<config>", "exec")`) is reported.

Severity is high for the environment, standard input, the command line and the network:
whoever sets them chooses the code. It is medium for files: the file may be one the
project ships and only its owner can write, but whoever can change it (a shared folder,
an upload directory, a path from the command line) runs code in this process.

Not reported: code that is a parameter, an attribute, a global or built from constants
(where it comes from is not known in the function, or it is fixed). The taint rule
`code-injection` follows untrusted input (requests, and with `untrusted = ["remote",
"local", "environment"]` the command line and the environment) through calls and files to
these calls, and reports the line instead when it does; the off-by-default audit rule
`eval-exec-call` lists every call. Test code (files in a `test`, `tests` or `testing`
folder, `test_*.py`, `*_test.py`, `tests.py`, `conftest.py`) is not checked.

## Why is this bad?
`eval` and `exec` run their argument as Python code with the full rights of the process.
Code read from a file, an environment variable, a pipe, the command line or a server is
code chosen by whoever controls that place, not by the program's author: parsing a
setting with `eval(os.environ["DEBUG"])` or running a "script" named on the command line
lets that person read secrets, change data or start programs (code injection). Passing
restricted `globals` does not help: the builtins can be reached again through the
attributes of any object (`().__class__.__base__.__subclasses__()`).

## Example
```python
import os

DEBUG = eval(os.environ.get("APP_DEBUG", "False"))

def run_plugin(path):
    with open(path) as fh:
        source = fh.read()
    exec(source, {})
```

## Use instead
Parse settings with a parser that cannot run code, and load code as modules you ship:
```python
import ast
import importlib
import os

DEBUG = os.environ.get("APP_DEBUG", "False").lower() in {"1", "true", "yes"}
LIMITS = ast.literal_eval(os.environ.get("APP_LIMITS", "[]"))  # literals only

PLUGINS = {"thumbnails": "app.plugins.thumbnails"}

def run_plugin(name):
    return importlib.import_module(PLUGINS[name]).run()
```

## References
- CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')
- CWE-94: Improper Control of Generation of Code ('Code Injection')
- OWASP Top 10 2025: A05 Injection
- Python docs: `eval`, `exec`, `compile` and `ast.literal_eval`
"#;

/// Metadata of `eval-of-external-data`.
pub static META: RuleMeta = RuleMeta {
    id: "eval-of-external-data",
    title: "Code read from a file, the environment, input or the network is executed",
    category: Category::Code,
    cwe: &[95, 94],
    owasp: Owasp::A05Injection,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B307", "B102"],
    ruff: &["S307", "S102"],
    docs: DOCS,
};

/// The rule: inspects calls of builtins, which need no import.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &[],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if callee == "builtins.compile" {
        return check_compile(ctx, call);
    }
    let Some((name, _)) = code_runner(callee) else {
        return;
    };
    let Some(code) = code_argument(call) else {
        return;
    };
    // `exec(compile(source, ...))`: the code is the compiled source.
    let compiled = compiled_call(ctx, code);
    let code = compiled.and_then(code_argument).unwrap_or(code);
    let Some(origin) = outside_origin(ctx, code) else {
        return;
    };
    let globals = call.arguments.find_argument_value("globals", 1);
    if runs_a_script(ctx, origin, compiled, globals) {
        return;
    }
    let verb = if name == "eval" { "evaluates" } else { "runs" };
    let message = format!(
        "{} {verb} {} as Python code; {}",
        callee_text(ctx, call, name, callee),
        describe(ctx, call, origin),
        who_controls(origin.kind)
    );
    report(ctx, call, origin, message);
}

/// `compile(source, ...)` of outside code, unless it only builds a syntax tree or is run
/// directly by `eval`/`exec` (reported there).
fn check_compile(ctx: &mut Context<'_, '_>, call: &ExprCall) {
    let Some(source) = code_argument(call) else {
        return;
    };
    if builds_only_ast(ctx, call) || is_run_directly(ctx, call) || !may_run(ctx, call) {
        return;
    }
    let Some(origin) = outside_origin(ctx, source) else {
        return;
    };
    if runs_a_script(ctx, origin, Some(call), None) {
        return;
    }
    let message = format!(
        "`compile` turns {} into a code object; {} once it runs",
        describe(ctx, call, origin),
        who_controls(origin.kind)
    );
    report(ctx, call, origin, message);
}

/// Whether the code object `compile` makes may run: in the function it reaches `eval`,
/// `exec`, `types.FunctionType` or a function whose name runs code (`self.runcode(code)`),
/// or it leaves the function (returned, stored in an attribute or container, passed to
/// another call). A code object only read where it is made (`dis`, line numbers,
/// `co_consts`) runs nothing.
fn may_run(ctx: &Context<'_, '_>, call: &ExprCall) -> bool {
    let flow = value_uses::flow_of(ctx, call.range(), value_uses::Calls::Convert);
    flow.uses.iter().any(|place| match place {
        Use::Returned | Use::DictKey { .. } | Use::Keyword { .. } => true,
        Use::Stored { container, .. } => container.is_some(),
        Use::Argument { call, .. } => {
            let callee = ctx.resolve(&call.func).unwrap_or_default();
            let name = words::target_name(&call.func).unwrap_or_default();
            matches!(
                callee.as_str(),
                "builtins.eval" | "builtins.exec" | "types.FunctionType"
            ) || ["run", "exec", "eval"]
                .iter()
                .any(|verb| name.to_ascii_lowercase().contains(verb))
        }
        Use::Compared { .. } => false,
    })
}

/// A `compile(...)` call given straight as the code (one that makes a code object).
fn compiled_call<'e>(ctx: &Context<'_, '_>, code: &'e Expr) -> Option<&'e ExprCall> {
    let Expr::Call(inner) = code else {
        return None;
    };
    (ctx.resolve(&inner.func).as_deref() == Some("builtins.compile")
        && !builds_only_ast(ctx, inner))
    .then_some(inner)
}

/// Whether file contents are a Python program run as one on purpose, the way shells,
/// IDEs, setup runners and config loaders (`PYTHONSTARTUP`, `from_pyfile`) run scripts:
/// read from a `.py` file, compiled under a file's name (`compile(source, path, "exec")`,
/// so that tracebacks point into it), or run with globals that give it a `__file__`.
/// Running such a file is the feature; what decides the risk is who chooses the path,
/// which the taint rule `code-injection` follows.
fn runs_a_script(
    ctx: &Context<'_, '_>,
    origin: Origin,
    compiled: Option<&ExprCall>,
    globals: Option<&Expr>,
) -> bool {
    match origin.kind {
        Outside::PythonSource => true,
        Outside::File => {
            compiled
                .and_then(|c| c.arguments.find_argument_value("filename", 1))
                .is_some_and(|name| is_file_name(ctx, name))
                || globals.is_some_and(|g| names_its_file(ctx, g))
        }
        _ => false,
    }
}

/// Whether `compile`'s `filename` is a file's name, not a pseudo-name such as
/// `"<string>"` or `f"<{name}>"`.
fn is_file_name(ctx: &Context<'_, '_>, name: &Expr) -> bool {
    match ctx.constant(name) {
        Some(Constant::Str(text)) => return !text.starts_with('<'),
        Some(Constant::Bytes(bytes)) => return !bytes.starts_with(b"<"),
        Some(_) => return false,
        None => {}
    }
    if let Expr::Name(local) = name {
        return ctx
            .assigned_value(local)
            .is_none_or(|value| is_file_name(ctx, value));
    }
    // `f"<{name}>"`, `"<%s>" % name`, `"<{}>".format(name)`: the start says.
    leading_text(ctx, name).is_none_or(|text| !text.starts_with('<'))
}

/// Whether `globals` is a dict, written here or bound to a local name, with a
/// `"__file__"` key: the namespace of a script run as a module.
fn names_its_file(ctx: &Context<'_, '_>, globals: &Expr) -> bool {
    let dict = match globals {
        Expr::Name(name) => ctx.assigned_value(name),
        other => Some(other),
    };
    let Some(Expr::Dict(dict)) = dict else {
        return false;
    };
    dict.items.iter().any(|item| {
        item.key.as_ref().is_some_and(
            |key| matches!(ctx.constant(key), Some(Constant::Str(k)) if k == "__file__"),
        )
    })
}

fn report(ctx: &mut Context<'_, '_>, call: &ExprCall, origin: Origin, message: String) {
    let severity = match origin.kind {
        Outside::File | Outside::PythonSource => Severity::Medium,
        _ => Severity::High,
    };
    ctx.report(call.range(), message).severity(severity);
}

/// What the code is and where it is read: "the contents of a file (`fh.read()`, line 12)".
fn describe(ctx: &Context<'_, '_>, call: &ExprCall, origin: Origin) -> String {
    let what = match origin.kind {
        Outside::File | Outside::PythonSource => "the contents of a file",
        Outside::Environment => "an environment variable",
        Outside::StandardInput => "text read from standard input",
        Outside::CommandLine => "a command-line argument",
        Outside::Network => "data received over the network",
    };
    let read_line = ctx.line_of(origin.read_at.start());
    let line = if read_line == ctx.line_of(call.start()) {
        String::new()
    } else {
        format!(", line {read_line}")
    };
    format!("{what} (`{}`{line})", ctx.snippet(&origin.read_at))
}

/// Who gets to choose the code.
fn who_controls(kind: Outside) -> &'static str {
    match kind {
        Outside::File | Outside::PythonSource => "whoever can write that file runs code here",
        Outside::Environment => "whoever sets this process's environment runs code here",
        Outside::StandardInput => "whoever writes that input runs code here",
        Outside::CommandLine => {
            "whoever builds its command line (a script, a scheduler, a wrapper) runs code here"
        }
        Outside::Network => "whoever answers (or sits between) runs code here",
    }
}
