//! `wildcard-injection`: a shell glob given to `tar`, `chown`, `chmod` or `rsync`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::injection::processes::{Launch, launch};
use crate::strings::built_string;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags commands run through a shell (`os.system`, `os.popen`, `subprocess` with a true
`shell=`…) in which `tar`, `chown`, `chmod` or `rsync` is given a `*` wildcard:
`os.system("tar cf backup.tar *")`. The command's constant text is read, also the
constant parts of f-strings and `%`/`+`/`.format` expressions.

## Why is this bad?
The shell expands `*` into the names of the files in the directory, and the program
cannot tell a file name from an option. Anyone who can create files there can create
one named `--checkpoint-action=exec=sh evil.sh` (for `tar`), `--reference=mine` (for
`chown`/`chmod`) or `-e sh evil.sh` (for `rsync`) and have it run as an option:
arbitrary commands or ownership changes with the program's privileges.

## Example
```python
import os

os.chdir("/srv/uploads")
os.system("tar czf /backups/uploads.tgz *")
```

## Use instead
End the options with `--` (or use `./*` so names cannot start with `-`), or avoid the
shell and pass the file list yourself:
```python
os.system("tar czf /backups/uploads.tgz -- *")
subprocess.run(["tar", "czf", "/backups/uploads.tgz", "-C", "/srv/uploads", "."], check=True)
```

## References
- CWE-155: Improper Neutralization of Wildcards or Matching Symbols
- CWE-78: Improper Neutralization of Special Elements used in an OS Command
- OWASP Top 10 2025: A05 Injection
"#;

/// Metadata of `wildcard-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "wildcard-injection",
    title: "Shell wildcard passed to tar, chown, chmod or rsync",
    category: Category::Injection,
    cwe: &[155, 78],
    owasp: Owasp::A05Injection,
    severity: Severity::High,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B609"],
    ruff: &["S609"],
    docs: DOCS,
};

/// The rule: inspects commands run through a shell.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["subprocess", "os", "asyncio", "commands", "popen2"],
};

/// Programs that take options that run commands or copy ownership.
const PROGRAMS: &[&str] = &["tar", "chown", "chmod", "rsync"];

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some(Launch::Shell(Some(command))) = launch(ctx, call, callee) else {
        return;
    };
    let Some(text) = command_text(ctx, command) else {
        return;
    };
    let Some(program) = globbed_program(&text) else {
        return;
    };
    ctx.report(
        call.range(),
        format!("`{callee}` runs `{program}` with a `*` wildcard through the shell; a file named like an option (`--checkpoint-action=…`, `--reference=…`) becomes one; end the options with `--` or use `./*`"),
    );
}

/// The text of a shell command, parts computed at run time left as placeholders: a
/// string, a built one, or a list of constant words.
fn command_text(ctx: &Context<'_, '_>, command: &Expr) -> Option<String> {
    if let Expr::List(list) = command {
        let words: Option<Vec<String>> = list
            .elts
            .iter()
            .map(|e| ctx.constant(e).and_then(|c| c.as_str().map(str::to_string)))
            .collect();
        return words.map(|w| w.join(" "));
    }
    built_string(ctx, command).map(|b| b.template)
}

/// The program of a command segment that is given a bare `*` glob before any `--`.
fn globbed_program(text: &str) -> Option<&'static str> {
    for segment in text.split([';', '|', '&', '\n']) {
        let mut words = segment.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        let first = first.rsplit('/').next().unwrap_or(first);
        let Some(&program) = PROGRAMS.iter().find(|&&p| p == first) else {
            continue;
        };
        for word in words {
            if word == "--" {
                break;
            }
            if word.starts_with('*') {
                return Some(program);
            }
        }
    }
    None
}
