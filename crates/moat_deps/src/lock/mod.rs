//! Lock files: each format in its own module, sharing how a resolved entry becomes a
//! [`Dependency`] or an [`Unauditable`] one.

pub(crate) mod pdm;
pub(crate) mod pipfile;
pub(crate) mod poetry;
pub(crate) mod pylock;
pub(crate) mod uv;

use crate::model::{Dependency, DependencyEdge, Kind, Parsed, Requirement, Source, Unauditable};
use crate::name::normalize_name;
use crate::text::{strip_bom, syntax_problem};
use crate::toml_doc::{TomlDoc, Value, get, get_array};
use pep440_rs::Version;
use std::str::FromStr;
use toml::de::DeTable;

/// A resolved package read from a lock file.
pub(crate) struct LockedPackage<'a> {
    /// The file, as displayed.
    pub(crate) file: &'a str,
    /// The 1-based line of the entry.
    pub(crate) line: Option<u32>,
    /// The name as written.
    pub(crate) name: &'a str,
    /// The resolved version as written; `None` when the entry has none.
    pub(crate) version: Option<&'a str>,
    /// `algorithm:hex` hashes of its artifacts.
    pub(crate) hashes: Vec<String>,
    /// Its group, when the format records one other than the main group.
    pub(crate) group: Option<String>,
    /// Its environment marker.
    pub(crate) marker: Option<String>,
    /// When it does not come from a package index: the reason and where it comes from.
    pub(crate) not_from_index: Option<(&'static str, String)>,
}

impl LockedPackage<'_> {
    /// Adds this package to `parsed` as a locked dependency, an unauditable entry, or a
    /// problem when its version is missing or not PEP 440.
    pub(crate) fn push_to(self, parsed: &mut Parsed) {
        let source = Source::new(self.file, self.line);
        if let Some((reason, target)) = self.not_from_index {
            parsed.unauditable.push(Unauditable {
                source,
                name: Some(self.name.to_owned()),
                text: format!("{} @ {target}", self.name),
                reason: reason.to_owned(),
                version: self.version.map(str::to_owned),
                target: Some(target),
            });
            return;
        }
        let Some(written) = self.version else {
            parsed.problems.push(syntax_problem(
                self.file,
                self.line,
                format!("package `{}` has no version", self.name),
            ));
            return;
        };
        let version = match Version::from_str(written) {
            Ok(version) => version,
            Err(err) => {
                parsed.problems.push(syntax_problem(
                    self.file,
                    self.line,
                    format!(
                        "package `{}`: `{written}` is not a PEP 440 version: {err}",
                        self.name
                    ),
                ));
                return;
            }
        };
        let mut dependency = Dependency::new(
            self.name,
            Requirement::Pinned(version),
            source,
            Kind::Locked,
        );
        dependency.hashes = self.hashes;
        dependency.group = self.group;
        dependency.marker = self.marker;
        parsed.dependencies.push(dependency);
    }
}

/// Why a package from a source of kind `kind` (`git`, `path`, `url`, …) cannot be audited;
/// `None` for index sources.
pub(crate) fn source_reason(kind: &str) -> Option<&'static str> {
    match kind {
        "git" | "hg" | "svn" | "bzr" | "vcs" => Some("VCS requirement"),
        "path" | "directory" | "file" => Some("local path requirement"),
        "editable" => Some("editable install"),
        "virtual" => Some("local project"),
        "url" | "archive" => Some("direct URL requirement"),
        _ => None,
    }
}

/// Parses a TOML lock file; a syntax error is returned as the whole result.
pub(crate) fn parse_lock_doc<'i>(file: &str, text: &'i str) -> Result<TomlDoc<'i>, Parsed> {
    TomlDoc::parse(file, strip_bom(text)).map_err(Parsed::from_problem)
}

/// Calls `each` with every table of the array `key` (`package` or `packages`) and the line
/// of its `name`. A `key` that is not an array, or entries that are not tables, are problems.
pub(crate) fn for_each_package<'i>(
    doc: &TomlDoc<'i>,
    file: &str,
    key: &str,
    parsed: &mut Parsed,
    mut each: impl FnMut(&DeTable<'i>, Option<u32>, &mut Parsed),
) {
    if let Some(value) = get(&doc.root, key)
        && get_array(&doc.root, key).is_none()
    {
        parsed.problems.push(syntax_problem(
            file,
            Some(doc.line_of(value)),
            format!("`{key}` must be an array of tables"),
        ));
    }
    for item in get_array(&doc.root, key).into_iter().flat_map(|a| a.iter()) {
        let Some(table) = item.get_ref().as_table() else {
            parsed.problems.push(syntax_problem(
                file,
                Some(doc.line_of(item)),
                format!("`{key}` entries must be tables"),
            ));
            continue;
        };
        let line = get(table, "name").map_or_else(|| doc.line_of(item), |name| doc.line_of(name));
        each(table, Some(line), parsed);
    }
}

/// The string value of `value`, if it is one.
pub(crate) fn as_str<'a>(value: &'a Value<'_>) -> Option<&'a str> {
    value.get_ref().as_str()
}

