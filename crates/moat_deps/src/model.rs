//! The data model: dependencies, where they came from, and what could not be audited.

use moat_diagnostics::Problem;
use pep440_rs::{Operator, Version, VersionSpecifiers};

/// Where a dependency or an unauditable entry was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    /// The file, as displayed (the path as given or as joined from an include).
    pub file: String,
    /// The 1-based line of the entry, when the format lets us know it.
    pub line: Option<u32>,
}

impl Source {
    /// A source at a known line.
    pub fn new(file: impl Into<String>, line: Option<u32>) -> Self {
        Self {
            file: file.into(),
            line,
        }
    }
}

/// How a dependency was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Declared by the project: a requirements line or a `pyproject.toml` entry.
    Direct,
    /// Only a constraint (`-c constraints.txt`): it limits versions, it installs nothing.
    Constraint,
    /// Resolved by a lock file.
    Locked,
    /// Found installed in an environment (`*.dist-info/METADATA`).
    Installed,
}

/// Which versions a dependency may have.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// Exactly one version: `==x`, `===x`, a lock file's resolved version or an installed one.
    Pinned(Version),
    /// Any version the specifier set admits; an empty set admits every version.
    Range(VersionSpecifiers),
    /// Any version admitted by at least one of the sets (Poetry's `^1.0 || ^2.0`).
    AnyOf(Vec<VersionSpecifiers>),
}

impl Requirement {
    /// The requirement for a parsed PEP 440 specifier set: a single `==`/`===` is a pin.
    pub fn from_specifiers(specifiers: VersionSpecifiers) -> Self {
        if let [only] = &*specifiers
            && matches!(only.operator(), Operator::Equal | Operator::ExactEqual)
        {
            return Self::Pinned(only.version().clone());
        }
        Self::Range(specifiers)
    }

    /// The pinned version, if there is exactly one.
    pub fn pinned(&self) -> Option<&Version> {
        match self {
            Self::Pinned(version) => Some(version),
            Self::Range(_) | Self::AnyOf(_) => None,
        }
    }

    /// Whether `version` is allowed by this requirement. Pins compare by PEP 440 equality
    /// (`1.0 == 1.0.0`).
    pub fn admits(&self, version: &Version) -> bool {
        match self {
            Self::Pinned(pinned) => pinned == version,
            Self::Range(specifiers) => specifiers.contains(version),
            Self::AnyOf(sets) => sets.iter().any(|set| set.contains(version)),
        }
    }
}

impl std::fmt::Display for Requirement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Pinned(version) => write!(f, "=={version}"),
            Self::Range(specifiers) => write!(f, "{specifiers}"),
            Self::AnyOf(sets) => {
                for (index, set) in sets.iter().enumerate() {
                    if index > 0 {
                        f.write_str(" || ")?;
                    }
                    write!(f, "{set}")?;
                }
                Ok(())
            }
        }
    }
}

/// Licence information from installed metadata, kept for SBOM output.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct License {
    /// `License-Expression:` (PEP 639), an SPDX expression.
    pub expression: Option<String>,
    /// `License:`, free text (often the whole licence).
    pub text: Option<String>,
    /// Every `Classifier: License :: …` value.
    pub classifiers: Vec<String>,
}

/// One dependency that can be audited: a name and the versions it may have.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Dependency {
    /// The name as written in the file.
    pub name: String,
    /// The PEP 503 normalised name (`zope-interface`), used for matching.
    pub normalized_name: String,
    /// The pinned version or the allowed range.
    pub requirement: Requirement,
    /// Requested extras (`requests[socks]`), as written.
    pub extras: Vec<String>,
    /// The environment marker (`python_version < "3.11"`), kept as text.
    pub marker: Option<String>,
    /// Where it was written.
    pub source: Source,
    /// Declared, constraint, locked or installed.
    pub kind: Kind,
    /// The extra, optional-dependency table, dependency group or Poetry group it belongs to;
    /// `None` for the main dependencies.
    pub group: Option<String>,
    /// Artifact hashes as `algorithm:hex` (`--hash` options, lock files).
    pub hashes: Vec<String>,
    /// Licence metadata, for installed packages only.
    pub license: Option<License>,
}

