//! SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

pub(crate) mod log;
pub(crate) mod uri;

use crate::Report;
use log::{
    ArtifactChange, CodeFlow, Configuration, DescriptorReference, Driver, Invocation,
    MultiformatText, Notification, PartialFingerprints, PhysicalLocation, Region, Replacement,
    ReportingDescriptor, ResultProperties, RuleProperties, Run, SarifFix, SarifLocation, SarifLog,
    SarifResult, Text, ThreadFlow, ThreadFlowLocation, Tool,
};
use moat_diagnostics::{Finding, Fix, Location, Problem, RuleMeta, Severity, TraceStep};
use std::collections::HashMap;
use std::io::{self, Write};
use uri::artifact_location;

pub(crate) const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes `report` as a pretty-printed SARIF 2.1.0 log with one run, followed by a newline.
///
/// `tool.driver.rules` lists every rule in [`Report::rules`] (and any rule a finding names
/// that is missing there); findings become `results`, their traces `codeFlows`, their fixes
/// `fixes`; problems become error notifications of the run's invocation.
pub fn write_sarif(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &sarif_log(report))?;
    writeln!(out)
}

fn sarif_log<'a>(report: &Report<'a>) -> SarifLog<'a> {
    let rules = rules_of(report);
    let index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, rule)| (rule.id, i))
        .collect();
    let results = report
        .findings
        .iter()
        .map(|finding| result(finding, index[finding.rule.id]))
        .collect();
    SarifLog {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "moat",
                    version: report.tool_version,
                    rules: rules.into_iter().map(descriptor).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: report.problems.iter().map(notification).collect(),
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

/// The rules that ran, each once, followed by any rule a finding names that is not among
/// them, so every result's `ruleIndex` points into `tool.driver.rules`.
fn rules_of(report: &Report<'_>) -> Vec<&'static RuleMeta> {
    let mut rules: Vec<&'static RuleMeta> = Vec::new();
    let extra = report.findings.iter().map(|finding| finding.rule);
    for rule in report.rules.iter().copied().chain(extra) {
        if !rules.iter().any(|known| known.id == rule.id) {
            rules.push(rule);
        }
    }
    rules
}

fn descriptor(rule: &'static RuleMeta) -> ReportingDescriptor {
    let summary = non_empty(rule.summary(), rule.title);
    let docs = non_empty(rule.docs, rule.title);
    ReportingDescriptor {
        id: rule.id,
        name: pascal_case(rule.id),
        short_description: text(rule.title),
        full_description: text(summary),
        help: MultiformatText {
            text: docs.to_string(),
            markdown: docs.to_string(),
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags: tags(rule),
            security_severity: rule.severity.security_severity(),
            precision: rule.confidence.sarif_precision(),
            problem_severity: problem_severity(rule.severity),
        },
    }
}

/// `security`, the category, `external/cwe/cwe-<N>` per CWE and the OWASP label, each once.
fn tags(rule: &RuleMeta) -> Vec<String> {
    let mut tags = vec!["security".to_string(), rule.category.as_str().to_string()];
    tags.extend(rule.cwe.iter().map(|cwe| format!("external/cwe/cwe-{cwe}")));
    tags.push(rule.owasp.label());
    let mut unique: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        if !unique.contains(&tag) {
            unique.push(tag);
        }
    }
    unique
}

fn result(finding: &Finding, rule_index: usize) -> SarifResult {
    let code_flows = if finding.trace.is_empty() {
        Vec::new()
    } else {
        vec![code_flow(&finding.trace)]
    };
    SarifResult {
        rule_id: finding.rule.id,
        rule_index,
        level: level(finding.severity),
        message: text(&finding.message),
        locations: vec![location(&finding.file, Some(&finding.location), None)],
        partial_fingerprints: PartialFingerprints {
            moat: finding.fingerprint.clone(),
        },
        code_flows,
        fixes: finding
            .fix
            .as_ref()
            .and_then(|fix| sarif_fix(&finding.file, fix))
            .into_iter()
            .collect(),
        properties: ResultProperties {
            severity: finding.severity.as_str(),
            confidence: finding.confidence.as_str(),
            cwe: finding.rule.cwe.to_vec(),
        },
    }
}

fn code_flow(trace: &[TraceStep]) -> CodeFlow {
    let locations = trace
        .iter()
        .map(|step| ThreadFlowLocation {
            location: location(&step.file, Some(&step.location), Some(&step.message)),
        })
        .collect();
    CodeFlow {
        thread_flows: [ThreadFlow { locations }],
    }
}

/// A fix with no edits has nothing to apply and SARIF requires at least one replacement, so
/// it is left out.
fn sarif_fix(file: &str, fix: &Fix) -> Option<SarifFix> {
    if fix.edits.is_empty() {
        return None;
    }
    let replacements = fix
        .edits
        .iter()
        .map(|edit| Replacement {
            deleted_region: region(&edit.location),
            inserted_content: text(&edit.content),
        })
        .collect();
    Some(SarifFix {
        description: text(&fix.description),
        artifact_changes: [ArtifactChange {
            artifact_location: artifact_location(file),
            replacements,
        }],
    })
}

/// A file that could not be read or analysed, as an error notification.
pub(crate) fn notification(problem: &Problem) -> Notification {
    let region = problem.position.map(|position| Region {
        start_line: position.line.max(1),
        start_column: position.column.max(1),
        end_line: None,
        end_column: None,
    });
    Notification {
        level: "error",
        message: text(&problem.message),
        descriptor: DescriptorReference {
            id: problem.kind.as_str(),
        },
        locations: vec![SarifLocation {
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(&problem.file),
                region,
            },
            message: None,
        }],
    }
}

