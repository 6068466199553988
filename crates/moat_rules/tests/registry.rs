//! Invariants of the rule registry.

use moat_diagnostics::Confidence;
use moat_diagnostics::Selector;
use moat_rules::{
    RULES, TAINT_KINDS, all_meta, is_taint_rule, makes_redundant, rule_index, taint_rule,
};
use std::collections::HashSet;

#[test]
fn ids_are_unique_kebab_case_slugs() {
    let mut seen = HashSet::new();
    for rule in RULES {
        let id = rule.meta.id;
        assert!(seen.insert(id), "duplicate rule id `{id}`");
        assert!(
            id.split('-').all(|part| !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
            "`{id}` is not a kebab-case slug"
        );
    }
}

#[test]
fn docs_have_every_heading() {
    for rule in RULES {
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
            "## References",
        ] {
            assert!(
                rule.meta.docs.contains(heading),
                "`{}` docs lack `{heading}`",
                rule.meta.id
            );
        }
        for cwe in rule.meta.cwe {
            assert!(
                rule.meta.docs.contains(&format!("CWE-{cwe}")),
                "`{}` docs do not cite CWE-{cwe}",
                rule.meta.id
            );
        }
        assert!(!rule.meta.cwe.is_empty(), "`{}` names no CWE", rule.meta.id);
        assert!(!rule.meta.summary().is_empty());
    }
}

#[test]
fn aliases_resolve_to_their_rule_only_or_the_one_that_makes_it_redundant() {
    let all = all_meta();
    for rule in RULES {
        for alias in rule.meta.bandit.iter().chain(rule.meta.ruff) {
            let selector = Selector::parse(alias, &all).unwrap();
            assert!(
                selector.matches(rule.meta),
                "{alias} does not select {}",
                rule.meta.id
            );
            // An alias is shared only by a rule and the rule it makes redundant on the
            // lines it reports (B101: `assert-used` and `assert-access-check`).
            let others: Vec<&str> = all
                .iter()
                .filter(|m| m.id != rule.meta.id && selector.matches(m))
                .filter(|m| {
                    !makes_redundant(m.id).contains(&rule.meta.id)
                        && !makes_redundant(rule.meta.id).contains(&m.id)
                })
                .map(|m| m.id)
                .collect();
            assert!(others.is_empty(), "{alias} also selects {others:?}");
        }
    }
}

#[test]
fn taint_rules_are_exactly_the_rules_without_checks() {
    for rule in RULES {
        assert_eq!(
            rule.checks.is_empty(),
            is_taint_rule(rule.meta),
            "`{}`: a rule without checks must be a taint rule and the other way round",
            rule.meta.id
        );
    }
    let mut seen = HashSet::new();
    for kind in TAINT_KINDS {
        assert!(seen.insert(kind), "`{kind}` is listed twice");
        let meta = taint_rule(kind).unwrap_or_else(|| panic!("`{kind}` is not registered"));
        assert_eq!(meta.id, *kind);
        assert!(rule_index(kind).is_some());
    }
    assert_eq!(taint_rule("weak-hash").map(|meta| meta.id), None);
    assert_eq!(taint_rule("no-such-kind").map(|meta| meta.id), None);
}

#[test]
fn taint_rules_are_on_and_sure_and_document_their_trace() {
    for kind in TAINT_KINDS {
        let meta = taint_rule(kind).unwrap();
        // `trust-boundary` alone is off: storing a user's own input in their session is
        // usually intended.
        assert_eq!(meta.default_enabled, *kind != "trust-boundary", "`{kind}`");
        assert_eq!(meta.confidence, Confidence::High, "`{kind}`");
        assert!(
            meta.bandit.is_empty() && meta.ruff.is_empty(),
            "`{kind}` takes a Bandit or Ruff alias from a pattern rule"
        );
        assert!(
            meta.docs.contains("trace"),
            "`{kind}` docs do not mention the trace"
        );
        assert!(
            meta.docs.contains("request."),
            "`{kind}` docs show no request source"
        );
    }
}
