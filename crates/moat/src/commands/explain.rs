//! `moat explain RULE`: a rule's documentation.

use crate::args::ExplainArgs;
use moat_diagnostics::{Selector, rules_named};
use moat_rules::all_meta;
use std::io::Write;

/// Why `explain` printed nothing.
#[derive(Debug)]
pub struct UnknownRule(pub String);

/// Prints the documentation of the rule `args.rule` names (id or alias).
pub fn run(args: &ExplainArgs, out: &mut dyn Write) -> anyhow::Result<Result<(), UnknownRule>> {
    let all = all_meta();
    let matches: Vec<_> = rules_named(&args.rule, &all).collect();
    if matches.is_empty() {
        let message = match Selector::parse(&args.rule, &all) {
            Ok(_) => format!(
                "`{}` is a category, not a rule; `moat rules` lists the rules in it",
                args.rule
            ),
            Err(unknown) => unknown.to_string(),
        };
        return Ok(Err(UnknownRule(message)));
    }
    for (i, meta) in matches.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n---\n")?;
        }
        let cwe: Vec<String> = meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        let aliases: Vec<&str> = meta.bandit.iter().chain(meta.ruff).copied().collect();
        writeln!(out, "# {} ({})", meta.id, meta.title)?;
        writeln!(out)?;
        writeln!(out, "Category: {}", meta.category)?;
        writeln!(
            out,
            "Severity: {}    Confidence: {}",
            meta.severity, meta.confidence
        )?;
        writeln!(
            out,
            "CWE: {}    OWASP: {}",
            cwe.join(", "),
            meta.owasp.label()
        )?;
        if !aliases.is_empty() {
            writeln!(out, "Aliases: {}", aliases.join(", "))?;
        }
        writeln!(
            out,
            "Enabled by default: {}",
            if meta.default_enabled { "yes" } else { "no" }
        )?;
        writeln!(
            out,
            "Checks test code: {}",
            if meta.checks_test_code {
                "yes"
            } else {
                "only with --check-tests"
            }
        )?;
        writeln!(out)?;
        writeln!(out, "{}", meta.docs.trim_end())?;
    }
    Ok(Ok(()))
}
