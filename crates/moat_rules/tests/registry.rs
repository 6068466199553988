//! Invariants of the rule registry.

use moat_diagnostics::Selector;
use moat_rules::{RULES, all_meta};
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
fn aliases_resolve_to_their_rule_only() {
    let all = all_meta();
    for rule in RULES {
        for alias in rule.meta.bandit.iter().chain(rule.meta.ruff) {
            let selector = Selector::parse(alias, &all).unwrap();
            assert!(
                selector.matches(rule.meta),
                "{alias} does not select {}",
                rule.meta.id
            );
            let others: Vec<&str> = all
                .iter()
                .filter(|m| m.id != rule.meta.id && selector.matches(m))
                .map(|m| m.id)
                .collect();
            assert!(others.is_empty(), "{alias} also selects {others:?}");
        }
    }
}
