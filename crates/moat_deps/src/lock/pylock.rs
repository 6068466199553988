//! `pylock.toml` (PEP 751, lock-version 1.0): `[[packages]]` with `name`, `version`,
//! `marker`, `vcs` / `directory` / `archive` for direct sources, `hashes` tables on
//! `sdist`, `wheels` and `archive`, and the edges in `dependencies` (`{ name = "…" }`).

use super::{
    EdgeOrigin, LockedPackage, for_each_package, package_name, parse_lock_doc, source_reason,
};
use crate::model::Parsed;
use crate::toml_doc::{get_array, get_str, get_table};
use toml::de::DeTable;

/// Parses a `pylock.toml` (or `pylock.<name>.toml`); `file` is the path shown in sources
/// and problems.
pub fn parse_pylock(file: &str, text: &str) -> Parsed {
    let doc = match parse_lock_doc(file, text) {
        Ok(doc) => doc,
        Err(parsed) => return parsed,
    };
    let mut parsed = Parsed::default();
    for_each_package(
        &doc,
        file,
        "packages",
        &mut parsed,
        |table, line, parsed| {
            let Some(name) = package_name(table, file, line, parsed) else {
                return;
            };
            let not_from_index = ["vcs", "directory", "archive"].into_iter().find_map(|key| {
                let source = get_table(table, key)?;
                let target = get_str(source, "url")
                    .or_else(|| get_str(source, "path"))
                    .unwrap_or_default();
                Some((source_reason(key)?, target.to_owned()))
            });
            let mut hashes = Vec::new();
            if let Some(sdist) = get_table(table, "sdist") {
                hashes.extend(table_hashes(sdist));
            }
            for wheel in get_array(table, "wheels")
                .into_iter()
                .flat_map(|a| a.iter())
            {
                if let Some(wheel) = wheel.get_ref().as_table() {
                    hashes.extend(table_hashes(wheel));
                }
            }
            EdgeOrigin {
                file,
                line,
                from: name,
            }
            .push_tables(parsed, get_array(table, "dependencies"), None);
            LockedPackage {
                file,
                line,
                name,
                version: get_str(table, "version"),
                hashes,
                group: None,
                marker: get_str(table, "marker").map(str::to_owned),
                not_from_index,
            }
            .push_to(parsed);
        },
    );
    parsed.sort();
    parsed
}

/// `hashes = { sha256 = "…" }` as `sha256:…`, sorted by algorithm.
fn table_hashes(artifact: &DeTable<'_>) -> Vec<String> {
    let mut hashes: Vec<String> = get_table(artifact, "hashes")
        .into_iter()
        .flatten()
        .filter_map(|(algorithm, digest)| {
            Some(format!(
                "{}:{}",
                algorithm.get_ref(),
                digest.get_ref().as_str()?
            ))
        })
        .collect();
    hashes.sort();
    hashes
}
