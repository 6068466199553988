//! Version ranges compiled from OSV events and evaluated with PEP 440 ordering.

use crate::advisory::{EventKind, Range};
use crate::problem::{Problem, ProblemKind};
use pep440_rs::Version;
use std::str::FromStr;

/// One parsed range event. `Introduced(None)` is `introduced: "0"`, before every version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// Affected from this version on (inclusive); `None` from the very first version.
    Introduced(Option<Version>),
    /// Affected up to and including this version.
    LastAffected(Version),
    /// Not affected from this version on.
    Fixed(Version),
    /// Nothing at or above this version is affected by the range.
    Limit(Version),
}

impl Bound {
    /// The event's version; `None` for `introduced: "0"`.
    pub fn version(&self) -> Option<&Version> {
        match self {
            Self::Introduced(version) => version.as_ref(),
            Self::LastAffected(version) | Self::Fixed(version) | Self::Limit(version) => {
                Some(version)
            }
        }
    }

    /// Order among events at the same version: opening before closing, so that
    /// `introduced: 1.0, fixed: 1.0` affects nothing and `introduced: 1.0,
    /// last_affected: 1.0` affects exactly 1.0.
    fn rank(&self) -> u8 {
        match self {
            Self::Introduced(_) => 0,
            Self::LastAffected(_) => 1,
            Self::Fixed(_) => 2,
            Self::Limit(_) => 3,
        }
    }
}

/// An `ECOSYSTEM` (or `SEMVER`) range: its events sorted by version.
///
/// Evaluation follows the OSV schema: walk the sorted events keeping an "affected" flag;
/// an `introduced` at or below the version sets it, a `fixed` at or below the version
/// clears it, a `last_affected` strictly below the version clears it. When `limit` events
/// exist, the version must also be below one of them. Records list events in any order
/// (the PyPI export has ranges out of order), so sorting comes first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRange {
    events: Vec<Bound>,
}

impl VersionRange {
    /// Compiles a range. Events whose version is not PEP 440 are skipped and reported:
    /// skipping an unreadable `fixed` leaves the range open above, which errs towards
    /// reporting a vulnerability rather than hiding one.
    pub fn compile(range: &Range, file: &str, id: &str, problems: &mut Vec<Problem>) -> Self {
        let mut events = Vec::with_capacity(range.events.len());
        for event in &range.events {
            if event.kind == EventKind::Introduced && event.version.trim() == "0" {
                events.push(Bound::Introduced(None));
                continue;
            }
            let version = match Version::from_str(event.version.trim()) {
                Ok(version) => version,
                Err(error) => {
                    problems.push(
                        Problem::new(
                            file,
                            ProblemKind::InvalidVersion,
                            format!(
                                "`{}: {}` is not a PEP 440 version ({error}); the event was skipped",
                                event.kind.as_str(),
                                event.version
                            ),
                        )
                        .for_advisory(id),
                    );
                    continue;
                }
            };
            events.push(match event.kind {
                EventKind::Introduced => Bound::Introduced(Some(version)),
                EventKind::LastAffected => Bound::LastAffected(version),
                EventKind::Fixed => Bound::Fixed(version),
                EventKind::Limit => Bound::Limit(version),
            });
        }
        events.sort_by(|a, b| {
            a.version()
                .cmp(&b.version())
                .then_with(|| a.rank().cmp(&b.rank()))
        });
        Self { events }
    }

    /// Whether `version` is in the range.
    pub fn contains(&self, version: &Version) -> bool {
        let mut limited = false;
        let mut below_a_limit = false;
        let mut affected = false;
        for event in &self.events {
            match event {
                Bound::Introduced(None) => affected = true,
                Bound::Introduced(Some(introduced)) => {
                    if version >= introduced {
                        affected = true;
                    }
                }
                Bound::LastAffected(last) => {
                    if version > last {
                        affected = false;
                    }
                }
                Bound::Fixed(fixed) => {
                    if version >= fixed {
                        affected = false;
                    }
                }
                Bound::Limit(limit) => {
                    limited = true;
                    below_a_limit |= version < limit;
                }
            }
        }
        affected && (!limited || below_a_limit)
    }

