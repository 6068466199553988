//! The SARIF output of `moat audit`: one rule (`reportingDescriptor`) per vulnerability and
//! one result per vulnerable dependency, located at the dependency's line in its
//! requirements or lock file, as GitHub code scanning reads it.

use super::cvss::base_score_v3;
use super::{AuditFinding, AuditReport, FindingKind, Reachable};
use crate::sarif::log::{
    Configuration, Driver, Invocation, MultiformatText, PartialFingerprints, PhysicalLocation,
    Region, Run, SarifLocation, SarifLog, Text, Tool,
};
use crate::sarif::uri::artifact_location;
use crate::sarif::{SCHEMA, notification, text};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// A vulnerability as a SARIF rule.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct VulnerabilityRule {
    id: String,
    short_description: Text,
    full_description: Text,
    help: MultiformatText,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
    properties: VulnerabilityRuleProperties,
}

#[derive(Debug, Serialize)]
struct VulnerabilityRuleProperties {
    tags: Vec<String>,
    #[serde(rename = "security-severity", skip_serializing_if = "Option::is_none")]
    security_severity: Option<String>,
    aliases: Vec<String>,
}

/// A vulnerable dependency as a SARIF result.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct VulnerabilityResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [SarifLocation; 1],
    partial_fingerprints: PartialFingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: VulnerabilityResultProperties,
}

/// A result accepted in the configuration: reported as suppressed, with the reason.
#[derive(Debug, Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

#[derive(Debug, Serialize)]
struct VulnerabilityResultProperties {
    package: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    requirement: String,
    kind: FindingKind,
    fixed_versions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    smallest_fix: Option<String>,
    reachable: Reachable,
    #[serde(rename = "importSite", skip_serializing_if = "Option::is_none")]
    import_site: Option<String>,
}

