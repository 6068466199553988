//! The labelled pattern set: Moat's verdicts must keep their measured precision and recall.

#[path = "data/labelled.rs"]
mod labelled;

use moat_regex::{Verdict, analyze};

const PATTERNS: &str = include_str!("data/patterns.tsv");

/// Precision and recall measured on the set; a change that lowers either fails.
const MIN_PRECISION: f64 = 1.0;
const MIN_RECALL: f64 = 1.0;

#[test]
fn labelled_set_keeps_precision_and_recall() {
    let rows = labelled::load(PATTERNS);
    assert!(rows.len() >= 150, "the set has {} patterns", rows.len());
    let (mut tp, mut fp, mut fneg, mut class_errors) = (0, 0, 0, 0);
    let mut report = Vec::new();
    for row in &rows {
        let (pattern, options) = row.input();
        let analysis = analyze(&pattern, &options);
        let found = analysis.verdict.is_vulnerable();
        match (row.vulnerable(), found) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fneg += 1,
            (false, false) => {}
        }
        if found && row.vulnerable() && analysis.verdict.as_str() != row.expected {
            class_errors += 1;
        }
        if found != row.vulnerable() || (found && analysis.verdict.as_str() != row.expected) {
            report.push(format!(
                "line {}: {} ({}, {}; {}) expected {}, got {} — {}",
                row.line,
                row.pattern,
                row.source,
                row.flags,
                options.mode.as_str(),
                row.expected,
                analysis.verdict.as_str(),
                analysis.reason
            ));
        }
        assert_ne!(analysis.verdict, Verdict::SyntaxError, "line {}", row.line);
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fneg).max(1) as f64;
    let summary = format!(
        "{} patterns: precision {precision:.3}, recall {recall:.3}, wrong class {class_errors}\n{}",
        rows.len(),
        report.join("\n")
    );
    assert!(
        precision >= MIN_PRECISION && recall >= MIN_RECALL && class_errors == 0,
        "{summary}"
    );
}
