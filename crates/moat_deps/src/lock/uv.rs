//! `uv.lock` (lock format version 1): `[[package]]` with `name`, `version`, `source`,
//! `sdist.hash`, `wheels[].hash`, and the edges in `dependencies`,
//! `[package.optional-dependencies]` and `[package.dev-dependencies]`.

use super::{
    EdgeOrigin, LockedPackage, for_each_package, package_name, parse_lock_doc, source_reason,
};
use crate::model::Parsed;
use crate::text::syntax_problem;
use crate::toml_doc::{get, get_array, get_str, get_table};

/// Parses a `uv.lock`; `file` is the path shown in sources and problems.
pub fn parse_uv_lock(file: &str, text: &str) -> Parsed {
    let doc = match parse_lock_doc(file, text) {
        Ok(doc) => doc,
        Err(parsed) => return parsed,
    };
    let mut parsed = Parsed::default();
    // Only version 1 is documented; other versions are read the same way but reported.
    if let Some(version) = get(&doc.root, "version")
        && version.get_ref().as_integer().map(|v| v.as_str()) != Some("1")
    {
        parsed.problems.push(syntax_problem(
            file,
            Some(doc.line_of(version)),
            "unsupported `uv.lock` version; expected `version = 1`",
        ));
    }
    for_each_package(&doc, file, "package", &mut parsed, |table, line, parsed| {
        let Some(name) = package_name(table, file, line, parsed) else {
            return;
        };
        // `source = { registry = "…" }` is an index; every other key names a direct source.
        let not_from_index = get_table(table, "source").and_then(|source| {
            source.iter().find_map(|(kind, target)| {
                let reason = source_reason(kind.get_ref())?;
                let target = target.get_ref().as_str().unwrap_or_default();
                Some((reason, target.to_owned()))
            })
        });
        let mut hashes: Vec<String> = get_table(table, "sdist")
            .and_then(|sdist| get_str(sdist, "hash"))
            .map(str::to_owned)
            .into_iter()
            .collect();
        for wheel in get_array(table, "wheels")
            .into_iter()
            .flat_map(|a| a.iter())
        {
            if let Some(hash) = wheel.get_ref().as_table().and_then(|w| get_str(w, "hash")) {
                hashes.push(hash.to_owned());
            }
        }
        let origin = EdgeOrigin {
            file,
            line,
            from: name,
        };
        origin.push_tables(parsed, get_array(table, "dependencies"), None);
        for key in ["optional-dependencies", "dev-dependencies"] {
            for (group, entries) in get_table(table, key).into_iter().flatten() {
                origin.push_tables(parsed, entries.get_ref().as_array(), Some(group.get_ref()));
            }
        }
        let git = get_table(table, "source").and_then(|source| get_str(source, "git"));
        let unauditable_before = parsed.unauditable.len();
        LockedPackage {
            file,
            line,
            name,
            version: get_str(table, "version"),
            hashes,
            group: None,
            marker: None,
            not_from_index,
        }
        .push_to(parsed);
        // `https://host/repo?rev=v1#<commit>` is where pip would say `git+https://host/repo@<commit>`.
        if let Some(git) = git
            && parsed.unauditable.len() > unauditable_before
            && let Some(entry) = super::last_unauditable(parsed, name)
        {
            let (repository, commit) = git.split_once('#').unwrap_or((git, ""));
            let repository = repository.split('?').next().unwrap_or(repository);
            entry.target = Some(super::git_url(repository, Some(commit)));
        }
    });
    parsed.sort();
    parsed
}
