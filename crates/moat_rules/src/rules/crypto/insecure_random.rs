//! `insecure-random`: a secret made with the predictable `random` module.

use crate::context::Context;
use crate::handed_out::HandedOut;
use crate::rule::{Check, Rule};
use crate::value_uses::{self, Calls, Use as Place};
use crate::words::{self, Hint};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::{Expr, ExprCall};
use moat_python::{Ranged, TextRange};

const DOCS: &str = r#"## What it does
Flags functions of the `random` module (`random.random`, `randint`, `randrange`,
`choice`, `choices`, `sample`, `getrandbits`, `shuffle`, `uniform`, `randbytes`), and
`uuid.uuid1()`, used to make something secret. Calling them is fine for games,
simulations, sampling, retry jitter and unique ids, so a call is only flagged when the
name its result goes to says it is a secret. The value is followed through the function:
through expressions (`"".join(random.choice(alphabet) for _ in range(16))`, `str(…)`,
f-strings, a hash of it), into the variables it is assigned to and their later uses, and
into lists it is appended to. A secret name is:
- a variable, attribute or key it ends up in (`reset_code = ...`, `user.api_key = ...`),
- a keyword argument or dictionary key it is passed as (`otp=...`, `{"nonce": ...}`),
- a function it is passed to whose name takes a secret (`user.set_password(value)`),
- otherwise, when no place it goes to has a name of its own (only generic ones such as
  `code`, `value`, `result`), the function it is in (`def generate_password():`), or,
  for a value a helper returns, the names its callers give it
  (`user.invite_token = _random_string(24)`). Callers in other modules count too: the
  finding is then at the call (`token = utils.random_string(32)` in `views.py`), and
  its message says where the helper makes the value.

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
    checks: &[Check::Call(check), Check::CallerOf(check_caller)],
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
#[derive(Clone)]
enum Use {
    Keyword(String),
    DictKey(String),
    Target(String),
    /// An argument of a call whose function's name says it takes a secret
    /// (`user.set_password(value)`).
    Callee(String),
    Function(String),
    /// The value `function` returns, given `name` by its caller at `at`.
    ReturnedTo {
        function: String,
        at: String,
        name: String,
    },
}

impl Use {
    /// The name that says what the value is.
    fn name(&self) -> &str {
        match self {
            Use::Keyword(n)
            | Use::DictKey(n)
            | Use::Target(n)
            | Use::Callee(n)
            | Use::Function(n)
            | Use::ReturnedTo { name: n, .. } => n,
        }
    }
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let is_uuid = PREDICTABLE_IDS.contains(&callee);
    if !(RANDOM_FUNCTIONS.contains(&callee) || is_uuid) {
        return;
    }
    if also_bound_to_secrets(ctx, &call.func) || picks_existing(call) {
        return;
    }
    let Some(usage) = usage(ctx, call.range(), callee) else {
        return;
    };
    let Some((word, hint)) = words::secret_hint(&words::split(usage.name())) else {
        return;
    };
    let role = role(&usage, &word);
    let report = ctx.report(call.range(), format!("`{callee}` {role}, {}", why(callee)));
    calibrate(report, callee, hint);
}

/// A call, in another module, of a helper whose value `random` made: reported at the call
/// when what the caller does with the result gives it a secret's name.
fn check_caller(ctx: &mut Context<'_, '_>, call: &ExprCall, value: &HandedOut) {
    if says_not_secret(ctx.function_name()) {
        return;
    }
    let flow = value_uses::flow_of(ctx, call.range(), Calls::Keep);
    let Some(usage) = secret_use(&flow.uses) else {
        return;
    };
    let Some((word, hint)) = words::secret_hint(&words::split(usage.name())) else {
        return;
    };
    let helper = &value.function;
    let made_by = &value.made_by;
    let role = role(&usage, &word);
    let message = format!(
        "`{helper}()` returns what `{made_by}` makes at {}, and here it {role}, {} there",
        value.origin(),
        why(made_by)
    );
    let report = ctx.report(call.range(), message);
    calibrate(report, made_by, hint);
}

/// What the value becomes, for the message.
fn role(usage: &Use, word: &str) -> String {
    match usage {
        Use::Keyword(n) => {
            format!("makes the `{n}=` argument, which by its name (`{word}`) is a secret")
        }
        Use::DictKey(n) => {
            format!("makes the value of key `\"{n}\"`, which by its name (`{word}`) is a secret")
        }
        Use::Target(n) => format!("makes `{n}`, which by its name (`{word}`) is a secret"),
        Use::Callee(n) => {
            format!("makes what is passed to `{n}`, which by its name (`{word}`) takes a secret")
        }
        Use::Function(n) => {
            format!("is used in `{n}`, which by its name (`{word}`) makes a secret")
        }
        Use::ReturnedTo { function, at, name } => format!(
            "makes the value `{function}` returns to {at} as `{name}`, which by its name (`{word}`) is a secret"
        ),
    }
}

