//! `insecure-random`: a secret made with the predictable `random` module.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::words::{self, Hint};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, ExprCall, Keyword, Stmt};
use moat_python::{Ranged, TextRange};

const DOCS: &str = r#"## What it does
Flags functions of the `random` module (`random.random`, `randint`, `randrange`,
`choice`, `choices`, `sample`, `getrandbits`, `shuffle`, `uniform`, `randbytes`), and
`uuid.uuid1()`, used to make something secret. Calling them is fine for games,
simulations, sampling, retry jitter and unique ids, so a call is only flagged when the
name its result goes to says it is a secret:
- the variable, attribute or key it is assigned to (`reset_code = ...`,
  `user.api_key = ...`, also through an expression such as
  `"".join(random.choice(alphabet) for _ in range(16))`),
- the keyword argument or dictionary key it is passed as (`otp=...`, `{"nonce": ...}`),
- otherwise, or when the variable's name is too generic to say (`code`, `value`,
  `result`), the function it is in (`def generate_password():`).

Secret names are those with a word such as token, secret, password, nonce, salt, otp,
csrf or api key (high confidence), or key, PIN, session, IV, auth, reset or a qualified
code such as `verification_code` (medium confidence). Words that describe rather than
hold the value (`token_length`, `session_timeout`, `sort_key`, `status_code`) do not
count, and nothing is flagged in a function whose name says it makes a MIME boundary,
jitter, back-off or a mock, fake or dummy value, or picks, chooses or selects among
existing values (`pick_random_key`), nor a `random.choice(keys)` among existing keys,
tokens or secrets. A name imported from `secrets` in a `try` and from `random` only as
the `except ImportError` fallback is not flagged either. Test files are not checked.

## Why is this bad?
`random` is a Mersenne Twister: fast and well distributed, but not unpredictable. Its
state can be recovered from 624 outputs of 32 bits, and often guessed from the seed (the
time at start-up). An attacker who collects a few tokens or codes from your service can
then compute the next password-reset token, session id or one-time code. `uuid1()` is
made of the machine's MAC address and a timestamp: unique, but guessable by anyone who
knows roughly when it was made (and it also leaks the MAC address). `uuid4()` draws
from `os.urandom` and is fine.

## Example
```python
import random
import string

def reset_password(user):
    user.reset_token = "".join(random.choices(string.ascii_letters, k=32))
```

## Use instead
Use the `secrets` module, which draws from the operating system's secure source (or
`uuid.uuid4()` where a UUID is needed):
```python
import secrets

def reset_password(user):
    user.reset_token = secrets.token_urlsafe(32)
```

## References
- CWE-338: Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)
- CWE-330: Use of Insufficiently Random Values
- OWASP Top 10 2025: A04 Cryptographic Failures
- Python docs: `random` — the warning on security; `secrets`
"#;

/// Metadata of `insecure-random`.
pub static META: RuleMeta = RuleMeta {
    id: "insecure-random",
    title: "Secret made with the random module",
    category: Category::Crypto,
    cwe: &[338, 330],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B311"],
    ruff: &["S311"],
    docs: DOCS,
};

/// The rule: inspects calls into `random`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["random", "uuid"],
};

/// Functions that make predictable ids.
const PREDICTABLE_IDS: &[&str] = &["uuid.uuid1"];

/// Functions of the module-level generator of `random`.
const RANDOM_FUNCTIONS: &[&str] = &[
    "random.random",
    "random.randint",
    "random.randrange",
    "random.choice",
    "random.choices",
    "random.sample",
    "random.getrandbits",
    "random.shuffle",
    "random.uniform",
    "random.randbytes",
];

/// Assignment targets too generic to say what the value is, so the enclosing function's
/// name decides (`code = random.randint(...)` in `make_login_code`).
const GENERIC_TARGETS: &[&str] = &["code", "value", "result", "res", "ret", "rv", "out", "s"];

/// Words of a function name that say what it makes is not a secret even when a secret
/// word appears (`_make_boundary` keeps its value in `token`), or that it chooses
/// among existing values rather than making one (`pick_random_key`).
const NON_SECRET_FUNCTION_WORDS: &[&str] = &[
    "boundary", "jitter", "backoff", "mock", "fake", "dummy", "pick", "choose", "select",
];

/// Where the call's result goes, by the name that says what it is.
enum Use {
    Keyword(String),
    DictKey(String),
    Target(String),
    Function(String),
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let is_uuid = PREDICTABLE_IDS.contains(&callee);
    if !(RANDOM_FUNCTIONS.contains(&callee) || is_uuid) {
        return;
    }
    if also_bound_to_secrets(ctx, &call.func) || picks_existing(call) {
        return;
    }
    let Some(usage) = usage(ctx, call.range()) else {
        return;
    };
    let name = match &usage {
        Use::Keyword(n) | Use::DictKey(n) | Use::Target(n) | Use::Function(n) => n,
    };
    let Some((word, hint)) = words::secret_hint(&words::split(name)) else {
        return;
    };
    let role = match &usage {
        Use::Keyword(n) => {
            format!("makes the `{n}=` argument, which by its name (`{word}`) is a secret")
        }
        Use::DictKey(n) => {
            format!("makes the value of key `\"{n}\"`, which by its name (`{word}`) is a secret")
        }
        Use::Target(n) => format!("makes `{n}`, which by its name (`{word}`) is a secret"),
        Use::Function(n) => {
            format!("is used in `{n}`, which by its name (`{word}`) makes a secret")
        }
    };
    let why = if is_uuid {
        "but a version-1 UUID is the host's MAC address and a timestamp, easy to guess; use `secrets.token_urlsafe()` or `uuid.uuid4()`"
    } else {
        "but `random` is predictable: its next outputs can be computed from earlier ones; use the `secrets` module"
    };
    let report = ctx.report(call.range(), format!("`{callee}` {role}, {why}"));
    if is_uuid {
        // Guessing needs the time to the millisecond and 14 random bits: work, but
        // feasible.
        report.severity(Severity::Medium);
    }
    if hint == Hint::Strong {
        report.confidence(Confidence::High);
    }
}