    /// The sorted events.
    pub fn events(&self) -> &[Bound] {
        &self.events
    }

    /// The versions of the range's `fixed` events.
    pub fn fixed_versions(&self) -> impl Iterator<Item = &Version> {
        self.events.iter().filter_map(|event| match event {
            Bound::Fixed(version) => Some(version),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::VersionRange;
    use crate::advisory::{Event, EventKind, Range, RangeKind};
    use pep440_rs::Version;
    use std::str::FromStr;

    fn range(events: &[(EventKind, &str)]) -> (VersionRange, usize) {
        let range = Range {
            kind: RangeKind::Ecosystem,
            events: events
                .iter()
                .map(|(kind, version)| Event {
                    kind: *kind,
                    version: (*version).to_owned(),
                })
                .collect(),
        };
        let mut problems = Vec::new();
        let compiled = VersionRange::compile(&range, "f.json", "X", &mut problems);
        (compiled, problems.len())
    }

    fn has(range: &VersionRange, version: &str) -> bool {
        range.contains(&Version::from_str(version).expect("valid"))
    }

    #[test]
    fn events_out_of_order_are_sorted() {
        use EventKind::{Fixed, Introduced};
        let (r, _) = range(&[
            (Fixed, "2.5"),
            (Introduced, "2.0"),
            (Fixed, "1.5"),
            (Introduced, "0"),
        ]);
        assert!(has(&r, "0.1"));
        assert!(has(&r, "1.4.9"));
        assert!(!has(&r, "1.5"));
        assert!(!has(&r, "1.9"));
        assert!(has(&r, "2.0"));
        assert!(has(&r, "2.5rc1"));
        assert!(!has(&r, "2.5"));
        assert!(!has(&r, "3"));
    }

    #[test]
    fn last_affected_is_inclusive_and_fixed_exclusive() {
        use EventKind::{Introduced, LastAffected};
        let (r, _) = range(&[(Introduced, "1.0"), (LastAffected, "1.11.0")]);
        assert!(!has(&r, "0.9"));
        assert!(has(&r, "1.0"));
        assert!(has(&r, "1.11"));
        assert!(has(&r, "1.11.0"));
        assert!(!has(&r, "1.11.0.post1"));
        assert!(!has(&r, "1.12"));
    }

    #[test]
    fn introduced_zero_includes_pre_releases_of_zero() {
        let (r, _) = range(&[(EventKind::Introduced, "0"), (EventKind::Fixed, "1.0")]);
        assert!(has(&r, "0.0.dev1"));
        assert!(has(&r, "0a1"));
        assert!(has(&r, "1.0rc1"));
        assert!(!has(&r, "1.0"));
    }

    #[test]
    fn limit_bounds_the_range() {
        let (r, _) = range(&[(EventKind::Introduced, "1.0"), (EventKind::Limit, "2.0")]);
        assert!(has(&r, "1.5"));
        assert!(!has(&r, "2.0"));
        assert!(!has(&r, "0.5"));
    }

    #[test]
    fn same_version_introduced_and_fixed_is_empty() {
        let (r, _) = range(&[(EventKind::Fixed, "1.0"), (EventKind::Introduced, "1.0")]);
        assert!(!has(&r, "1.0"));
        assert!(!has(&r, "1.1"));
    }

    #[test]
    fn invalid_versions_are_skipped_and_reported() {
        let (r, problems) = range(&[
            (EventKind::Introduced, "0"),
            (EventKind::Fixed, "2019-09-12"),
        ]);
        assert_eq!(problems, 1);
        assert!(has(&r, "5.0"));
    }
}
