//! Advisories as Moat keeps them: one OSV record reduced to its PyPI part.
//!
//! An [`Advisory`] is what the index stores. Versions stay text here; they are parsed when
//! a [`crate::Database`] is built, so the index and a fresh import go through the same code
//! and give the same answers.

use crate::name::PackageName;
use crate::osv::{OsvEvent, OsvRecord};
use crate::problem::{Problem, ProblemKind};
use serde::{Deserialize, Serialize};

/// The ecosystem name OSV uses for the Python Package Index.
pub const PYPI_ECOSYSTEM: &str = "PyPI";

/// One OSV record, restricted to its PyPI `affected` entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advisory {
    /// The record's id.
    pub id: String,
    /// The advisory file it came from (name inside the zip or path in the directory).
    pub file: String,
    /// Ids of records describing the same vulnerability.
    pub aliases: Vec<String>,
    /// Ids of related, distinct vulnerabilities.
    pub related: Vec<String>,
    /// One-line summary.
    pub summary: Option<String>,
    /// Longer description.
    pub details: Option<String>,
    /// Publication time (RFC 3339), as written.
    pub published: Option<String>,
    /// Last modification time (RFC 3339), as written.
    pub modified: Option<String>,
    /// Withdrawal time; withdrawn advisories are counted but never matched.
    pub withdrawn: Option<String>,
    /// Severity scores.
    pub severity: Vec<Severity>,
    /// PyPI packages affected.
    pub affected: Vec<Affected>,
    /// Reference links.
    pub references: Vec<Reference>,
    /// CWE numbers from the record's `database_specific.cwe_ids` (`["CWE-79"]`, as GitHub's
    /// advisories write them), in the record's order.
    pub cwe_ids: Vec<u32>,
}

/// A severity score.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Severity {
    /// The scoring system: `CVSS_V3`, `CVSS_V4`, …
    pub kind: String,
    /// The score or vector.
    pub score: String,
}

/// A reference link.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reference {
    /// `ADVISORY`, `FIX`, `WEB`, …
    pub kind: String,
    /// The link.
    pub url: String,
}

/// One affected PyPI package of an advisory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Affected {
    /// The normalised package name.
    pub name: PackageName,
    /// The package URL, when given.
    pub purl: Option<String>,
    /// Version ranges (`ECOSYSTEM` and `SEMVER`; `GIT` ranges name commits and are dropped).
    pub ranges: Vec<Range>,
    /// Explicitly listed affected versions, as written.
    pub versions: Vec<String>,
}

/// A range of versions described by events, in the order the record lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// The range's type.
    pub kind: RangeKind,
    /// The events, unsorted.
    pub events: Vec<Event>,
}

/// The types of range Moat evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RangeKind {
    /// Versions ordered by the ecosystem's rules: PEP 440 for PyPI.
    Ecosystem,
    /// Semantic versions. PyPI has none in practice; they are ordered by PEP 440 too,
    /// which agrees with SemVer on `MAJOR.MINOR.PATCH` and plain pre-releases.
    Semver,
}

/// One range event, version still as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Which kind of event.
    pub kind: EventKind,
    /// The version, as written (`"0"` for an `introduced` event means "from the start").
    pub version: String,
}

/// The kinds of range event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventKind {
    /// The version where the vulnerability starts (inclusive).
    Introduced,
    /// The last affected version (inclusive).
    LastAffected,
    /// The first fixed version (exclusive).
    Fixed,
    /// An upper bound on the whole range (exclusive).
    Limit,
}

impl EventKind {
    /// The OSV field name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Introduced => "introduced",
            Self::LastAffected => "last_affected",
            Self::Fixed => "fixed",
            Self::Limit => "limit",
        }
    }
}

