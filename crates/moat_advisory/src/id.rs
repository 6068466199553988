//! Vulnerability identifiers and which of several aliases to show.

use std::cmp::Ordering;

/// The family an advisory identifier belongs to, in order of preference.
///
/// When several identifiers name one vulnerability, Moat shows one of them: a GitHub
/// advisory id (`GHSA-…`) first, because GitHub's database covers every ecosystem and its
/// pages carry the most complete text; then the PyPA id (`PYSEC-…`), the source of the
/// OSV PyPI export; then a CVE; then anything else (`OSV-…`, `BIT-…`, …). Within a family
/// the lexicographically smallest id wins, so the choice is deterministic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdKind {
    /// `GHSA-xxxx-xxxx-xxxx`, GitHub Security Advisories.
    Ghsa,
    /// `PYSEC-YYYY-N`, the Python Packaging Authority advisory database.
    Pysec,
    /// `CVE-YYYY-N`, the CVE programme.
    Cve,
    /// Any other prefix.
    Other,
}

impl IdKind {
    /// The family of `id`, from its prefix (case-sensitive, as OSV writes them).
    pub fn of(id: &str) -> Self {
        if id.starts_with("GHSA-") {
            Self::Ghsa
        } else if id.starts_with("PYSEC-") {
            Self::Pysec
        } else if id.starts_with("CVE-") {
            Self::Cve
        } else {
            Self::Other
        }
    }
}

/// Orders identifiers by preference: family first (see [`IdKind`]), then the id itself.
pub fn preference(a: &str, b: &str) -> Ordering {
    IdKind::of(a).cmp(&IdKind::of(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::{IdKind, preference};
    use std::cmp::Ordering;

    #[test]
    fn ghsa_then_pysec_then_cve_then_others() {
        let mut ids = vec![
            "OSV-2020-1",
            "CVE-2020-1",
            "PYSEC-2020-1",
            "GHSA-aaaa-bbbb-cccc",
        ];
        ids.sort_by(|a, b| preference(a, b));
        assert_eq!(
            ids,
            [
                "GHSA-aaaa-bbbb-cccc",
                "PYSEC-2020-1",
                "CVE-2020-1",
                "OSV-2020-1"
            ]
        );
        assert_eq!(IdKind::of("ghsa-x"), IdKind::Other);
        assert_eq!(preference("CVE-1", "CVE-2"), Ordering::Less);
    }
}

/// An opaque vulnerability identifier (`GHSA-…`, `PYSEC-…`, `CVE-…`). Compare and display
/// it; do not parse it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct VulnerabilityId(String);

impl VulnerabilityId {
    /// Wraps an identifier as written.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its family.
    pub fn kind(&self) -> IdKind {
        IdKind::of(&self.0)
    }
}

impl std::fmt::Display for VulnerabilityId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialOrd for VulnerabilityId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for VulnerabilityId {
    /// Preference order: see [`preference`].
    fn cmp(&self, other: &Self) -> Ordering {
        preference(&self.0, &other.0)
    }
}