/// Writes the report as a pretty-printed SARIF 2.1.0 log with one run, followed by a
/// newline; `tool_version` is Moat's version. Files that could not be read become error
/// notifications of the run's invocation.
pub fn write_sarif(
    report: &AuditReport,
    tool_version: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut rules: Vec<VulnerabilityRule> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut results = Vec::with_capacity(report.findings.len() + report.ignored.len());
    let reported = report.findings.iter().map(|finding| (finding, None));
    let accepted = report
        .ignored
        .iter()
        .map(|ignored| (&ignored.finding, Some(ignored)));
    for (finding, ignored) in reported.chain(accepted) {
        let rule_index = *index.entry(&finding.id).or_insert_with(|| {
            rules.push(rule(finding));
            rules.len() - 1
        });
        let mut result = result(finding, rule_index);
        if let Some(ignored) = ignored {
            result.suppressions.push(Suppression {
                kind: "external",
                status: "accepted",
                justification: format!("{} ({})", ignored.reason, ignored.config),
            });
        }
        results.push(result);
    }
    let log: SarifLog<'_, VulnerabilityRule, VulnerabilityResult> = SarifLog {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "moat",
                    version: tool_version,
                    rules,
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: report.problems.iter().map(notification).collect(),
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The rule for the vulnerability of `finding` (the first finding of each vulnerability
/// describes it; the package-specific parts of the help come from it too).
fn rule(finding: &AuditFinding) -> VulnerabilityRule {
    let summary = finding
        .summary
        .clone()
        .filter(|summary| !summary.trim().is_empty())
        .unwrap_or_else(|| format!("Known vulnerability {}", finding.id));
    let full = finding
        .details
        .clone()
        .filter(|details| !details.trim().is_empty())
        .unwrap_or_else(|| summary.clone());
    let markdown = help_markdown(finding, &summary);
    let mut tags = vec!["security".to_string()];
    tags.extend(
        finding
            .cwe
            .iter()
            .map(|cwe| format!("external/cwe/cwe-{cwe}")),
    );
    VulnerabilityRule {
        id: finding.id.clone(),
        short_description: text(&summary),
        full_description: text(&full),
        help: MultiformatText {
            text: markdown.clone(),
            markdown,
        },
        help_uri: Some(advisory_url(finding)),
        default_configuration: Configuration { level: "error" },
        properties: VulnerabilityRuleProperties {
            tags,
            security_severity: security_severity(finding),
            aliases: finding.aliases.clone(),
        },
    }
}

/// The highest CVSS v3.x base score among the advisories' vectors, as GitHub's
/// `security-severity` wants it (`"9.8"`); `None` when there is no v3 vector. CVSS v4
/// vectors are not scored (their score comes from a lookup table, not a formula).
fn security_severity(finding: &AuditFinding) -> Option<String> {
    finding
        .severity
        .iter()
        .filter(|score| score.kind == "CVSS_V3")
        .filter_map(|score| base_score_v3(&score.score))
        .reduce(f64::max)
        .map(|score| format!("{score:.1}"))
}

/// The vulnerability's page on osv.dev, which knows every id OSV exports (GHSA, PYSEC,
/// CVE…) and links the advisories.
fn advisory_url(finding: &AuditFinding) -> String {
    format!("https://osv.dev/vulnerability/{}", finding.id)
}

fn help_markdown(finding: &AuditFinding, summary: &str) -> String {
    let mut help = format!("**{}**: {}\n\n", finding.id, summary.trim());
    if let Some(details) = finding
        .details
        .as_deref()
        .filter(|details| !details.trim().is_empty() && details.trim() != summary.trim())
    {
        help.push_str(details.trim());
        help.push_str("\n\n");
    }
    let _ = writeln!(help, "- Affected package: `{}`", finding.normalized_name);
    let fixed = if finding.fixed_versions.is_empty() {
        "none known".to_string()
    } else {
        finding
            .fixed_versions
            .iter()
            .map(|version| format!("`{version}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(help, "- Fixed in: {fixed}");
    if let (Some(version), Some(fix)) = (&finding.version, &finding.smallest_fix) {
        let _ = writeln!(
            help,
            "- Smallest upgrade from `{version}` fixing every known vulnerability: `{fix}`"
        );
    }
    if !finding.aliases.is_empty() {
        let _ = writeln!(help, "- Aliases: {}", finding.aliases.join(", "));
    }
    for score in &finding.severity {
        let _ = writeln!(help, "- Severity ({}): `{}`", score.kind, score.score);
    }
    if !finding.references.is_empty() {
        help.push_str("\nReferences:\n\n");
        for link in &finding.references {
            let _ = writeln!(help, "- [{}]({})", link.kind.to_lowercase(), link.url);
        }
    }
    help
}

fn result(finding: &AuditFinding, rule_index: usize) -> VulnerabilityResult {
    let fixed = if finding.fixed_versions.is_empty() {
        "no fixed version is known".to_string()
    } else {
        format!("fixed in {}", finding.fixed_versions.join(", "))
    };
    let headline = finding.summary.as_deref().unwrap_or_default().trim();
    let headline = if headline.is_empty() {
        String::new()
    } else {
        format!(" ({headline})")
    };
    let (level, message) = match (&finding.kind, &finding.version) {
        (FindingKind::Pinned, Some(version)) => {
            let upgrade = finding
                .smallest_fix
                .as_ref()
                .map(|fix| {
                    format!("; upgrade to {fix} to fix every known vulnerability of {version}")
                })
                .unwrap_or_default();
            (
                "error",
                format!(
                    "{} {version} is affected by {}{headline}: {fixed}{upgrade}.",
                    finding.package, finding.id
                ),
            )
        }
        _ => (
            "warning",
            format!(
                "The range `{}` of {} admits versions affected by {}{headline} ({}): {fixed}.",
                finding.requirement,
                finding.package,
                finding.id,
                admitted(&finding.admitted_versions)
            ),
        ),
    };
    let mut message = message;
    if let Some(acceptance) = &finding.expired_acceptance {
        message.push_str(&format!(
            " Its acceptance in the configuration ({}: {}) expired on {}.",
            acceptance.config, acceptance.reason, acceptance.expires
        ));
    }
    VulnerabilityResult {
        rule_id: finding.id.clone(),
        rule_index,
        level,
        message: text(&message),
        suppressions: Vec::new(),
        locations: [SarifLocation {
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(&finding.file),
                region: finding.line.map(|line| Region {
                    start_line: line.max(1),
                    start_column: 1,
                    end_line: None,
                    end_column: None,
                }),
            },
            message: None,
        }],
        partial_fingerprints: PartialFingerprints {
            moat: fingerprint(&[&finding.file, &finding.normalized_name, &finding.id]),
        },
        properties: VulnerabilityResultProperties {
            package: finding.package.clone(),
            version: finding.version.clone(),
            requirement: finding.requirement.clone(),
            kind: finding.kind,
            fixed_versions: finding.fixed_versions.clone(),
            smallest_fix: finding.smallest_fix.clone(),
            reachable: finding.reachable,
            import_site: finding
                .import_site
                .as_ref()
                .map(|site| format!("{}:{}", site.file, site.line)),
        },
    }
}

/// `2.10` or `2.0 … 2.10.3, 14 versions`.
fn admitted(versions: &[String]) -> String {
    match versions {
        [] => "no listed version".to_string(),
        [only] => only.clone(),
        [first, .., last] => format!("{first} … {last}, {} versions", versions.len()),
    }
}

/// A 64-bit FNV-1a hash of the parts (NUL-separated) in hex: the same on every run and
/// platform, and independent of line numbers, so moving a requirement keeps its alert.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
