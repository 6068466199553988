//! `moat rules`: the rule catalogue.

use crate::args::{RulesArgs, RulesFormat};
use moat_rules::RULES;
use std::io::Write;

/// Prints every rule as a table or as JSON.
pub fn run(args: &RulesArgs, out: &mut dyn Write) -> std::io::Result<()> {
    match args.format {
        RulesFormat::Json => {
            let rules: Vec<serde_json::Value> = RULES
                .iter()
                .map(|rule| {
                    let meta = rule.meta;
                    serde_json::json!({
                        "id": meta.id,
                        "title": meta.title,
                        "category": meta.category.as_str(),
                        "severity": meta.severity.as_str(),
                        "confidence": meta.confidence.as_str(),
                        "cwe": meta.cwe,
                        "owasp": meta.owasp.label(),
                        "default_enabled": meta.default_enabled,
                        "checks_test_code": meta.checks_test_code,
                        "bandit": meta.bandit,
                        "ruff": meta.ruff,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rules)?;
            writeln!(out)
        }
        RulesFormat::Text => {
            let rows: Vec<[String; 6]> = RULES
                .iter()
                .map(|rule| {
                    let meta = rule.meta;
                    let cwe: Vec<String> = meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
                    let aliases: Vec<&str> = meta.bandit.iter().chain(meta.ruff).copied().collect();
                    [
                        format!(
                            "{}{}",
                            meta.id,
                            if meta.default_enabled { "" } else { " (off)" }
                        ),
                        meta.category.as_str().to_string(),
                        format!("{}/{}", meta.severity, meta.confidence),
                        cwe.join(" "),
                        meta.owasp.id().to_string(),
                        aliases.join(" "),
                    ]
                })
                .collect();
            let header = [
                "RULE",
                "CATEGORY",
                "SEVERITY/CONF",
                "CWE",
                "OWASP",
                "ALIASES",
            ];
            let mut widths = header.map(str::len);
            for row in &rows {
                for (width, cell) in widths.iter_mut().zip(row) {
                    *width = (*width).max(cell.len());
                }
            }
            let line = |cells: &[&str]| {
                let mut text = String::new();
                for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
                    if i + 1 == cells.len() {
                        text.push_str(cell);
                    } else {
                        text.push_str(&format!("{cell:<width$}  "));
                    }
                }
                text.trim_end().to_string()
            };
            writeln!(out, "{}", line(&header))?;
            for row in &rows {
                let cells: Vec<&str> = row.iter().map(String::as_str).collect();
                writeln!(out, "{}", line(&cells))?;
            }
            writeln!(
                out,
                "\n{} rules. `moat explain RULE` shows a rule's documentation.",
                RULES.len()
            )
        }
    }
}
