//! The OSV JSON format, as far as Moat reads it.
//!
//! These types mirror the [OSV schema](https://ossf.github.io/osv-schema/) field for field.
//! Fields Moat does not use are not declared, and serde ignores undeclared fields, so a
//! record with fields added by a later schema version still parses. A field present with
//! `null` reads as absent. `affected[].database_specific` and `ecosystem_specific` are
//! deliberately not read: their shape differs per database.

use serde::{Deserialize, Deserializer};

/// One OSV record: one file of an OSV export.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OsvRecord {
    /// The record's identifier (`PYSEC-2021-1`, `GHSA-…`).
    pub id: String,
    /// When the record was last changed (RFC 3339).
    #[serde(default)]
    pub modified: Option<String>,
    /// When the record was published (RFC 3339).
    #[serde(default)]
    pub published: Option<String>,
    /// When the record was withdrawn (RFC 3339); a withdrawn record must not be matched.
    #[serde(default)]
    pub withdrawn: Option<String>,
    /// Identifiers of other records describing the same vulnerability.
    #[serde(default, deserialize_with = "null_as_default")]
    pub aliases: Vec<String>,
    /// Identifiers of records about related but distinct vulnerabilities.
    #[serde(default, deserialize_with = "null_as_default")]
    pub related: Vec<String>,
    /// A one-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// A longer description (CommonMark).
    #[serde(default)]
    pub details: Option<String>,
    /// Severity scores.
    #[serde(default, deserialize_with = "null_as_default")]
    pub severity: Vec<OsvSeverity>,
    /// The packages and versions affected.
    #[serde(default, deserialize_with = "null_as_default")]
    pub affected: Vec<OsvAffected>,
    /// Links to advisories, fixes and reports.
    #[serde(default, deserialize_with = "null_as_default")]
    pub references: Vec<OsvReference>,
    /// Database-specific data, kept as raw JSON.
    #[serde(default)]
    pub database_specific: Option<serde_json::Value>,
}

/// A severity score: a scoring system and its vector or value.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OsvSeverity {
    /// `CVSS_V2`, `CVSS_V3`, `CVSS_V4`, `Ubuntu`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// The score, e.g. a CVSS vector `CVSS:3.1/AV:N/…`.
    pub score: String,
}

/// One affected package with its affected versions.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OsvAffected {
    /// Which package.
    pub package: OsvPackage,
    /// Version ranges.
    #[serde(default, deserialize_with = "null_as_default")]
    pub ranges: Vec<OsvRange>,
    /// An explicit list of affected versions.
    #[serde(default, deserialize_with = "null_as_default")]
    pub versions: Vec<String>,
}

/// A package in an ecosystem.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OsvPackage {
    /// `PyPI`, `npm`, …
    pub ecosystem: String,
    /// The package's name as the ecosystem writes it.
    pub name: String,
    /// A package URL (`pkg:pypi/django`).
    #[serde(default)]
    pub purl: Option<String>,
}

/// A range of affected versions described by events.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OsvRange {
    /// `ECOSYSTEM`, `SEMVER` or `GIT`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Introduced / fixed / last_affected / limit events, in any order.
    #[serde(default, deserialize_with = "null_as_default")]
    pub events: Vec<OsvEvent>,
}

/// One range event. The schema requires exactly one field to be set.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct OsvEvent {
    /// The first affected version (`"0"`: from the beginning).
    #[serde(default)]
    pub introduced: Option<String>,
    /// The first version no longer affected.
    #[serde(default)]
    pub fixed: Option<String>,
    /// The last affected version.
    #[serde(default)]
    pub last_affected: Option<String>,
    /// An upper bound on the whole range (exclusive).
    #[serde(default)]
    pub limit: Option<String>,
}

/// A reference link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OsvReference {
    /// `ADVISORY`, `FIX`, `WEB`, `REPORT`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// The link.
    pub url: String,
}

/// Reads `null` as the type's default (an empty list), anything else as the type itself.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::OsvRecord;

    #[test]
    fn unknown_fields_and_nulls_are_accepted() {
        let record: OsvRecord = serde_json::from_str(
            r#"{"id": "X-1", "schema_version": "9.9", "aliases": null,
                "affected": [{"package": {"ecosystem": "PyPI", "name": "a", "new": 1},
                              "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}],
                                          "database_specific": {"x": [1]}}],
                              "ecosystem_specific": {"y": true}}],
                "database_specific": {"anything": ["goes"]}, "credits": [{"name": "n"}]}"#,
        )
        .expect("parses");
        assert_eq!(record.id, "X-1");
        assert!(record.aliases.is_empty());
        assert_eq!(record.affected[0].ranges[0].events.len(), 1);
        assert!(record.database_specific.is_some());
    }

    #[test]
    fn missing_id_and_wrong_types_fail() {
        assert!(serde_json::from_str::<OsvRecord>(r#"{"modified": "x"}"#).is_err());
        assert!(serde_json::from_str::<OsvRecord>(r#"{"id": "X", "aliases": "Y"}"#).is_err());
        assert!(serde_json::from_str::<OsvRecord>(r#"{"id": 3}"#).is_err());
    }
}
