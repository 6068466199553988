//! Software bills of materials: one format-neutral model ([`Sbom`]) and its two renderings,
//! CycloneDX 1.6 JSON ([`write_cyclonedx`]) and SPDX 2.3 JSON ([`write_spdx`]).
//!
//! The caller (the `moat sbom` command) decides what the components are; this module only
//! encodes them. Output is reproducible: everything is written in the order given, and the
//! CycloneDX serial number and SPDX document namespace are name-based UUIDs of the rest of
//! the document, so the same input and timestamp give the same bytes.

mod cyclonedx;
mod hash;
mod purl;
mod serial;
mod spdx;

pub use cyclonedx::write_cyclonedx;
pub use hash::{Hash, HashAlgorithm};
pub use purl::pypi_purl;
pub use spdx::write_spdx;

/// Everything an SBOM says, ready to render in either format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sbom {
    /// The project the SBOM describes (CycloneDX `metadata.component`, the SPDX package the
    /// document `DESCRIBES`).
    pub root: Component,
    /// Its dependencies, in output order.
    pub components: Vec<Component>,
    /// For each component whose dependencies are known (the root included), the references
    /// of the components it depends on directly. A component without an entry has unknown
    /// dependencies; one with an empty list has none.
    pub dependencies: Vec<DependencyNode>,
    /// When the SBOM was made, RFC 3339 UTC (`2024-10-10T08:30:00Z`).
    pub timestamp: String,
    /// Moat's version, recorded as the tool that made the SBOM.
    pub tool_version: String,
}

/// One package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// A reference unique within the SBOM (CycloneDX `bom-ref`; SPDX ids derive from it).
    pub reference: String,
    /// The name as written in the dependency file.
    pub name: String,
    /// The pinned, locked or installed version; `None` when only a range is known.
    pub version: Option<String>,
    /// The package URL ([`pypi_purl`]), when the component is a named Python package.
    pub purl: Option<String>,
    /// Whether the project needs it to run, or only with an extra or optional group.
    pub scope: Scope,
    /// Artifact hashes from lock files or `--hash` options.
    pub hashes: Vec<Hash>,
    /// The declared licence, from installed metadata.
    pub license: Option<LicenseInfo>,
    /// Where it comes from when that is not a package index: a VCS or a direct URL.
    pub external: Option<ExternalReference>,
    /// Facts without a field of their own (`moat:source` = `uv.lock:12`, …), in order.
    pub properties: Vec<Property>,
}

/// Whether a dependency is needed to run the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Needed: a main dependency, or reached from one.
    Required,
    /// Only through an extra, an optional-dependency table or a dependency group.
    Optional,
}

/// A declared licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenseInfo {
    /// A valid SPDX expression with an operator (`MIT OR Apache-2.0`, `GPL-2.0-or-later WITH
    /// Classpath-exception-2.0`).
    Expression(String),
    /// One or more licences, each an SPDX id or a free-form name.
    Licenses(Vec<License>),
}

/// One licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum License {
    /// An SPDX licence id from the SPDX licence list (`MIT`).
    Id(String),
    /// Anything else, as the metadata states it (`Apache Software License`).
    Name(String),
}

/// A link to where a component comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalReference {
    /// What the URL is.
    pub kind: ExternalKind,
    /// The URL as written (`git+https://github.com/org/repo@v1`).
    pub url: String,
}

/// Kinds of [`ExternalReference`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExternalKind {
    /// A version-control repository.
    Vcs,
    /// A direct download URL of an archive or wheel.
    Distribution,
}

/// A name–value fact about a component.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Property {
    /// `moat:…`.
    pub name: String,
    /// The value.
    pub value: String,
}

impl Property {
    /// A property.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// The direct dependencies of one component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DependencyNode {
    /// The component's [`Component::reference`].
    pub reference: String,
    /// The references of the components it depends on, in order.
    pub depends_on: Vec<String>,
}
