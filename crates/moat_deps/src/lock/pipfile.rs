//! `Pipfile.lock` (pipenv, spec 6): JSON with `default` and `develop` objects of
//! `name → {version: "==x", hashes, markers, extras}`; `git`, `path`, `file` or `editable`
//! entries are direct sources.

use super::{LockedPackage, source_reason};
use crate::model::Parsed;
use crate::text::{LineIndex, strip_bom, syntax_problem};
use serde_json::{Map, Value};

/// Parses a `Pipfile.lock`; `file` is the path shown in sources and problems. Line numbers
/// are those of each package's key in its section.
pub fn parse_pipfile_lock(file: &str, text: &str) -> Parsed {
    let text = strip_bom(text);
    let root: Value = match serde_json::from_str(text) {
        Ok(root) => root,
        Err(err) => {
            let line = u32::try_from(err.line()).ok().filter(|&line| line > 0);
            return Parsed::from_problem(syntax_problem(
                file,
                line,
                format!("invalid JSON: {err}"),
            ));
        }
    };
    let mut parsed = Parsed::default();
    let Some(root) = root.as_object() else {
        parsed.problems.push(syntax_problem(
            file,
            Some(1),
            "`Pipfile.lock` must be a JSON object",
        ));
        return parsed;
    };
    let lines = LineIndex::new(text);
    for (section, group) in [("default", None), ("develop", Some("develop"))] {
        let Some(value) = root.get(section) else {
            continue;
        };
        let section_at = text.find(&format!("\"{section}\"")).unwrap_or(0);
        let Some(packages) = value.as_object() else {
            parsed.problems.push(syntax_problem(
                file,
                Some(lines.line(section_at)),
                format!("`{section}` must be an object"),
            ));
            continue;
        };
        read_section(file, text, &lines, section_at, packages, group, &mut parsed);
    }
    parsed.sort();
    parsed
}

fn read_section(
    file: &str,
    text: &str,
    lines: &LineIndex,
    section_at: usize,
    packages: &Map<String, Value>,
    group: Option<&str>,
    parsed: &mut Parsed,
) {
    for (name, entry) in packages {
        let key = serde_json::to_string(name).unwrap_or_default();
        let line = text[section_at..]
            .find(&format!("{key}:"))
            .or_else(|| text[section_at..].find(&key))
            .map(|at| lines.line(section_at + at));
        let Some(entry) = entry.as_object() else {
            parsed.problems.push(syntax_problem(
                file,
                line,
                format!("package `{name}` must be an object"),
            ));
            continue;
        };
        let not_from_index = ["git", "hg", "svn", "bzr", "path", "file"]
            .into_iter()
            .find_map(|key| {
                let target = entry.get(key)?.as_str()?;
                let editable = entry.get("editable").and_then(Value::as_bool) == Some(true);
                let reason = if editable {
                    "editable install"
                } else {
                    source_reason(key)?
                };
                Some((reason, target.to_owned()))
            });
        let version = entry.get("version").and_then(Value::as_str);
        let version = version.map(|v| {
            v.strip_prefix("===")
                .or_else(|| v.strip_prefix("=="))
                .unwrap_or(v)
        });
        let hashes = entry
            .get("hashes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        let before = parsed.dependencies.len();
        LockedPackage {
            file,
            line,
            name,
            version,
            hashes,
            group: group.map(str::to_owned),
            marker: entry
                .get("markers")
                .and_then(Value::as_str)
                .map(str::to_owned),
            not_from_index,
        }
        .push_to(parsed);
        if let Some(extras) = entry.get("extras").and_then(Value::as_array)
            && let Some(dependency) = parsed.dependencies.get_mut(before)
        {
            dependency.extras = extras
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
        }
    }
}