/// Whether the callee's name is also imported from `secrets` in its scope: the
/// `try: from secrets import randbits` / `except ImportError: from random import …`
/// fallback, where the secure import is the one that runs.
fn also_bound_to_secrets(ctx: &Context<'_, '_>, func: &Expr) -> bool {
    let Expr::Name(name) = func else {
        return false;
    };
    let Some(id) = ctx
        .model
        .lookup(name.id.as_str(), ctx.scope, name.range.start())
    else {
        return false;
    };
    let binding = ctx.model.binding(id);
    ctx.model
        .scope(binding.scope)
        .bindings_of(&binding.name)
        .iter()
        .filter_map(|&other| ctx.model.binding_qualified_name(other))
        .any(|q| q.starts_with("secrets."))
}

/// Plural secret nouns naming a collection of existing secrets (`keys`, `tokens`).
const EXISTING_SECRETS: &[&str] = &["keys", "tokens", "secrets", "credentials", "sessions"];

/// Whether the call chooses among existing secrets (`random.choice(key_set.keys)`),
/// which spreads load rather than making a secret.
fn picks_existing(call: &ExprCall) -> bool {
    let Some(population) = call.arguments.find_positional(0) else {
        return false;
    };
    words::target_name(population).is_some_and(|name| {
        words::split(name)
            .last()
            .is_some_and(|w| EXISTING_SECRETS.contains(&w.as_str()))
    })
}

/// The innermost name the value of the call at `call` goes to: a keyword argument or a
/// dictionary key around it, else the target of the statement assigning it, else the
/// enclosing function (unless it is a test function); nothing in a function whose name
/// says its values are not secrets.
fn usage(ctx: &Context<'_, '_>, call: TextRange) -> Option<Use> {
    let function = ctx.function_name().rsplit('.').next().unwrap_or_default();
    if words::split(function)
        .iter()
        .any(|w| NON_SECRET_FUNCTION_WORDS.contains(&w.as_str()))
    {
        return None;
    }
    if let Some(stmt) = ctx.statement() {
        let mut finder = EnclosingName { call, found: None };
        finder.visit_stmt(stmt);
        if let Some(found) = finder.found {
            return Some(found);
        }
        let targets: Vec<&Expr> = match stmt {
            Stmt::Assign(assign) => assign.targets.iter().collect(),
            Stmt::AnnAssign(assign) => vec![assign.target.as_ref()],
            Stmt::AugAssign(assign) => vec![assign.target.as_ref()],
            _ => Vec::new(),
        };
        let names: Vec<&str> = targets
            .into_iter()
            .flat_map(|t| match t {
                Expr::Tuple(tuple) => tuple.elts.iter().collect(),
                Expr::List(list) => list.elts.iter().collect(),
                other => vec![other],
            })
            .filter_map(words::target_name)
            .collect();
        // A named value decides on its own: `delay = random.uniform(...)` in
        // `refresh_token` is jitter, not a secret. A generic name (`code = ...`) says
        // nothing, so the function's name decides.
        let specific = names
            .iter()
            .find(|n| words::secret_hint(&words::split(n)).is_some())
            .or_else(|| names.iter().find(|n| !GENERIC_TARGETS.contains(n)));
        if let Some(name) = specific {
            return Some(Use::Target((*name).to_string()));
        }
    }
    let function = ctx.function_name().rsplit('.').next().unwrap_or_default();
    if function.is_empty() || words::has(&words::split(function), "test") {
        return None;
    }
    Some(Use::Function(function.to_string()))
}

/// Finds the innermost keyword argument or string dictionary key whose value holds the
/// call.
struct EnclosingName {
    call: TextRange,
    found: Option<Use>,
}

impl<'a> Visitor<'a> for EnclosingName {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if stmt.range().contains_range(self.call) {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if !expr.range().contains_range(self.call) {
            return;
        }
        if let Expr::Dict(dict) = expr {
            for item in &dict.items {
                if let Some(Expr::StringLiteral(key)) = &item.key
                    && item.value.range().contains_range(self.call)
                {
                    self.found = Some(Use::DictKey(key.value.to_str().to_string()));
                }
            }
        }
        visitor::walk_expr(self, expr);
    }

    fn visit_keyword(&mut self, keyword: &'a Keyword) {
        if let Some(arg) = &keyword.arg
            && keyword.value.range().contains_range(self.call)
        {
            self.found = Some(Use::Keyword(arg.id.to_string()));
        }
        visitor::walk_keyword(self, keyword);
    }
}