impl Dependency {
    /// A dependency with no extras, marker, group, hashes or licence.
    pub fn new(name: &str, requirement: Requirement, source: Source, kind: Kind) -> Self {
        Self {
            name: name.to_owned(),
            normalized_name: crate::normalize_name(name),
            requirement,
            extras: Vec::new(),
            marker: None,
            source,
            kind,
            group: None,
            hashes: Vec::new(),
            license: None,
        }
    }
}

/// Something that names a dependency but cannot be audited against an advisory database:
/// editable installs, VCS and URL requirements, local paths. Reported, never dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unauditable {
    /// Where it was written.
    pub source: Source,
    /// The package name, when the entry states one.
    pub name: Option<String>,
    /// The entry as written (the requirement line, or `name @ source` for lock entries).
    pub text: String,
    /// Why it cannot be audited, as a short phrase (`editable install`).
    pub reason: String,
    /// The URL or path it comes from (`git+https://…`, `./vendor/pkg`), when the entry
    /// states one.
    pub target: Option<String>,
    /// The version a lock file or an installed distribution records for it, as written.
    pub version: Option<String>,
}

impl Unauditable {
    /// This entry with the URL or path it comes from.
    pub fn with_target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }
}

/// A dependency edge recorded by a lock file: package `from` requires package `to`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DependencyEdge {
    /// Where the edge was written: the lock file entry of `from`.
    pub source: Source,
    /// The PEP 503 name of the requiring package.
    pub from: String,
    /// The PEP 503 name of the required package.
    pub to: String,
    /// The extras of `to` that `from` asks for (`requests[socks]` → `socks`), normalised.
    pub extras: Vec<String>,
    /// The extra or dependency group of `from` that declares the edge; `None` when it is
    /// one of `from`'s main dependencies.
    pub via: Option<String>,
}

/// What a parser found: dependencies, unauditable entries and the problems met on the way.
///
/// A malformed entry becomes a [`Problem`] naming its file and line; everything else in the
/// file is still returned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Dependencies that can be audited.
    pub dependencies: Vec<Dependency>,
    /// Entries that cannot be audited.
    pub unauditable: Vec<Unauditable>,
    /// Files, lines or entries that could not be read or understood.
    pub problems: Vec<Problem>,
    /// Dependency edges, from the lock files that record them (`uv.lock`, `poetry.lock`,
    /// `pdm.lock`, `pylock.toml`); empty for every other format.
    pub edges: Vec<DependencyEdge>,
}

impl Parsed {
    /// The three lists as a tuple.
    pub fn into_parts(self) -> (Vec<Dependency>, Vec<Unauditable>, Vec<Problem>) {
        (self.dependencies, self.unauditable, self.problems)
    }

    /// Appends everything `other` found.
    pub fn extend(&mut self, other: Parsed) {
        self.dependencies.extend(other.dependencies);
        self.unauditable.extend(other.unauditable);
        self.problems.extend(other.problems);
        self.edges.extend(other.edges);
    }

    /// A result holding only `problem`.
    pub fn from_problem(problem: Problem) -> Self {
        Self {
            problems: vec![problem],
            ..Self::default()
        }
    }

    /// Sorts every list by file and line so output is deterministic.
    pub fn sort(&mut self) {
        self.dependencies
            .sort_by(|a, b| (&a.source, &a.normalized_name).cmp(&(&b.source, &b.normalized_name)));
        self.unauditable
            .sort_by(|a, b| (&a.source, &a.text).cmp(&(&b.source, &b.text)));
        self.problems.sort_by(|a, b| {
            (&a.file, a.position.map(|p| p.line), &a.message).cmp(&(
                &b.file,
                b.position.map(|p| p.line),
                &b.message,
            ))
        });
        self.edges.sort();
        self.edges.dedup();
    }
}
