//! Turning advisory records into merged, compiled vulnerabilities.

use crate::advisory::Advisory;
use crate::id::{VulnerabilityId, preference};
use crate::merge::alias_groups;
use crate::name::PackageName;
use crate::problem::{Problem, ProblemKind};
use crate::range::VersionRange;
use crate::vulnerability::{AffectedPackage, Vulnerability};
use pep440_rs::Version;
use rayon::iter::{IntoParallelIterator, ParallelIterator};
use std::collections::BTreeMap;
use std::str::FromStr;

/// Merges the advisories that are not withdrawn into vulnerabilities, sorted by preferred
/// id. Versions that are not PEP 440 are reported in `problems`.
pub fn build_vulnerabilities(
    advisories: &[Advisory],
    problems: &mut Vec<Problem>,
) -> Vec<Vulnerability> {
    let live: Vec<usize> = (0..advisories.len())
        .filter(|&index| !advisories[index].is_withdrawn())
        .collect();
    // Groups are independent; compiling them (mostly parsing versions) runs in parallel.
    let built: Vec<(Vulnerability, Vec<Problem>)> = alias_groups(advisories, &live)
        .into_par_iter()
        .map(|group| {
            let mut records: Vec<&Advisory> = group.iter().map(|&i| &advisories[i]).collect();
            records.sort_by(|a, b| preference(&a.id, &b.id));
            let mut found = Vec::new();
            (merge(&records, &mut found), found)
        })
        .collect();
    let mut vulnerabilities = Vec::with_capacity(built.len());
    for (vulnerability, found) in built {
        vulnerabilities.push(vulnerability);
        problems.extend(found);
    }
    vulnerabilities.sort_by(|a, b| a.id.cmp(&b.id));
    vulnerabilities
}

/// Builds one vulnerability from records sorted by preference.
fn merge(records: &[&Advisory], problems: &mut Vec<Problem>) -> Vulnerability {
    let mut ids: Vec<&str> = records
        .iter()
        .flat_map(|r| std::iter::once(r.id.as_str()).chain(r.aliases.iter().map(String::as_str)))
        .collect();
    ids.sort_by(|a, b| preference(a, b));
    ids.dedup();
    let id = VulnerabilityId::new(ids[0]);
    let aliases = ids[1..]
        .iter()
        .map(|&id| VulnerabilityId::new(id))
        .collect();

    let mut severity = Vec::new();
    let mut references = Vec::new();
    let mut related = Vec::new();
    let mut cwe_ids = Vec::new();
    for record in records {
        for &cwe in &record.cwe_ids {
            if !cwe_ids.contains(&cwe) {
                cwe_ids.push(cwe);
            }
        }
        for score in &record.severity {
            if !severity.contains(score) {
                severity.push(score.clone());
            }
        }
        for reference in &record.references {
            if !references.contains(reference) {
                references.push(reference.clone());
            }
        }
        for id in &record.related {
            if !related.contains(id) {
                related.push(id.clone());
            }
        }
    }

    Vulnerability {
        id,
        aliases,
        records: records
            .iter()
            .map(|r| VulnerabilityId::new(&r.id))
            .collect(),
        summary: records.iter().find_map(|r| r.summary.clone()),
        details: records.iter().find_map(|r| r.details.clone()),
        severity,
        published: records.iter().filter_map(|r| r.published.clone()).min(),
        modified: records.iter().filter_map(|r| r.modified.clone()).max(),
        related,
        references,
        cwe_ids,
        packages: packages(records, problems),
    }
}

/// The union of the records' affected entries, one per package.
fn packages(records: &[&Advisory], problems: &mut Vec<Problem>) -> Vec<AffectedPackage> {
    let mut by_name: BTreeMap<&PackageName, AffectedPackage> = BTreeMap::new();
    for record in records {
        for affected in &record.affected {
            let package = by_name
                .entry(&affected.name)
                .or_insert_with(|| AffectedPackage {
                    name: affected.name.clone(),
                    ranges: Vec::new(),
                    versions: Vec::new(),
                    unparsed_versions: Vec::new(),
                    fixed: Vec::new(),
                });
            for range in &affected.ranges {
                package.ranges.push(VersionRange::compile(
                    range,
                    &record.file,
                    &record.id,
                    problems,
                ));
            }
            let mut unparsed = Vec::new();
            for text in &affected.versions {
                match Version::from_str(text.trim()) {
                    Ok(version) => package.versions.push(version),
                    Err(_) => unparsed.push(text.clone()),
                }
            }
            if !unparsed.is_empty() {
                problems.push(
                    Problem::new(
                        &record.file,
                        ProblemKind::InvalidVersion,
                        format!(
                            "listed versions of `{}` that are not PEP 440 match only by exact text: {}",
                            affected.name,
                            unparsed
                                .iter()
                                .map(|v| format!("`{v}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .for_advisory(&record.id),
                );
                package.unparsed_versions.extend(unparsed);
            }
        }
    }
    by_name
        .into_values()
        .map(|mut package| {
            package.versions.sort();
            package.versions.dedup();
            package.unparsed_versions.sort();
            package.unparsed_versions.dedup();
            let mut fixed: Vec<Version> = package
                .ranges
                .iter()
                .flat_map(VersionRange::fixed_versions)
                .cloned()
                .collect();
            fixed.sort();
            fixed.dedup();
            package.fixed = fixed;
            package
        })
        .collect()
}
