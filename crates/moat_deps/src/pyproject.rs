//! `pyproject.toml`: PEP 621 `[project]` dependencies and optional dependencies, PEP 735
//! `[dependency-groups]`, and Poetry's `[tool.poetry]` tables (in [`crate::poetry_project`]).

use crate::model::{Kind, Parsed};
use crate::name::normalize_name;
use crate::pep508::{Entry, Origin, parse_requirement};
use crate::text::{strip_bom, syntax_problem};
use crate::toml_doc::{TomlDoc, Value, get, get_str, get_table};
use toml::de::{DeArray, DeTable, DeValue};

/// Parses the dependency tables of a `pyproject.toml` whose text is `text`; `file` is the
/// path shown in sources and problems.
pub fn parse_pyproject(file: &str, text: &str) -> Parsed {
    let doc = match TomlDoc::parse(file, strip_bom(text)) {
        Ok(doc) => doc,
        Err(problem) => return Parsed::from_problem(problem),
    };
    let mut reader = Reader {
        doc: &doc,
        file,
        parsed: Parsed::default(),
        project_name: None,
    };
    reader.project();
    reader.dependency_groups();
    let mut parsed = reader.parsed;
    crate::poetry_project::parse_poetry(&doc, file, &mut parsed);
    parsed.sort();
    parsed
}

/// Walks one document, collecting into `parsed`.
struct Reader<'a, 'i> {
    doc: &'a TomlDoc<'i>,
    file: &'a str,
    parsed: Parsed,
    /// The normalised `[project] name`, so self-references (`pkg[test]`) are skipped.
    project_name: Option<String>,
}

impl<'i> Reader<'_, 'i> {
    /// `[project] dependencies` and `[project.optional-dependencies]`.
    fn project(&mut self) {
        let Some(project) = get_table(&self.doc.root, "project") else {
            return;
        };
        self.project_name = get_str(project, "name").map(normalize_name);
        if let Some(value) = get(project, "dependencies")
            && let Some(items) = self.expect_array(value, "`project.dependencies`")
        {
            for item in items.iter() {
                self.requirement_item(item, None);
            }
        }
        let Some(optional) = get(project, "optional-dependencies") else {
            return;
        };
        let Some(optional) = self.expect_table(optional, "`project.optional-dependencies`") else {
            return;
        };
        for (extra, value) in optional {
            let what = format!("`project.optional-dependencies.{}`", extra.get_ref());
            if let Some(items) = self.expect_array(value, &what) {
                for item in items.iter() {
                    self.requirement_item(item, Some(extra.get_ref()));
                }
            }
        }
    }

    /// `[dependency-groups]` (PEP 735), with `{include-group = "…"}` resolved.
    fn dependency_groups(&mut self) {
        let Some(value) = get(&self.doc.root, "dependency-groups") else {
            return;
        };
        let Some(groups) = self.expect_table(value, "`dependency-groups`") else {
            return;
        };
        for (name, _) in groups {
            let mut requirements = Vec::new();
            let mut stack = Vec::new();
            self.collect_group(groups, name.get_ref(), None, &mut stack, &mut requirements);
            for item in requirements {
                self.requirement_item(item, Some(name.get_ref()));
            }
        }
    }

    /// Appends the requirement strings of group `name` and of the groups it includes.
    fn collect_group<'a>(
        &mut self,
        groups: &'a DeTable<'i>,
        name: &str,
        included_at: Option<u32>,
        stack: &mut Vec<String>,
        out: &mut Vec<&'a Value<'i>>,
    ) {
        let normalized = normalize_name(name);
        if stack.contains(&normalized) {
            self.parsed.problems.push(syntax_problem(
                self.file,
                included_at,
                format!("dependency group `{name}` includes itself"),
            ));
            return;
        }
        let Some((key, value)) = groups
            .iter()
            .find(|(key, _)| normalize_name(key.get_ref()) == normalized)
        else {
            self.parsed.problems.push(syntax_problem(
                self.file,
                included_at,
                format!("included dependency group `{name}` does not exist"),
            ));
            return;
        };
        let what = format!("`dependency-groups.{}`", key.get_ref());
        let Some(items) = self.expect_array(value, &what) else {
            return;
        };
        stack.push(normalized);
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(table) => match get_str(table, "include-group") {
                    Some(included) => {
                        let line = Some(self.doc.line_of(item));
                        self.collect_group(groups, included, line, stack, out);
                    }
                    None => self.parsed.problems.push(syntax_problem(
                        self.file,
                        Some(self.doc.line_of(item)),
                        format!(
                            "{what}: expected a requirement string or `{{include-group = \"…\"}}`"
                        ),
                    )),
                },
                _ => out.push(item),
            }
        }
        stack.pop();
    }

    /// One requirement string from an array.
    fn requirement_item(&mut self, item: &Value<'i>, group: Option<&str>) {
        let line = Some(self.doc.line_of(item));
        let Some(text) = item.get_ref().as_str() else {
            self.parsed.problems.push(syntax_problem(
                self.file,
                line,
                format!(
                    "expected a requirement string, found a {}",
                    item.get_ref().type_str()
                ),
            ));
            return;
        };
        let origin = Origin {
            file: self.file,
            line,
            kind: Kind::Direct,
            group,
        };
        match parse_requirement(text, origin) {
            Ok(Entry::Dependency(dependency)) => {
                // `pkg[test]` inside pkg's own extras names the project itself.
                if self.project_name.as_ref() != Some(&dependency.normalized_name) {
                    self.parsed.dependencies.push(dependency);
                }
            }
            Ok(Entry::Unauditable(entry)) => self.parsed.unauditable.push(entry),
            Err(problem) => self.parsed.problems.push(problem),
        }
    }

    fn expect_array<'a>(&mut self, value: &'a Value<'i>, what: &str) -> Option<&'a DeArray<'i>> {
        let array = value.get_ref().as_array();
        if array.is_none() {
            self.type_problem(value, what, "an array");
        }
        array
    }

    fn expect_table<'a>(&mut self, value: &'a Value<'i>, what: &str) -> Option<&'a DeTable<'i>> {
        let table = value.get_ref().as_table();
        if table.is_none() {
            self.type_problem(value, what, "a table");
        }
        table
    }

    fn type_problem(&mut self, value: &Value<'i>, what: &str, expected: &str) {
        self.parsed.problems.push(syntax_problem(
            self.file,
            Some(self.doc.line_of(value)),
            format!(
                "{what} must be {expected}, found a {}",
                value.get_ref().type_str()
            ),
        ));
    }
}
