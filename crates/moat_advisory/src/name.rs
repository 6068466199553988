//! Package names normalised per PEP 503.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A PyPI project name normalised per PEP 503: lowercase, every run of `-`, `_` and `.`
/// replaced by a single `-`.
///
/// Two names refer to the same project exactly when their normalised forms are equal, so
/// `Django`, `django` and `DJANGO` are one package, and so are `zope.interface` and
/// `zope-interface`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PackageName(String);

impl PackageName {
    /// Normalises `name` per PEP 503. Surrounding whitespace is removed first.
    pub fn new(name: &str) -> Self {
        let mut out = String::with_capacity(name.len());
        let mut in_separator_run = false;
        for c in name.trim().chars() {
            if matches!(c, '-' | '_' | '.') {
                if !in_separator_run {
                    out.push('-');
                }
                in_separator_run = true;
            } else {
                out.extend(c.to_lowercase());
                in_separator_run = false;
            }
        }
        Self(out)
    }

    /// The normalised name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PackageName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::PackageName;

    #[test]
    fn normalises_case_and_separator_runs() {
        assert_eq!(PackageName::new("Django").as_str(), "django");
        assert_eq!(
            PackageName::new("zope.interface").as_str(),
            "zope-interface"
        );
        assert_eq!(PackageName::new("Foo__Bar-._baz").as_str(), "foo-bar-baz");
        assert_eq!(PackageName::new("  requests ").as_str(), "requests");
        assert_eq!(PackageName::new("a-b"), PackageName::new("A_B"));
    }
}
