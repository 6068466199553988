//! The project a `pyproject.toml` describes: its name and version, for the root of an SBOM.

use crate::text::strip_bom;
use crate::toml_doc::{TomlDoc, get_str, get_table};

/// A project's name and version as its `pyproject.toml` states them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectIdentity {
    /// The name as written.
    pub name: String,
    /// The version as written; `None` when it is absent or `dynamic`.
    pub version: Option<String>,
}

/// The project named by PEP 621 `[project]`, else by Poetry's `[tool.poetry]`; `None` when
/// neither names one or the text is not TOML (which [`crate::parse_pyproject`] reports).
pub fn parse_project_identity(text: &str) -> Option<ProjectIdentity> {
    let doc = TomlDoc::parse("pyproject.toml", strip_bom(text)).ok()?;
    let poetry = get_table(&doc.root, "tool").and_then(|tool| get_table(tool, "poetry"));
    [get_table(&doc.root, "project"), poetry]
        .into_iter()
        .flatten()
        .find_map(|table| {
            let name = get_str(table, "name")?.trim();
            (!name.is_empty()).then(|| ProjectIdentity {
                name: name.to_owned(),
                version: get_str(table, "version").map(|v| v.trim().to_owned()),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pep_621_then_poetry() {
        let both =
            "[project]\nname = \"app\"\nversion = \"1.2\"\n[tool.poetry]\nname = \"other\"\n";
        assert_eq!(
            parse_project_identity(both),
            Some(ProjectIdentity {
                name: "app".into(),
                version: Some("1.2".into())
            })
        );
        let poetry = "[tool.poetry]\nname = \"legacy\"\nversion = \"0.3.0\"\n";
        assert_eq!(
            parse_project_identity(poetry).map(|p| p.name),
            Some("legacy".into())
        );
        let dynamic = "[project]\nname = \"dyn\"\ndynamic = [\"version\"]\n";
        assert_eq!(parse_project_identity(dynamic).unwrap().version, None);
        assert_eq!(parse_project_identity("[tool.ruff]\n"), None);
        assert_eq!(parse_project_identity("[project\n"), None);
    }
}
