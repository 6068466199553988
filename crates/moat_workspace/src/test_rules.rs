//! Fake rules for the tests.

use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const fn rule(
    id: &'static str,
    category: Category,
    default_enabled: bool,
    bandit: &'static [&'static str],
    ruff: &'static [&'static str],
) -> RuleMeta {
    RuleMeta {
        id,
        title: "test rule",
        category,
        cwe: &[],
        owasp: Owasp::A05Injection,
        severity: Severity::Medium,
        confidence: Confidence::High,
        default_enabled,
        checks_test_code: false,
        bandit,
        ruff,
        docs: "",
    }
}

pub(crate) static SHELL: RuleMeta = rule(
    "subprocess-shell-true",
    Category::Injection,
    true,
    &["B602"],
    &["S602"],
);
pub(crate) static EVAL: RuleMeta = rule("eval-used", Category::Code, true, &["B307"], &["S307"]);
pub(crate) static ASSERT: RuleMeta =
    rule("assert-used", Category::Code, true, &["B101"], &["S101"]);
/// The one rule that also checks test code.
pub(crate) static HASH: RuleMeta = RuleMeta {
    checks_test_code: true,
    ..rule("weak-hash", Category::Crypto, true, &["B324"], &["S324"])
};
pub(crate) static OPTIONAL: RuleMeta = rule(
    "hardcoded-tmp-dir",
    Category::Files,
    false,
    &["B108"],
    &["S108"],
);

/// Indices: 0 shell, 1 eval, 2 assert, 3 hash, 4 optional (not default-enabled).
pub(crate) static RULES: [&RuleMeta; 5] = [&SHELL, &EVAL, &ASSERT, &HASH, &OPTIONAL];
