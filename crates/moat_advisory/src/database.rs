//! The database: vulnerabilities by package, and the queries the audit needs.

use crate::advisory::Advisory;
use crate::build::build_vulnerabilities;
use crate::dir_source::load_dir;
use crate::error::AdvisoryError;
use crate::fingerprint::SourceFingerprint;
use crate::name::PackageName;
use crate::parse::Collector;
use crate::problem::Problem;
use crate::vulnerability::{AffectedPackage, Vulnerability};
use crate::zip_source::{Loaded, load_zip};
use pep440_rs::{Version, VersionSpecifiers};
use rustc_hash::FxHashMap;
use std::path::Path;
use std::str::FromStr;

/// The PyPI vulnerabilities of one OSV export, merged by alias and indexed by package.
///
/// Build it from the export ([`Database::from_zip`], [`Database::from_dir`]) or from an
/// index file ([`Database::read_index`]); both give the same answers. Loading reports
/// problems with individual advisories next to the database instead of failing.
#[derive(Debug, Clone)]
pub struct Database {
    /// Every record read, withdrawn ones included: what the index stores.
    pub(crate) advisories: Vec<Advisory>,
    /// Problems found while reading the source files (not recomputable from `advisories`).
    pub(crate) load_problems: Vec<Problem>,
    pub(crate) fingerprint: SourceFingerprint,
    vulnerabilities: Vec<Vulnerability>,
    /// Package → (vulnerability, index of the package in `Vulnerability::packages`).
    by_package: FxHashMap<PackageName, Vec<(u32, u32)>>,
    /// Every id and alias → vulnerability.
    by_id: FxHashMap<String, u32>,
}

/// A vulnerability and the known affected versions that a specifier set still admits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdmittedVulnerability<'a> {
    /// The vulnerability.
    pub vulnerability: &'a Vulnerability,
    /// The affected versions the specifiers admit, ascending.
    pub versions: Vec<Version>,
}

impl Database {
    /// Loads an OSV zip export such as `PyPI/all.zip`: every `*.json` entry, in any folder.
    ///
    /// Fails only when the archive itself cannot be read (missing, corrupt, truncated);
    /// advisories that cannot be used are returned as problems, sorted by file.
    pub fn from_zip(path: impl AsRef<Path>) -> Result<(Self, Vec<Problem>), AdvisoryError> {
        Ok(Self::from_loaded(load_zip(path.as_ref())?))
    }

    /// Loads every `*.json` file under a directory (subfolders included).
    pub fn from_dir(path: impl AsRef<Path>) -> Result<(Self, Vec<Problem>), AdvisoryError> {
        Ok(Self::from_loaded(load_dir(path.as_ref())?))
    }

    /// Loads advisories given as `(file name, JSON bytes)` pairs, e.g. from memory. Files
    /// are read in name order; the fingerprint hashes the names and contents.
    pub fn from_json_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> (Self, Vec<Problem>) {
        let mut files: Vec<(&str, &[u8])> = files.into_iter().collect();
        files.sort();
        let mut collector = Collector::default();
        let mut hasher = crate::fingerprint::DirectoryHasher::default();
        for (name, bytes) in files {
            hasher.add(name, bytes);
            collector.add(name, bytes);
        }
        let (advisories, problems) = collector.finish();
        Self::from_loaded(Loaded {
            advisories,
            problems,
            fingerprint: hasher.finish(),
        })
    }

    pub(crate) fn from_loaded(loaded: Loaded) -> (Self, Vec<Problem>) {
        Self::from_parts(loaded.advisories, loaded.problems, loaded.fingerprint)
    }

    /// Builds the database from records; returns it with every problem (the load problems
    /// given plus those found compiling versions), sorted.
    pub(crate) fn from_parts(
        advisories: Vec<Advisory>,
        load_problems: Vec<Problem>,
        fingerprint: SourceFingerprint,
    ) -> (Self, Vec<Problem>) {
        let mut problems = load_problems.clone();
        let vulnerabilities = build_vulnerabilities(&advisories, &mut problems);
        let mut by_package: FxHashMap<PackageName, Vec<(u32, u32)>> = FxHashMap::default();
        let mut by_id: FxHashMap<String, u32> = FxHashMap::default();
        for (v, vulnerability) in vulnerabilities.iter().enumerate() {
            let v = u32::try_from(v).unwrap_or(u32::MAX);
            for (p, package) in vulnerability.packages.iter().enumerate() {
                let p = u32::try_from(p).unwrap_or(u32::MAX);
                by_package
                    .entry(package.name.clone())
                    .or_default()
                    .push((v, p));
            }
            for id in vulnerability.ids() {
                by_id.insert(id.as_str().to_owned(), v);
            }
        }
        problems.sort();
        let database = Self {
            advisories,
            load_problems,
            fingerprint,
            vulnerabilities,
            by_package,
            by_id,
        };
        (database, problems)
    }

    /// Every vulnerability, sorted by preferred id.
    pub fn vulnerabilities(&self) -> &[Vulnerability] {
        &self.vulnerabilities
    }