fn location(file: &str, span: Option<&Location>, message: Option<&str>) -> SarifLocation {
    SarifLocation {
        physical_location: PhysicalLocation {
            artifact_location: artifact_location(file),
            region: span.map(region),
        },
        message: message.map(text),
    }
}

/// SARIF lines and columns start at 1 and a region cannot end before it starts; an unknown
/// (0) position or a reversed span is clamped rather than written invalid.
fn region(location: &Location) -> Region {
    let start_line = location.start.line.max(1);
    let start_column = location.start.column.max(1);
    let end = (location.end.line.max(1), location.end.column.max(1));
    let (end_line, end_column) = end.max((start_line, start_column));
    Region {
        start_line,
        start_column,
        end_line: Some(end_line),
        end_column: Some(end_column),
    }
}

/// `critical`/`high` → `error`, `medium` → `warning`, `low` → `note`.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// GitHub's `problem.severity`: `error`, `warning` or `recommendation`.
fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "recommendation",
    }
}

pub(crate) fn text(text: &str) -> Text {
    Text {
        text: text.to_string(),
    }
}

fn non_empty<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text
    }
}

/// `subprocess-shell-true` → `SubprocessShellTrue`.
fn pascal_case(id: &str) -> String {
    id.split(['-', '_'])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use moat_diagnostics::Position;

    #[test]
    fn pascal_case_of_rule_ids() {
        assert_eq!(pascal_case("subprocess-shell-true"), "SubprocessShellTrue");
        assert_eq!(pascal_case("sql-injection"), "SqlInjection");
        assert_eq!(pascal_case("x"), "X");
    }

    #[test]
    fn levels_follow_severity() {
        assert_eq!(level(Severity::Critical), "error");
        assert_eq!(level(Severity::High), "error");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(level(Severity::Low), "note");
        assert_eq!(problem_severity(Severity::Low), "recommendation");
    }

    #[test]
    fn regions_are_clamped_to_valid_values() {
        let unknown = Location::default();
        let region = region(&unknown);
        assert_eq!(
            (
                region.start_line,
                region.start_column,
                region.end_line,
                region.end_column
            ),
            (1, 1, Some(1), Some(1))
        );
        let reversed = Location {
            start: Position { line: 5, column: 3 },
            end: Position { line: 4, column: 9 },
            ..Location::default()
        };
        let region = super::region(&reversed);
        assert_eq!((region.end_line, region.end_column), (Some(5), Some(3)));
    }
}
