//! `pdm.lock` (lock_version 4.x): `[[package]]` with `name`, `version`, `groups`, `marker`,
//! `files[].hash`, `git` / `path` / `url` for direct sources, and the edges in
//! `dependencies` (PEP 508 strings).

use super::{
    EdgeOrigin, LockedPackage, file_hashes, for_each_package, non_main_group, package_name,
    parse_lock_doc, source_reason,
};
use crate::model::Parsed;
use crate::toml_doc::{get_array, get_bool, get_str};

/// Parses a `pdm.lock`; `file` is the path shown in sources and problems.
pub fn parse_pdm_lock(file: &str, text: &str) -> Parsed {
    let doc = match parse_lock_doc(file, text) {
        Ok(doc) => doc,
        Err(parsed) => return parsed,
    };
    let mut parsed = Parsed::default();
    for_each_package(&doc, file, "package", &mut parsed, |table, line, parsed| {
        let Some(name) = package_name(table, file, line, parsed) else {
            return;
        };
        let not_from_index = ["git", "hg", "svn", "bzr", "path", "url"]
            .into_iter()
            .find_map(|key| {
                let target = get_str(table, key)?;
                let reason = if key == "path" && get_bool(table, "editable") == Some(true) {
                    "editable install"
                } else {
                    source_reason(key)?
                };
                Some((reason, target.to_owned()))
            });
        let hashes = file_hashes(get_array(table, "files"));
        let origin = EdgeOrigin {
            file,
            line,
            from: name,
        };
        for requirement in get_array(table, "dependencies")
            .into_iter()
            .flat_map(|a| a.iter())
            .filter_map(super::as_str)
        {
            origin.push_requirement(parsed, requirement, None);
        }
        LockedPackage {
            file,
            line,
            name,
            version: get_str(table, "version"),
            hashes,
            group: non_main_group(get_array(table, "groups"), "default"),
            marker: get_str(table, "marker").map(str::to_owned),
            not_from_index,
        }
        .push_to(parsed);
    });
    parsed.sort();
    parsed
}
