//! The subset of the SARIF 2.1.0 object model that Moat writes, as serde types.
//!
//! Field names follow the SARIF specification (camelCase); optional members are left out
//! rather than written as `null`, which the schema does not allow.

use serde::Serialize;

/// The root object: `{"$schema", "version", "runs"}`. The rule and result types are
/// `moat check`'s by default; `moat audit` has its own (one rule per vulnerability).
#[derive(Debug, Serialize)]
pub(crate) struct SarifLog<'a, D = ReportingDescriptor, R = SarifResult> {
    #[serde(rename = "$schema")]
    pub(crate) schema: &'static str,
    pub(crate) version: &'static str,
    pub(crate) runs: [Run<'a, D, R>; 1],
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Run<'a, D = ReportingDescriptor, R = SarifResult> {
    pub(crate) tool: Tool<'a, D>,
    pub(crate) invocations: [Invocation; 1],
    pub(crate) column_kind: &'static str,
    pub(crate) results: Vec<R>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Tool<'a, D = ReportingDescriptor> {
    pub(crate) driver: Driver<'a, D>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Driver<'a, D = ReportingDescriptor> {
    pub(crate) name: &'static str,
    pub(crate) version: &'a str,
    pub(crate) rules: Vec<D>,
}

/// A rule (`reportingDescriptor`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReportingDescriptor {
    pub(crate) id: &'static str,
    pub(crate) name: String,
    pub(crate) short_description: Text,
    pub(crate) full_description: Text,
    pub(crate) help: MultiformatText,
    pub(crate) default_configuration: Configuration,
    pub(crate) properties: RuleProperties,
}

#[derive(Debug, Serialize)]
pub(crate) struct Text {
    pub(crate) text: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct MultiformatText {
    pub(crate) text: String,
    pub(crate) markdown: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Configuration {
    pub(crate) level: &'static str,
}

/// The rule properties GitHub code scanning reads.
#[derive(Debug, Serialize)]
pub(crate) struct RuleProperties {
    pub(crate) tags: Vec<String>,
    #[serde(rename = "security-severity")]
    pub(crate) security_severity: &'static str,
    pub(crate) precision: &'static str,
    #[serde(rename = "problem.severity")]
    pub(crate) problem_severity: &'static str,
}

/// A finding (`result`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SarifResult {
    pub(crate) rule_id: &'static str,
    pub(crate) rule_index: usize,
    pub(crate) level: &'static str,
    pub(crate) message: Text,
    pub(crate) locations: Vec<SarifLocation>,
    pub(crate) partial_fingerprints: PartialFingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) code_flows: Vec<CodeFlow>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) fixes: Vec<SarifFix>,
    pub(crate) properties: ResultProperties,
}

#[derive(Debug, Serialize)]
pub(crate) struct PartialFingerprints {
    #[serde(rename = "moatFingerprint/v1")]
    pub(crate) moat: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct ResultProperties {
    pub(crate) severity: &'static str,
    pub(crate) confidence: &'static str,
    pub(crate) cwe: Vec<u32>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SarifLocation {
    pub(crate) physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) message: Option<Text>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PhysicalLocation {
    pub(crate) artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) region: Option<Region>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ArtifactLocation {
    pub(crate) uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) uri_base_id: Option<&'static str>,
}

/// Lines and columns are 1-based; `endColumn` is exclusive.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Region {
    pub(crate) start_line: u32,
    pub(crate) start_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) end_column: Option<u32>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CodeFlow {
    pub(crate) thread_flows: [ThreadFlow; 1],
}

#[derive(Debug, Serialize)]
pub(crate) struct ThreadFlow {
    pub(crate) locations: Vec<ThreadFlowLocation>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ThreadFlowLocation {
    pub(crate) location: SarifLocation,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SarifFix {
    pub(crate) description: Text,
    pub(crate) artifact_changes: [ArtifactChange; 1],
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ArtifactChange {
    pub(crate) artifact_location: ArtifactLocation,
    pub(crate) replacements: Vec<Replacement>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Replacement {
    pub(crate) deleted_region: Region,
    pub(crate) inserted_content: Text,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Invocation {
    pub(crate) execution_successful: bool,
    pub(crate) tool_execution_notifications: Vec<Notification>,
}

/// A file that could not be analysed.
#[derive(Debug, Serialize)]
pub(crate) struct Notification {
    pub(crate) level: &'static str,
    pub(crate) message: Text,
    pub(crate) descriptor: DescriptorReference,
    pub(crate) locations: Vec<SarifLocation>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DescriptorReference {
    pub(crate) id: &'static str,
}
