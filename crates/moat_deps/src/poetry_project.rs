//! Poetry's dependency tables in `pyproject.toml`: `[tool.poetry.dependencies]`,
//! `[tool.poetry.dev-dependencies]` and `[tool.poetry.group.<name>.dependencies]`.

use crate::model::{Dependency, Kind, Parsed, Source, Unauditable};
use crate::name::normalize_name;
use crate::poetry_version::poetry_requirement;
use crate::text::syntax_problem;
use crate::toml_doc::{TomlDoc, Value, get_array, get_bool, get_str, get_table};
use std::collections::HashMap;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

/// Adds the dependencies of every Poetry table in `doc` to `parsed`.
pub(crate) fn parse_poetry(doc: &TomlDoc<'_>, file: &str, parsed: &mut Parsed) {
    let Some(poetry) = get_table(&doc.root, "tool").and_then(|tool| get_table(tool, "poetry"))
    else {
        return;
    };
    let reader = PoetryReader {
        doc,
        file,
        extras: extras_by_package(poetry),
    };
    if let Some(main) = get_table(poetry, "dependencies") {
        reader.section(main, None, parsed);
    }
    if let Some(dev) = get_table(poetry, "dev-dependencies") {
        reader.section(dev, Some("dev"), parsed);
    }
    if let Some(groups) = get_table(poetry, "group") {
        for (name, group) in groups {
            if let Some(table) = group.get_ref().as_table()
                && let Some(dependencies) = get_table(table, "dependencies")
            {
                reader.section(dependencies, Some(name.get_ref()), parsed);
            }
        }
    }
}

/// `[tool.poetry.extras]` inverted: normalised package name → the first extra listing it.
fn extras_by_package(poetry: &DeTable<'_>) -> HashMap<String, String> {
    let mut map = HashMap::new();
    if let Some(extras) = get_table(poetry, "extras") {
        for (extra, packages) in extras {
            for package in packages
                .get_ref()
                .as_array()
                .into_iter()
                .flat_map(|a| a.iter())
            {
                if let Some(package) = package.get_ref().as_str() {
                    map.entry(normalize_name(package))
                        .or_insert_with(|| extra.get_ref().to_string());
                }
            }
        }
    }
    map
}

struct PoetryReader<'a, 'i> {
    doc: &'a TomlDoc<'i>,
    file: &'a str,
    extras: HashMap<String, String>,
}

impl<'i> PoetryReader<'_, 'i> {
    fn section(&self, table: &DeTable<'i>, group: Option<&str>, parsed: &mut Parsed) {
        for (name, value) in table {
            if name.get_ref() == "python" {
                continue;
            }
            match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        self.entry(name, item, group, parsed);
                    }
                }
                _ => self.entry(name, value, group, parsed),
            }
        }
    }

    /// One `name = "constraint"` or `name = { … }` entry.
    fn entry(
        &self,
        name: &Spanned<DeString<'i>>,
        value: &Value<'i>,
        group: Option<&str>,
        parsed: &mut Parsed,
    ) {
        let line = Some(self.doc.line_of(name));
        let source = Source::new(self.file, line);
        let written = name.get_ref().as_ref();
        let (constraint, table) = match value.get_ref() {
            DeValue::String(constraint) => (constraint.as_ref(), None),
            DeValue::Table(table) => {
                for (key, reason) in [
                    ("git", "VCS requirement"),
                    ("path", "local path requirement"),
                    ("url", "direct URL requirement"),
                ] {
                    if let Some(target) = get_str(table, key) {
                        parsed.unauditable.push(Unauditable {
                            source,
                            name: Some(written.to_owned()),
                            text: format!("{written} @ {target}"),
                            reason: reason.to_owned(),
                            target: Some(target.to_owned()),
                            version: None,
                        });
                        return;
                    }
                }
                (get_str(table, "version").unwrap_or("*"), Some(table))
            }
            other => {
                parsed.problems.push(syntax_problem(
                    self.file,
                    line,
                    format!(
                        "Poetry dependency `{written}` must be a version string or a table, found a {}",
                        other.type_str()
                    ),
                ));
                return;
            }
        };
        let requirement = match poetry_requirement(constraint) {
            Ok(requirement) => requirement,
            Err(message) => {
                parsed.problems.push(syntax_problem(
                    self.file,
                    line,
                    format!("`{written}`: {message}"),
                ));
                return;
            }
        };
        let mut dependency = Dependency::new(written, requirement, source, Kind::Direct);
        dependency.group = group.map(str::to_owned);
        if let Some(table) = table {
            dependency.extras = get_array(table, "extras")
                .into_iter()
                .flat_map(|a| a.iter())
                .filter_map(|extra| extra.get_ref().as_str().map(str::to_owned))
                .collect();
            dependency.marker = get_str(table, "markers").map(str::to_owned);
            if get_bool(table, "optional") == Some(true)
                && let Some(extra) = self.extras.get(&dependency.normalized_name)
            {
                dependency.group = Some(extra.clone());
            }
        }
        parsed.dependencies.push(dependency);
    }
}
