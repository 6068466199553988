//! Taint findings as [`Finding`]s: located, suppressed by comments on the sink's
//! statement and fingerprinted like every other rule's findings, with their traces.

use crate::fingerprint::fingerprint;
use crate::registry::{RULES, rule_index};
use crate::suppress::is_suppressed;
use moat_diagnostics::{Finding, TraceStep};
use moat_python::{LineIndex, Suppressions};
use moat_taint::TaintResult;

/// What the taint phase needs to know about one analysed module, indexed like the modules
/// given to `moat_taint::analyse`.
pub struct TaintModule<'a> {
    /// Display path.
    pub path: &'a str,
    /// Decoded source text.
    pub source: &'a str,
    /// The module's suppression comments.
    pub suppressions: &'a Suppressions,
    /// Which rules run on this file, indexed like [`RULES`].
    pub enabled: &'a [bool],
}

/// Taint findings after suppression.
#[derive(Debug, Default)]
pub struct TaintFindings {
    pub findings: Vec<Finding>,
    /// How many suppression comments silenced.
    pub suppressed: usize,
}

/// Turns the engine's results into findings; findings of rules disabled for the sink's
/// file are dropped.
pub fn taint_findings(result: &TaintResult, modules: &[TaintModule<'_>]) -> TaintFindings {
    let mut out = TaintFindings::default();
    let mut indexes: Vec<Option<LineIndex>> = (0..modules.len()).map(|_| None).collect();
    for finding in &result.findings {
        for m in std::iter::once(finding.module).chain(finding.trace.iter().map(|s| s.module)) {
            if let Some(module) = modules.get(m as usize) {
                indexes[m as usize].get_or_insert_with(|| LineIndex::new(module.source));
            }
        }
    }
    let index_of = |m: usize| -> &LineIndex { indexes[m].as_ref().expect("built above") };
    for finding in &result.findings {
        let m = finding.module as usize;
        let Some(module) = modules.get(m) else {
            continue;
        };
        let Some(rule) = rule_index(finding.kind.name()) else {
            continue;
        };
        if !module.enabled.get(rule).copied().unwrap_or(false) {
            continue;
        }
        let meta = RULES[rule].meta;
        let index = index_of(m);
        if is_suppressed(
            meta,
            finding.range,
            finding.statement,
            module.suppressions,
            index,
        ) {
            out.suppressed += 1;
            continue;
        }
        let trace = finding
            .trace
            .iter()
            .filter_map(|step| {
                let step_module = modules.get(step.module as usize)?;
                let step_index = index_of(step.module as usize);
                Some(TraceStep {
                    file: step_module.path.to_string(),
                    location: step_index.location(step.range, step_module.source),
                    message: step.message.clone(),
                })
            })
            .collect();
        out.findings.push(Finding {
            rule: meta,
            message: finding.message.clone(),
            file: module.path.to_string(),
            location: index.location(finding.range, module.source),
            severity: meta.severity,
            confidence: meta.confidence,
            trace,
            fix: None,
            fingerprint: fingerprint(
                meta.id,
                module.path,
                &finding.function,
                &module.source[finding.range],
            ),
        });
    }
    out
}
