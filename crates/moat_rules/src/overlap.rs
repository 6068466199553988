//! Findings that make others redundant. Some rules look at the same code from a more
//! specific angle than others: a taint rule sees that a request value reaches the
//! `pickle.loads` that `pickle-load` flags for any non-constant argument; a Django rule
//! knows that the hard-coded string `hardcoded-password` flags is the project's
//! `SECRET_KEY`; `assert-access-check` knows that the assertion `assert-used` flags is an
//! access decision. One weakness gets one finding, the one that says the most.

use moat_diagnostics::Finding;
use std::collections::HashSet;

/// The rules each rule makes redundant on the line it reports.
const SUBSUMES: &[(&str, &[&str])] = &[
    // Taint rules: the pattern rule flags the same call for a non-constant argument; the
    // taint finding says where the input comes from and shows the trace.
    (
        "command-injection",
        &[
            "subprocess-shell-true",
            "shell-true-call",
            "process-without-shell",
            "paramiko-exec-command",
        ],
    ),
    (
        "code-injection",
        &["eval-exec-call", "eval-of-external-data"],
    ),
    ("sql-injection", &["sql-string-built", "django-raw-sql"]),
    (
        "unsafe-deserialization",
        &["pickle-load", "yaml-unsafe-load", "keras-unsafe-load"],
    ),
    ("xss", &["markup-unsafe", "django-mark-safe"]),
    (
        "unsafe-reflection",
        &["dynamic-import", "getattr-from-request"],
    ),
    ("ssrf", &["url-open-unchecked-scheme"]),
    ("xxe", &["xml-unsafe-parser", "xml-external-entities"]),
    // Framework secrets: the generic rule sees a string under a secret-like name; the
    // framework rule knows what the key signs.
    ("django-hardcoded-secret-key", &["hardcoded-password"]),
    ("flask-hardcoded-secret-key", &["hardcoded-password"]),
    // The access decisions among all assertions.
    ("assert-access-check", &["assert-used"]),
    // The silent broad handlers whose swallowing has an effect (a check that fails
    // open, a loop Ctrl-C cannot stop).
    ("bare-except-swallowed", &["try-except-pass"]),
    // The calls whose code is read from outside, among all `eval`/`exec`/`compile` calls.
    ("eval-of-external-data", &["eval-exec-call"]),
    // The weak hashes whose use shows they must resist attack, among all weak hashes.
    ("weak-hash", &["weak-hash-any"]),
];

/// Pattern rules that leave a pass-through wrapper to a taint rule: a function that runs
/// one of its own parameters, unchanged, as a command (`def popen(cmd): Popen(cmd,
/// shell=True)`) only does harm when a caller passes untrusted input, and the taint rule
/// follows every call of the wrapper through its summary and reports the flow at the same
/// sink. When the taint rule runs on the file, the pattern rule does not report the
/// wrapper; when it does not (`--select subprocess-shell-true`), it still does.
/// `sql-string-built` leaves SQL formatted only from the function's own parameters
/// (`"SELECT %s()" % func`) to `sql-injection` the same way.
const PASS_THROUGH: &[(&str, &str)] = &[
    ("subprocess-shell-true", "command-injection"),
    ("sql-string-built", "sql-injection"),
];

/// The taint rule that checks the callers of a pass-through wrapper `rule` would report,
/// if any (see [`PASS_THROUGH`]).
pub fn pass_through_checked_by(rule: &str) -> Option<&'static str> {
    PASS_THROUGH
        .iter()
        .find(|(pattern, _)| *pattern == rule)
        .map(|(_, taint)| *taint)
}

/// The rules `rule` makes redundant on the lines it reports (empty for most rules).
pub fn makes_redundant(rule: &str) -> &'static [&'static str] {
    SUBSUMES
        .iter()
        .find(|(specific, _)| *specific == rule)
        .map_or(&[], |(_, generic)| generic)
}

/// Drops the findings another finding makes redundant: one of the [`SUBSUMES`] rules of
/// a reported finding's rule, in the same file on the same line.
pub fn drop_subsumed(findings: &mut Vec<Finding>) {
    let specific: HashSet<(&str, u32, &str)> = findings
        .iter()
        .filter(|f| SUBSUMES.iter().any(|(rule, _)| *rule == f.rule.id))
        .map(|f| (f.file.as_str(), f.location.start.line, f.rule.id))
        .collect();
    if specific.is_empty() {
        return;
    }
    let subsumed: Vec<bool> = findings
        .iter()
        .map(|f| {
            SUBSUMES.iter().any(|(rule, generic)| {
                generic.contains(&f.rule.id)
                    && specific.contains(&(f.file.as_str(), f.location.start.line, *rule))
            })
        })
        .collect();
    let mut flags = subsumed.into_iter();
    findings.retain(|_| !flags.next().unwrap_or(false));
}

#[cfg(test)]
mod tests {
    use super::{PASS_THROUGH, SUBSUMES};
    use crate::registry::rule_index;
    use crate::rules::taint::TAINT_KINDS;

    #[test]
    fn pass_through_wrappers_are_left_to_taint_rules_that_subsume_the_pattern_rule() {
        for (pattern, taint) in PASS_THROUGH {
            assert!(rule_index(pattern).is_some(), "{pattern}");
            assert!(rule_index(taint).is_some(), "{taint}");
            assert!(!TAINT_KINDS.contains(pattern), "{pattern}");
            assert!(TAINT_KINDS.contains(taint), "{taint}");
            // The taint rule reports the flow on the sink's line, where it makes the
            // pattern finding redundant anyway.
            assert!(super::makes_redundant(taint).contains(pattern), "{taint}");
        }
    }

    #[test]
    fn every_rule_in_the_table_exists_and_redundancy_is_transitive() {
        for (rule, generic) in SUBSUMES {
            assert!(rule_index(rule).is_some(), "{rule}");
            for other in *generic {
                assert!(rule_index(other).is_some(), "{other}");
                assert_ne!(rule, other);
                // Findings are dropped in one pass, so what a rule makes redundant, the
                // rules that make that rule redundant make redundant too.
                for (_, further) in SUBSUMES.iter().filter(|(r, _)| r == other) {
                    for last in *further {
                        assert!(generic.contains(last), "{rule} over {other} over {last}");
                        assert_ne!(last, rule, "{rule} and {other} make each other redundant");
                    }
                }
            }
        }
    }
}