/// The name of a package table, or a problem at `line`.
pub(crate) fn package_name<'a>(
    table: &'a DeTable<'_>,
    file: &str,
    line: Option<u32>,
    parsed: &mut Parsed,
) -> Option<&'a str> {
    let name = get(table, "name").and_then(as_str);
    if name.is_none() {
        parsed
            .problems
            .push(syntax_problem(file, line, "package entry has no `name`"));
    }
    name
}

/// The first group that is not the main one (`main`, `default`), when `groups` has no main.
pub(crate) fn non_main_group(groups: Option<&toml::de::DeArray<'_>>, main: &str) -> Option<String> {
    let names: Vec<&str> = groups
        .into_iter()
        .flat_map(|a| a.iter())
        .filter_map(as_str)
        .collect();
    if names.is_empty() || names.contains(&main) {
        return None;
    }
    names.first().map(|name| (*name).to_owned())
}

/// `hash` of each `{file = "…", hash = "sha256:…"}` entry (Poetry and PDM lock files).
pub(crate) fn file_hashes(files: Option<&toml::de::DeArray<'_>>) -> Vec<String> {
    files
        .into_iter()
        .flat_map(|a| a.iter())
        .filter_map(|entry| {
            entry
                .get_ref()
                .as_table()
                .and_then(|t| crate::toml_doc::get_str(t, "hash"))
        })
        .map(str::to_owned)
        .collect()
}

/// The package entry that dependency edges are read from: its name and where it is written.
#[derive(Clone, Copy)]
pub(crate) struct EdgeOrigin<'a> {
    /// The file, as displayed.
    pub(crate) file: &'a str,
    /// The 1-based line of the entry.
    pub(crate) line: Option<u32>,
    /// The requiring package's name as written.
    pub(crate) from: &'a str,
}

impl EdgeOrigin<'_> {
    /// Records that this package requires `to` with `extras`, declared by its extra or
    /// group `via`. A package naming itself (PDM does, for its extras) is no edge.
    pub(crate) fn push(
        self,
        parsed: &mut Parsed,
        to: &str,
        extras: impl IntoIterator<Item = impl AsRef<str>>,
        via: Option<&str>,
    ) {
        let from = normalize_name(self.from);
        let to = normalize_name(to);
        if to.is_empty() || from == to {
            return;
        }
        let mut extras: Vec<String> = extras
            .into_iter()
            .map(|extra| normalize_name(extra.as_ref()))
            .collect();
        extras.sort();
        extras.dedup();
        parsed.edges.push(DependencyEdge {
            source: Source::new(self.file, self.line),
            from,
            to,
            extras,
            via: via.map(normalize_name),
        });
    }

    /// Edges from an array of `{ name = "…", extra = ["…"] }` tables (`uv.lock`,
    /// `pylock.toml`); entries without a `name` are skipped.
    pub(crate) fn push_tables(
        self,
        parsed: &mut Parsed,
        entries: Option<&toml::de::DeArray<'_>>,
        via: Option<&str>,
    ) {
        for entry in entries.into_iter().flat_map(|a| a.iter()) {
            let Some(table) = entry.get_ref().as_table() else {
                continue;
            };
            let Some(to) = crate::toml_doc::get_str(table, "name") else {
                continue;
            };
            let extras: Vec<&str> = get_array(table, "extra")
                .into_iter()
                .flat_map(|a| a.iter())
                .filter_map(as_str)
                .collect();
            self.push(parsed, to, extras, via);
        }
    }

    /// An edge from a PEP 508 requirement string (`pdm.lock`, Poetry's `[package.extras]`);
    /// Poetry's `name (>=1.0)` form is read by its leading name and extras.
    pub(crate) fn push_requirement(
        self,
        parsed: &mut Parsed,
        requirement: &str,
        via: Option<&str>,
    ) {
        let name = crate::name::leading_name(requirement);
        let rest = requirement.trim_start()[name.len()..].trim_start();
        let extras: Vec<&str> = rest
            .strip_prefix('[')
            .and_then(|inside| inside.split_once(']'))
            .map(|(inside, _)| {
                inside
                    .split(',')
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        self.push(parsed, name, extras, via);
    }
}

/// A Git source as pip writes it (`git+https://host/repo@<commit>`), from a repository URL
/// and the commit or reference a lock file resolved it to; `url` already in that form is
/// kept.
pub(crate) fn git_url(url: &str, commit: Option<&str>) -> String {
    let url = url.trim();
    let base = if url
        .split_once("://")
        .is_some_and(|(scheme, _)| scheme.contains('+'))
    {
        url.to_owned()
    } else {
        format!("git+{url}")
    };
    match commit.map(str::trim).filter(|c| !c.is_empty()) {
        Some(commit) => format!("{base}@{commit}"),
        None => base,
    }
}

/// The most recently added unauditable entry of `parsed`, when it is the one just added
/// for `name` (to complete what [`LockedPackage::push_to`] recorded).
pub(crate) fn last_unauditable<'a>(
    parsed: &'a mut Parsed,
    name: &str,
) -> Option<&'a mut Unauditable> {
    parsed
        .unauditable
        .last_mut()
        .filter(|entry| entry.name.as_deref() == Some(name))
}
