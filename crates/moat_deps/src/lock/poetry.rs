//! `poetry.lock` (lock-version 2.x, and 1.x's `[metadata.files]`): `[[package]]` with
//! `name`, `version`, `groups`, `markers`, `files[].hash` and `[package.source]`.

use super::{
    LockedPackage, file_hashes, for_each_package, non_main_group, package_name, parse_lock_doc,
    source_reason,
};
use crate::model::Parsed;
use crate::name::normalize_name;
use crate::toml_doc::{get_array, get_str, get_table};
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
        LockedPackage {
            file,
            line,
            name,
            version: get_str(table, "version"),
            hashes,
            group: non_main_group(get_array(table, "groups"), "main"),
            marker: get_str(table, "markers").map(str::to_owned),
            not_from_index,
        }
        .push_to(parsed);
    });
    parsed.sort();
    parsed
}
