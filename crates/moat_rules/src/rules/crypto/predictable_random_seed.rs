//! `predictable-random-seed`: the `random` generator seeded with a constant or the time.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, ExprCall};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags `random.seed(…)` and `random.Random(…)` given a seed an attacker can know or
guess:
- a constant (`random.seed(42)`, `random.Random("fixed")`, also through a variable or a
  module constant);
- the time or the process id (`random.seed(time.time())`, `int(time.time())`,
  `time.time_ns()`, `datetime.now()`, `os.getpid()`).

`random.seed()` with no argument (seeded from `os.urandom`) is not flagged, nor are
`numpy.random` seeds. Test files are not checked: fixed seeds make tests reproducible.

This is low severity: a fixed seed is what reproducible simulations and sampling need.
It matters when anything made with `random` in the same process must stay unguessable,
which `insecure-random` reports where names show it.

## Why is this bad?
A seeded Mersenne Twister produces the same sequence every time for the same seed.
With a constant seed, every value `random` returns is known to anyone who has the code;
with the start-up time or the process id there are only a few million candidate seeds,
which an attacker tries until the outputs match.

## Example
```python
import random
import time

random.seed(int(time.time()))
invite_code = random.randint(100000, 999999)
```

## Use instead
Leave `random` seeded by the operating system, and use `secrets` for anything that
must be unpredictable:
```python
import secrets

invite_code = secrets.randbelow(900000) + 100000
```

## References
- CWE-336: Same Seed in Pseudo-Random Number Generator (PRNG)
- CWE-337: Predictable Seed in Pseudo-Random Number Generator (PRNG)
- CWE-330: Use of Insufficiently Random Values
- OWASP Top 10 2025: A04 Cryptographic Failures
"#;

/// Metadata of `predictable-random-seed`.
pub static META: RuleMeta = RuleMeta {
    id: "predictable-random-seed",
    title: "Random generator seeded predictably",
    category: Category::Crypto,
    cwe: &[336, 337, 330],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects calls that seed `random`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["random"],
};

/// Functions whose result is a guessable seed.
const GUESSABLE: &[&str] = &[
    "time.time",
    "time.time_ns",
    "time.monotonic",
    "time.monotonic_ns",
    "time.perf_counter",
    "time.perf_counter_ns",
    "time.clock",
    "os.getpid",
    "datetime.datetime.now",
    "datetime.datetime.utcnow",
    "datetime.datetime.today",
    "datetime.date.today",
];

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !matches!(callee, "random.seed" | "random.Random") {
        return;
    }
    let keyword = if callee == "random.seed" { "a" } else { "x" };
    let Some(seed) = call.arguments.find_argument_value(keyword, 0) else {
        return;
    };
    let code = ctx.snippet(call);
    let message = if let Some(value) = ctx.constant(seed) {
        if value == Constant::None {
            return;
        }
        format!(
            "`{code}` seeds the generator with a constant, so every value it returns is the same on every run and known to anyone with the code; fine for reproducible simulations, never for values that must be unpredictable (use `secrets` for those)"
        )
    } else if let Some(source) = guessable_source(ctx, seed) {
        let what = if source.starts_with("os.") {
            "the process id, one of at most a few million values and usually far fewer"
        } else {
            "the time, which an attacker can guess to within a few million candidates"
        };
        format!(
            "`{code}` seeds the generator with {what}; leave `random` seeded by the operating system and use `secrets` for values that must be unpredictable"
        )
    } else {
        return;
    };
    ctx.report(call.range(), message);
}

/// The guessable function (`time.time`, `os.getpid`…) the seed is computed from.
fn guessable_source(ctx: &Context<'_, '_>, seed: &Expr) -> Option<String> {
    let mut finder = GuessableCall { ctx, found: None };
    finder.visit_expr(seed);
    finder.found
}

struct GuessableCall<'c, 'x> {
    ctx: &'c Context<'x, 'x>,
    found: Option<String>,
}

impl<'a> Visitor<'a> for GuessableCall<'_, '_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && let Some(callee) = self.ctx.resolve(&call.func)
            && GUESSABLE.contains(&callee.as_str())
        {
            self.found.get_or_insert(callee);
        }
        visitor::walk_expr(self, expr);
    }
}