    /// The vulnerability known by `id`, whether preferred id, record id or alias.
    pub fn vulnerability(&self, id: &str) -> Option<&Vulnerability> {
        self.by_id
            .get(id)
            .and_then(|&v| self.vulnerabilities.get(v as usize))
    }

    /// How many advisory records were read, withdrawn ones included.
    pub fn advisory_count(&self) -> usize {
        self.advisories.len()
    }

    /// How many of the records are withdrawn (and never matched).
    pub fn withdrawn_count(&self) -> usize {
        self.advisories.iter().filter(|a| a.is_withdrawn()).count()
    }

    /// How many distinct packages have at least one vulnerability.
    pub fn package_count(&self) -> usize {
        self.by_package.len()
    }

    /// The latest `modified` time among the records (RFC 3339 text), a proxy for the
    /// date of the export.
    pub fn newest_modified(&self) -> Option<&str> {
        self.advisories
            .iter()
            .filter_map(|a| a.modified.as_deref())
            .max()
    }

    /// What the database was built from.
    pub fn fingerprint(&self) -> &SourceFingerprint {
        &self.fingerprint
    }

    /// The package's entries in every vulnerability that affects some of its versions.
    fn entries(&self, name: &str) -> impl Iterator<Item = (&Vulnerability, &AffectedPackage)> {
        let name = PackageName::new(name);
        self.by_package
            .get(&name)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|&(v, p)| {
                let vulnerability = self.vulnerabilities.get(v as usize)?;
                Some((vulnerability, vulnerability.packages.get(p as usize)?))
            })
    }

    /// The vulnerabilities affecting `version` of package `name` (any spelling; it is
    /// normalised per PEP 503), each once, sorted by id.
    pub fn vulnerabilities_for(&self, name: &str, version: &Version) -> Vec<&Vulnerability> {
        self.entries(name)
            .filter(|(_, package)| package.affects(version))
            .map(|(vulnerability, _)| vulnerability)
            .collect()
    }

    /// Like [`Database::vulnerabilities_for`] for a version given as text. A PEP 440
    /// version is matched by PEP 440 rules and also by exact text against listed versions
    /// that are not PEP 440; any other text matches only such listed versions.
    pub fn vulnerabilities_for_text(&self, name: &str, version: &str) -> Vec<&Vulnerability> {
        let parsed = Version::from_str(version.trim()).ok();
        self.entries(name)
            .filter(|(_, package)| {
                parsed.as_ref().is_some_and(|v| package.affects(v))
                    || package.affects_unparsed(version.trim())
            })
            .map(|(vulnerability, _)| vulnerability)
            .collect()
    }

    /// For a requirement that is not pinned: which vulnerable versions `specifiers` still
    /// admits, per vulnerability.
    ///
    /// The candidate versions are those the advisories of the package mention: listed
    /// affected versions and the versions of range events. The PyPI export lists the
    /// affected versions of nearly every advisory, so this covers the released versions;
    /// a released version that no advisory mentions is not reported. Pre-releases are
    /// candidates like any other version. Vulnerabilities with no admitted version are
    /// left out; the rest are sorted by id.
    pub fn vulnerable_versions_in(
        &self,
        name: &str,
        specifiers: &VersionSpecifiers,
    ) -> Vec<AdmittedVulnerability<'_>> {
        let mut candidates: Vec<&Version> = Vec::new();
        for (_, package) in self.entries(name) {
            candidates.extend(&package.versions);
            for range in &package.ranges {
                candidates.extend(
                    range
                        .events()
                        .iter()
                        .filter_map(crate::range::Bound::version),
                );
            }
        }
        candidates.sort();
        candidates.dedup();
        candidates.retain(|version| specifiers.contains(version));
        self.entries(name)
            .filter_map(|(vulnerability, package)| {
                let versions: Vec<Version> = candidates
                    .iter()
                    .filter(|version| package.affects(version))
                    .map(|version| (*version).clone())
                    .collect();
                (!versions.is_empty()).then_some(AdmittedVulnerability {
                    vulnerability,
                    versions,
                })
            })
            .collect()
    }

    /// The smallest version above `version` that none of the vulnerabilities affecting
    /// `version` affects, chosen among their `fixed` versions for this package.
    ///
    /// `None` when `version` is not affected, or when no single fixed version clears them
    /// all (a vulnerability without a fix). The answer may be affected by a vulnerability
    /// that does not affect `version`; check it with [`Database::vulnerabilities_for`].
    pub fn smallest_fix(&self, name: &str, version: &Version) -> Option<Version> {
        let affecting: Vec<&AffectedPackage> = self
            .entries(name)
            .filter(|(_, package)| package.affects(version))
            .map(|(_, package)| package)
            .collect();
        if affecting.is_empty() {
            return None;
        }
        let mut candidates: Vec<&Version> = affecting
            .iter()
            .flat_map(|package| &package.fixed)
            .filter(|fixed| *fixed > version)
            .collect();
        candidates.sort();
        candidates.dedup();
        candidates
            .into_iter()
            .find(|candidate| affecting.iter().all(|package| !package.affects(candidate)))
            .cloned()
    }
}
