//! One PEP 508 requirement string → a [`Dependency`] or an [`Unauditable`] entry.

use crate::model::{Dependency, Kind, Requirement, Source, Unauditable};
use crate::name::{is_valid_name, leading_name};
use crate::text::syntax_problem;
use moat_diagnostics::Problem;
use pep440_rs::VersionSpecifiers;
use pep508_rs::{VerbatimUrl, VersionOrUrl};
use std::str::FromStr;

/// What a requirement string stands for.
#[derive(Debug)]
pub(crate) enum Entry {
    /// An auditable dependency.
    Dependency(Dependency),
    /// A URL, VCS or path requirement.
    Unauditable(Unauditable),
}

/// Where a requirement string was found and how to label what it yields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'a> {
    /// The file, as displayed.
    pub(crate) file: &'a str,
    /// The 1-based line, when known.
    pub(crate) line: Option<u32>,
    /// The kind of every dependency found.
    pub(crate) kind: Kind,
    /// The group of every dependency found.
    pub(crate) group: Option<&'a str>,
}

impl Origin<'_> {
    /// The source location.
    pub(crate) fn source(&self) -> Source {
        Source::new(self.file, self.line)
    }

    /// An unauditable entry found here.
    pub(crate) fn unauditable(
        &self,
        name: Option<&str>,
        text: &str,
        reason: impl Into<String>,
    ) -> Unauditable {
        Unauditable {
            source: self.source(),
            name: name.map(str::to_owned),
            text: text.to_owned(),
            reason: reason.into(),
            target: None,
            version: None,
        }
    }
}

/// Why a URL requirement cannot be audited, from its scheme.
pub(crate) fn url_reason(url: &str) -> &'static str {
    let lower = url.trim().to_ascii_lowercase();
    if ["git+", "hg+", "svn+", "bzr+"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
    {
        "VCS requirement"
    } else if lower.starts_with("file:") || !lower.contains("://") {
        "local path requirement"
    } else {
        "direct URL requirement"
    }
}

/// Parses one PEP 508 requirement (`Django[bcrypt]>=4.2; python_version >= "3.10"`).
pub(crate) fn parse_requirement(text: &str, origin: Origin<'_>) -> Result<Entry, Problem> {
    let text = text.trim();
    let written_name = leading_name(text);
    match pep508_rs::Requirement::<VerbatimUrl>::from_str(text) {
        Ok(parsed) => {
            let requirement = match parsed.version_or_url {
                None => Requirement::Range(VersionSpecifiers::empty()),
                Some(VersionOrUrl::VersionSpecifier(specifiers)) => {
                    Requirement::from_specifiers(specifiers)
                }
                Some(VersionOrUrl::Url(url)) => {
                    let url = url.given().map_or_else(|| url.to_string(), str::to_owned);
                    return Ok(Entry::Unauditable(
                        origin
                            .unauditable(Some(written_name), text, url_reason(&url))
                            .with_target(url),
                    ));
                }
            };
            let mut dependency =
                Dependency::new(written_name, requirement, origin.source(), origin.kind);
            dependency.extras = parsed.extras.iter().map(ToString::to_string).collect();
            dependency.marker = parsed.marker.try_to_string();
            dependency.group = origin.group.map(str::to_owned);
            Ok(Entry::Dependency(dependency))
        }
        Err(err) => {
            // `name @ ./relative/path` and other URLs the URL parser refuses are still
            // direct references: report them as unauditable rather than as errors.
            if let Some((before, after)) = text.split_once('@')
                && is_valid_name(leading_name(before))
                && before.trim().starts_with(written_name)
                && !after.trim().is_empty()
                && !before.contains(['=', '<', '>', '~', '!', ';'])
            {
                let target = after.split(';').next().unwrap_or(after).trim();
                return Ok(Entry::Unauditable(
                    origin
                        .unauditable(Some(written_name), text, url_reason(target))
                        .with_target(target),
                ));
            }
            Err(syntax_problem(
                origin.file,
                origin.line,
                format!("invalid requirement `{text}`: {}", err.message),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin<'static> {
        Origin {
            file: "f",
            line: Some(3),
            kind: Kind::Direct,
            group: None,
        }
    }

    #[test]
    fn pins_and_ranges() {
        let Ok(Entry::Dependency(dep)) = parse_requirement("Django==4.2.1", origin()) else {
            panic!("expected a dependency");
        };
        assert_eq!(dep.requirement.to_string(), "==4.2.1");
        assert!(dep.requirement.pinned().is_some());
        let Ok(Entry::Dependency(dep)) = parse_requirement("requests[socks]>=2,<3", origin())
        else {
            panic!("expected a dependency");
        };
        assert!(dep.requirement.pinned().is_none());
        assert_eq!(dep.extras, vec!["socks".to_owned()]);
    }

    #[test]
    fn urls_are_unauditable() {
        for (text, reason) in [
            ("pkg @ git+https://github.com/a/b", "VCS requirement"),
            (
                "pkg @ https://example.com/pkg-1.0.tar.gz",
                "direct URL requirement",
            ),
            ("pkg @ file:///tmp/pkg", "local path requirement"),
            ("pkg @ ./vendor/pkg", "local path requirement"),
        ] {
            let Ok(Entry::Unauditable(entry)) = parse_requirement(text, origin()) else {
                panic!("expected unauditable for {text}");
            };
            assert_eq!(entry.reason, reason, "{text}");
            assert_eq!(entry.name.as_deref(), Some("pkg"));
        }
    }

    #[test]
    fn bad_versions_are_problems() {
        let err = parse_requirement("pkg==1.0-beta-x-y", origin()).unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(3));
        assert!(err.message.contains("pkg==1.0-beta-x-y"), "{}", err.message);
    }
}