impl Advisory {
    /// Reduces an OSV record read from `file` to its PyPI part. Malformed events are
    /// skipped and reported.
    pub fn from_osv(record: OsvRecord, file: &str, problems: &mut Vec<Problem>) -> Self {
        let id = record.id;
        let mut affected = Vec::new();
        for entry in record.affected {
            if entry.package.ecosystem != PYPI_ECOSYSTEM {
                continue;
            }
            let mut ranges = Vec::new();
            for range in entry.ranges {
                let kind = match range.kind.as_str() {
                    "ECOSYSTEM" => RangeKind::Ecosystem,
                    "SEMVER" => RangeKind::Semver,
                    _ => continue,
                };
                let mut events = Vec::with_capacity(range.events.len());
                for event in range.events {
                    match single_event(event) {
                        Some(event) => events.push(event),
                        None => problems.push(
                            Problem::new(
                                file,
                                ProblemKind::InvalidEvent,
                                format!(
                                    "a range event of `{}` must set exactly one of `introduced`, `fixed`, `last_affected`, `limit`; the event was skipped",
                                    entry.package.name
                                ),
                            )
                            .for_advisory(&id),
                        ),
                    }
                }
                ranges.push(Range { kind, events });
            }
            affected.push(Affected {
                name: PackageName::new(&entry.package.name),
                purl: entry.package.purl,
                ranges,
                versions: entry.versions,
            });
        }
        let cwe_ids = cwe_ids(record.database_specific.as_ref());
        Self {
            cwe_ids,
            id,
            file: file.to_owned(),
            aliases: record.aliases,
            related: record.related,
            summary: record.summary,
            details: record.details,
            published: record.published,
            modified: record.modified,
            withdrawn: record.withdrawn,
            severity: record
                .severity
                .into_iter()
                .map(|s| Severity {
                    kind: s.kind,
                    score: s.score,
                })
                .collect(),
            affected,
            references: record
                .references
                .into_iter()
                .map(|r| Reference {
                    kind: r.kind,
                    url: r.url,
                })
                .collect(),
        }
    }

    /// Whether the advisory has been withdrawn.
    pub fn is_withdrawn(&self) -> bool {
        self.withdrawn.is_some()
    }
}

/// The CWE numbers of `database_specific.cwe_ids`; entries that are not `CWE-<number>` are
/// skipped (the field's shape is up to each database).
fn cwe_ids(database_specific: Option<&serde_json::Value>) -> Vec<u32> {
    let Some(list) = database_specific
        .and_then(|value| value.get("cwe_ids"))
        .and_then(serde_json::Value::as_array)
    else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    for id in list.iter().filter_map(serde_json::Value::as_str) {
        let number = id.trim().to_ascii_uppercase();
        if let Some(number) = number.strip_prefix("CWE-").and_then(|n| n.parse().ok())
            && !ids.contains(&number)
        {
            ids.push(number);
        }
    }
    ids
}

/// The one event an OSV event object describes, or `None` when it sets none or several.
fn single_event(event: OsvEvent) -> Option<Event> {
    let candidates = [
        (EventKind::Introduced, event.introduced),
        (EventKind::Fixed, event.fixed),
        (EventKind::LastAffected, event.last_affected),
        (EventKind::Limit, event.limit),
    ];
    let mut found = None;
    for (kind, version) in candidates {
        if let Some(version) = version {
            if found.is_some() {
                return None;
            }
            found = Some(Event { kind, version });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::cwe_ids;
    use serde_json::json;

    #[test]
    fn cwe_ids_are_read_from_database_specific() {
        let value = json!({"cwe_ids": ["CWE-79", "cwe-1333", "CWE-79", "NVD-CWE-Other", 7]});
        assert_eq!(cwe_ids(Some(&value)), vec![79, 1333]);
        assert!(cwe_ids(Some(&json!({"cwe_ids": "CWE-79"}))).is_empty());
        assert!(cwe_ids(Some(&json!(["CWE-79"]))).is_empty());
        assert!(cwe_ids(None).is_empty());
    }
}
