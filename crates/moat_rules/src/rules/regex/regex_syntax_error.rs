//! `regex-syntax-error`: constant regular expressions that `re.compile` rejects.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::regex::calls;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;
use moat_regex::parse;

const DOCS: &str = r#"## What it does
Flags constant patterns that Python 3.11+'s `re` cannot compile, where they are handed to
a regex engine (the same calls `regex-redos` inspects: `re`/`regex` functions, Django's
`RegexValidator` and `re_path`, pydantic and marshmallow field patterns). The message is
the `re.error` Python would raise, with its position in the pattern. Patterns whose flags
are not constants are not checked, since a flag such as `re.VERBOSE` changes what compiles.

Test code (files in a `test`, `tests` or `testing` folder, `test_*.py`, `*_test.py`,
`tests.py`, `conftest.py`) is not checked: it is not deployed, and an invalid pattern
(often on purpose, to test the error) there is how tests are written, not a weakness.

## Why is this bad?
The pattern raises `re.error` the first time the code runs: at import for a module-level
`re.compile`, or in the middle of a request for a pattern compiled on use, where the
exception may be caught by a broad handler and the check it implements silently skipped.

## Example
```python
import re

TAG = re.compile(r"<(?P<name>[a-z]+)(?P<name>\s[^>]*)?>")   # redefinition of group name
```

## Use instead
```python
import re

TAG = re.compile(r"<(?P<name>[a-z]+)(?P<attrs>\s[^>]*)?>")
```

## References
- CWE-185: Incorrect Regular Expression
- OWASP Top 10 2025: A10 Mishandling of Exceptional Conditions — the defect surfaces as an
  exception raised at run time
- Python docs: `re` — Regular Expression Syntax
"#;

/// Metadata of `regex-syntax-error`.
pub static META: RuleMeta = RuleMeta {
    id: "regex-syntax-error",
    title: "Regular expression that does not compile",
    category: Category::Regex,
    cwe: &[185],
    owasp: Owasp::A10MishandlingOfExceptionalConditions,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects calls that hand a pattern to a regex engine.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: calls::MODULES,
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some(found) = calls::pattern_use(ctx, call, callee) else {
        return;
    };
    // Only the `re` and `regex` modules compile with Python's syntax rules for sure; the
    // third-party `regex` module accepts more, so it is left out.
    if callee.starts_with("regex.") {
        return;
    }
    let Some(flags) = found.flags else {
        return;
    };
    if let Err(error) = parse(&found.text, flags)
        && !error.beyond_bounds
    {
        let message = format!(
            "{} does not compile: re.error: {error}",
            ctx.snippet(found.expr)
        );
        ctx.report(found.expr.range(), message);
    }
}