/// Why the generator that `callee` names is unfit for secrets, and what to use.
fn why(callee: &str) -> &'static str {
    if PREDICTABLE_IDS.contains(&callee) {
        "but a version-1 UUID is the host's MAC address and a timestamp, easy to guess; use `secrets.token_urlsafe()` or `uuid.uuid4()`"
    } else {
        "but `random` is predictable: its next outputs can be computed from earlier ones; use the `secrets` module"
    }
}

/// Severity and confidence by the generator and by how surely the name says secret.
fn calibrate(report: &mut crate::context::Report, callee: &str, hint: Hint) {
    if PREDICTABLE_IDS.contains(&callee) {
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

/// The name that says what the value of the call at `call` is: the first place it goes
/// to in the function (followed through variables, string building, other calls and
/// containers) whose name says it is a secret, a keyword argument, dictionary key,
/// variable, attribute or key; else, when no place has a name of its own (only generic
/// ones such as `code` or `value`), the enclosing function (unless it is a test
/// function). Nothing in a function whose name says its values are not secrets.
fn usage(ctx: &mut Context<'_, '_>, call: TextRange, callee: &str) -> Option<Use> {
    let function = ctx.function_name().rsplit('.').next().unwrap_or_default();
    if says_not_secret(function) {
        return None;
    }
    let function = function.to_string();
    let flow = value_uses::flow_of(ctx, call, Calls::Keep);
    let names: Vec<Use> = flow.uses.iter().filter_map(named).collect();
    let name_of = |usage: &Use| usage.name().to_string();
    if let Some(secret) = names.iter().find(|u| is_secret(u.name())) {
        return Some(secret.clone());
    }
    // A named value decides on its own: `delay = random.uniform(...)` in
    // `refresh_token` is jitter, not a secret. A generic name (`code = ...`) says
    // nothing, so the function's name decides.
    if let Some(specific) = names
        .iter()
        .find(|u| !matches!(u, Use::Callee(_)) && !GENERIC_TARGETS.contains(&name_of(u).as_str()))
    {
        return Some(specific.clone());
    }
    if function.is_empty() || words::has(&words::split(&function), "test") {
        return None;
    }
    // A helper that returns the value (`def _random_string(n): return "".join(…)`): the
    // names its callers give it, in this module and then in others.
    let returned = flow.uses.iter().any(|u| matches!(u, Place::Returned));
    if returned && words::secret_hint(&words::split(&function)).is_none() {
        for caller in value_uses::caller_flows(ctx, Calls::Keep) {
            if let Some(secret) = secret_use(&caller.flow.uses) {
                let line = ctx.line_of(caller.call.start());
                let at = if caller.caller.is_empty() {
                    format!("line {line}")
                } else {
                    format!("`{}` (line {line})", caller.caller)
                };
                return Some(Use::ReturnedTo {
                    function,
                    at,
                    name: name_of(&secret),
                });
            }
        }
        // No caller here says what it is: callers in other modules may.
        ctx.hand_out(call, callee, "");
    }
    Some(Use::Function(function))
}

/// Whether a function's name says the values it makes are no secrets (jitter, a mock, a
/// pick among existing values).
fn says_not_secret(function: &str) -> bool {
    let name = function.rsplit('.').next().unwrap_or_default();
    words::split(name)
        .iter()
        .any(|w| NON_SECRET_FUNCTION_WORDS.contains(&w.as_str()))
}

/// The name a place the value goes to gives it.
fn named(place: &Place<'_>) -> Option<Use> {
    match place {
        // `sorted(…, key=f)`: a sort key function, not a secret.
        Place::Keyword { name: "key" } => None,
        Place::Keyword { name } => Some(Use::Keyword((*name).to_string())),
        Place::DictKey { name } => Some(Use::DictKey((*name).to_string())),
        Place::Stored { name, .. } => Some(Use::Target((*name).to_string())),
        Place::Argument { call, .. } => {
            words::target_name(&call.func).map(|n| Use::Callee(n.to_string()))
        }
        _ => None,
    }
}

/// The first place among `uses` whose name says the value is a secret: what a caller of a
/// helper, in its module or another, makes of the value.
fn secret_use(uses: &[Place<'_>]) -> Option<Use> {
    uses.iter().filter_map(named).find(|u| is_secret(u.name()))
}

/// Whether `name` says its value is a secret; a plural (`keys`, `tokens`) names a
/// collection of values, not a secret.
fn is_secret(name: &str) -> bool {
    let words = words::split(name);
    words
        .last()
        .is_none_or(|w| !EXISTING_SECRETS.contains(&w.as_str()))
        && words::secret_hint(&words).is_some()
}
