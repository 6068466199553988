//! `regex-redos`: constant regular expressions whose backtracking blows up on some inputs.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::regex::calls::{self, PatternUse};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;
use moat_regex::escape::python_expression;
use moat_regex::{Analysis, Options, Verdict, analyze};

const DOCS: &str = r#"## What it does
Flags constant regular expressions that Python's backtracking engine can take exponential
or polynomial time to match, and shows an input that does it. The pattern is analysed where
it is used: `re` and `regex` functions (`compile`, `match`, `search`, `fullmatch`, `sub`,
`subn`, `split`, `findall`, `finditer`), Django's `RegexValidator` and `re_path`/`url`,
pydantic's `Field(pattern=…)`/`Field(regex=…)`/`constr(…)` and marshmallow's
`validate.Regexp`. Patterns are followed through variables and module constants; flags
passed as `flags=` (or positionally) are applied when they are constants such as
`re.I | re.X`.

Moat builds the pattern's position automaton and looks for ambiguity: a loop that can read
the same text in two ways (exponential: `(a+)+$`, `(\w+\s?)*$`, `(a|ab|b)*c`) or quantified
parts in a row that can split the same text (polynomial: `\s*#?\s*$`, `.*a.*a.*=`).
Atomic groups `(?>…)`, possessive repeats `*+` and a pattern that can succeed right after
the loop remove the blow-up and are not flagged. Every finding is confirmed by running the
pattern on the attack string in a step-counting simulation of `re`: a finding means the
blow-up was observed, not guessed.

Severity: **high** for exponential patterns (a few dozen characters can take hours),
**medium** for degree 3 or more, **low** for quadratic ones: `\s*…\s*$`-style patterns
are common and need inputs of tens of thousands of characters to hurt, which still matters
for a web request body but not for a short field. pydantic v2's `pattern=` is matched by
the linear-time Rust `regex` crate by default, so those findings are low severity and low
confidence (they matter with `regex_engine='python-re'`). Patterns are analysed as
`re.match` applies them; the extra factor `re.search` adds by retrying at every position
is not counted (`moat regex --mode search` shows it).

Test code (files in a `test`, `tests` or `testing` folder, `test_*.py`, `*_test.py`,
`tests.py`, `conftest.py`) is not checked: it is not deployed, and a slow pattern run on
test input there is how tests are written, not a weakness.

## Why is this bad?
A backtracking matcher tries every way the pattern can read the text before it gives up.
When a loop can read the same characters in two ways, each extra character doubles the
work, and a request of 40 characters can keep a worker busy for days (regular expression
denial of service, ReDoS). Polynomial patterns are slower to hurt but need only longer
input: a quadratic pattern on a 100 kB request body does billions of steps.

## Example
```python
import re

WORDS = re.compile(r"^(\w+\s?)*$")

def is_sentence(text):
    return WORDS.match(text) is not None   # "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" hangs
```

## Use instead
Make each part of the text readable in one way only, or let the loop keep what it took
(atomic groups and possessive repeats, Python 3.11+):
```python
import re

WORDS = re.compile(r"^[\w\s]*$")          # or r"^(\w+\s?)*+$"

def is_sentence(text):
    return WORDS.match(text) is not None
```
Bound the input length before matching where the pattern cannot change.

## References
- CWE-1333: Inefficient Regular Expression Complexity
- CWE-400: Uncontrolled Resource Consumption
- OWASP Top 10 2025: A06 Insecure Design — the flaw is in how the pattern was designed:
  nothing is injected, no setting is wrong, and only redesigning the pattern (or bounding
  its input) fixes it
- Weideman, van der Merwe, Berglund, Watson: "Analyzing Matching Time Behavior of
  Backtracking Regular Expression Matchers by Using Ambiguity of NFA" (2016)
- OWASP: Regular expression Denial of Service - ReDoS
"#;

/// Metadata of `regex-redos`.
pub static META: RuleMeta = RuleMeta {
    id: "regex-redos",
    title: "Regular expression with catastrophic backtracking (ReDoS)",
    category: Category::Regex,
    cwe: &[1333, 400],
    owasp: Owasp::A06InsecureDesign,
    severity: Severity::High,
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
    let options = Options {
        flags: found.flags.unwrap_or_default(),
        mode: found.mode,
        ..Options::default()
    };
    let analysis = analyze(&found.text, &options);
    if !analysis.verdict.is_vulnerable() {
        return;
    }
    report(ctx, &found, &analysis);
}

fn report(ctx: &mut Context<'_, '_>, found: &PatternUse<'_>, analysis: &Analysis) {
    let bytes = found.text.is_bytes();
    let Some(attack) = &analysis.attack else {
        return;
    };
    let (kind, pumps, mut severity) = match (analysis.verdict, analysis.degree) {
        (Verdict::Exponential, _) => ("backtracks exponentially".to_string(), 30, Severity::High),
        (_, Some(d)) if d >= 3 => (format!("takes time n^{d} to fail"), 5_000, Severity::Medium),
        _ => (
            "takes quadratic time to fail".to_string(),
            5_000,
            Severity::Low,
        ),
    };
    let input = abbreviate(&python_expression(
        &attack.prefix,
        &attack.pump,
        &attack.suffix,
        pumps,
        bytes,
    ));
    let part = analysis
        .span
        .as_ref()
        .map(|s| {
            let units = found.text.units();
            let text: String = units[s.start.min(units.len())..s.end.min(units.len())]
                .iter()
                .filter_map(|&u| char::from_u32(u))
                .collect();
            format!(" in `{}`", abbreviate(&text))
        })
        .unwrap_or_default();
    let fix = analysis
        .rewrite
        .as_ref()
        .map(|r| format!("; consider `{}`", abbreviate(&r.pattern)))
        .unwrap_or_default();
    let mut message = format!(
        "{} {kind}{part} on input like {input}{fix}",
        ctx.snippet(found.expr)
    );
    let mut confidence = Confidence::High;
    if found.flags.is_none() {
        message.push_str(" (analysed without the flags, which are not constant)");
        confidence = Confidence::Medium;
    }
    if found.linear_engine_by_default {
        message.push_str(" (pydantic v2 matches `pattern=` with the linear-time Rust engine unless `regex_engine='python-re'`)");
        severity = Severity::Low;
        confidence = Confidence::Low;
    }
    ctx.report(found.expr.range(), message)
        .severity(severity)
        .confidence(confidence);
}

/// `text` on one line, cut to about 60 characters, for a message.
fn abbreviate(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 60 {
        text
    } else {
        let head: String = text.chars().take(57).collect();
        format!("{head}...")
    }
}
