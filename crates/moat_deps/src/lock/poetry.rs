//! `poetry.lock` (lock-version 2.x, and 1.x's `[metadata.files]`): `[[package]]` with
//! `name`, `version`, `groups`, `markers`, `files[].hash`, `[package.source]`, and the
//! edges in `[package.dependencies]` and `[package.extras]`.

use super::{
    EdgeOrigin, LockedPackage, as_str, file_hashes, for_each_package, non_main_group, package_name,
    parse_lock_doc, source_reason,
};
use crate::model::Parsed;
use crate::name::normalize_name;
use crate::toml_doc::{Value, get_array, get_bool, get_str, get_table};
use std::collections::HashMap;

/// Parses a `poetry.lock`; `file` is the path shown in sources and problems.
pub fn parse_poetry_lock(file: &str, text: &str) -> Parsed {
    let doc = match parse_lock_doc(file, text) {
        Ok(doc) => doc,
        Err(parsed) => return parsed,
    };
    // Lock-version 1.x keeps hashes in `[metadata.files]`, by package name.
    let legacy: HashMap<String, Vec<String>> = get_table(&doc.root, "metadata")
        .and_then(|metadata| get_table(metadata, "files"))
        .into_iter()
        .flatten()
        .map(|(name, files)| {
            let hashes = file_hashes(files.get_ref().as_array());
            (normalize_name(name.get_ref()), hashes)
        })
        .collect();
    let mut parsed = Parsed::default();
    for_each_package(&doc, file, "package", &mut parsed, |table, line, parsed| {
        let Some(name) = package_name(table, file, line, parsed) else {
            return;
        };
        // `legacy` and similar index sources are auditable; git, directory, file and url are not.
        let not_from_index = get_table(table, "source").and_then(|source| {
            let reason = source_reason(get_str(source, "type")?)?;
            Some((
                reason,
                get_str(source, "url").unwrap_or_default().to_owned(),
            ))
        });
        let mut hashes = file_hashes(get_array(table, "files"));
        if hashes.is_empty()
            && let Some(old) = legacy.get(&normalize_name(name))
        {
            hashes.clone_from(old);
        }
        poetry_edges(
            EdgeOrigin {
                file,
                line,
                from: name,
            },
            table,
            parsed,
        );
        let unauditable_before = parsed.unauditable.len();
        LockedPackage {
            file,
            line,
            name,
            version: get_str(table, "version"),
            hashes,
            group: non_main_group(get_array(table, "groups"), "main")
                .or_else(|| optional_extra(table)),
            marker: get_str(table, "markers").map(str::to_owned),
            not_from_index,
        }
        .push_to(parsed);
        // A Git source with the commit it was resolved to, as pip writes it.
        if let Some(source) = get_table(table, "source")
            && get_str(source, "type") == Some("git")
            && parsed.unauditable.len() > unauditable_before
            && let Some(url) = get_str(source, "url")
            && let Some(entry) = super::last_unauditable(parsed, name)
        {
            let commit =
                get_str(source, "resolved_reference").or_else(|| get_str(source, "reference"));
            entry.target = Some(super::git_url(url, commit));
        }
    });
    parsed.sort();
    parsed
}

/// The edges of one package: `[package.dependencies]` entries that are not optional (an
/// optional one is installed only through an extra), and each `[package.extras]` list.
fn poetry_edges(origin: EdgeOrigin<'_>, table: &toml::de::DeTable<'_>, parsed: &mut Parsed) {
    for (to, constraint) in get_table(table, "dependencies").into_iter().flatten() {
        // `name = "…"`, `name = { version, optional, extras, markers }`, or an array of
        // such tables for per-marker constraints.
        let entries: Vec<&Value<'_>> = match constraint.get_ref().as_array() {
            Some(array) => array.iter().collect(),
            None => vec![constraint],
        };
        let mut required = false;
        let mut extras = Vec::new();
        for entry in entries {
            match entry.get_ref().as_table() {
                Some(constraint) => {
                    required |= get_bool(constraint, "optional") != Some(true);
                    extras.extend(
                        get_array(constraint, "extras")
                            .into_iter()
                            .flat_map(|a| a.iter())
                            .filter_map(as_str),
                    );
                }
                None => required = true,
            }
        }
        if required {
            origin.push(parsed, to.get_ref(), extras, None);
        }
    }
    for (extra, requirements) in get_table(table, "extras").into_iter().flatten() {
        for requirement in requirements
            .get_ref()
            .as_array()
            .into_iter()
            .flat_map(|a| a.iter())
            .filter_map(as_str)
        {
            origin.push_requirement(parsed, requirement, Some(extra.get_ref()));
        }
    }
}

/// For a package that only an extra installs (`optional = true`), the extra its marker
/// names (`extra == "crypto"`), else `extras`.
fn optional_extra(table: &toml::de::DeTable<'_>) -> Option<String> {
    if get_bool(table, "optional") != Some(true) {
        return None;
    }
    let named = get_str(table, "markers").and_then(|marker| {
        let (_, rest) = marker.split_once("extra == ")?;
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let rest = &rest[1..];
        Some(rest[..rest.find(quote)?].to_owned())
    });
    Some(named.unwrap_or_else(|| "extras".to_owned()))
}
