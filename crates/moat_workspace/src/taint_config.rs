//! The `[taint]` table of a `moat.toml` (`[tool.moat.taint]` in `pyproject.toml`): which
//! kinds of input the taint rules treat as untrusted, and extra taint model files.
//!
//! ```toml
//! [tool.moat.taint]
//! untrusted = ["remote", "local", "environment"]   # default: ["remote"]
//! models = ["moat-models/internal-db.toml"]         # relative to this file
//! ```
//!
//! The table is read from the file's spanned syntax tree so that every error names the
//! line of the offending key or value. Model files are only named here; the taint model
//! loader reads them and reports a missing or malformed one.

use std::path::{Path, PathBuf};

use moat_diagnostics::Threat;
use toml::Spanned;
use toml::de::DeValue;

use crate::config::{ConfigError, closest};
use crate::paths::normalize;
use crate::spanned::{Reader, describe};

/// The keys of the `taint` table.
pub const TAINT_KEYS: &[&str] = &["untrusted", "models"];

/// The names `taint.untrusted` accepts.
const THREAT_NAMES: &[&str] = &["remote", "local", "environment"];

/// The taint analysis settings of a configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaintConfig {
    /// `taint.untrusted`: the kinds of input taint sources produce that are treated as
    /// untrusted, without repeats, in [`Threat`] order; [`Threat::DEFAULT_UNTRUSTED`]
    /// (`remote`) when not set. Sources of other kinds are ignored.
    pub untrusted: Vec<Threat>,
    /// `taint.models`: extra taint model files, absolute (relative paths are resolved
    /// against the configuration file's directory), in file order without repeats. Whether
    /// they exist is checked when they are loaded, not here.
    pub models: Vec<PathBuf>,
}

impl TaintConfig {
    /// Whether input of kind `threat` is treated as untrusted.
    pub fn is_untrusted(&self, threat: Threat) -> bool {
        self.untrusted.contains(&threat)
    }
}

impl Default for TaintConfig {
    /// `remote` input is untrusted; no extra models.
    fn default() -> TaintConfig {
        TaintConfig {
            untrusted: Threat::DEFAULT_UNTRUSTED.to_vec(),
            models: Vec::new(),
        }
    }
}

/// Reads the taint settings of the configuration `text` (whose `taint` table sits under
/// `prefix`, `tool.moat.` or nothing); `path` names the file in errors and `root` is the
/// directory model paths are relative to.
pub(crate) fn taint_config(
    path: &Path,
    text: &str,
    prefix: &'static str,
    root: &Path,
) -> Result<TaintConfig, ConfigError> {
    let reader = Reader { path, text, prefix };
    let document = reader.document()?;
    let mut config = TaintConfig::default();
    let Some(taint) = reader.moat_key(document.get_ref(), "taint") else {
        return Ok(config);
    };
    let DeValue::Table(table) = taint.get_ref() else {
        return Err(reader.invalid(
            "taint",
            taint,
            format!(
                "expected a table (`[{prefix}taint]`), found {}",
                describe(taint.get_ref())
            ),
        ));
    };
    reader.known_keys(table, "taint", TAINT_KEYS)?;
    if let Some(value) = table.get("untrusted") {
        config.untrusted = reader.untrusted(value)?;
    }
    if let Some(value) = table.get("models") {
        config.models = reader.models(value, root)?;
    }
    Ok(config)
}

impl Reader<'_> {
    /// The items of the array `taint.<key>`, each a string, with its place in the file.
    fn string_items<'v, 'x>(
        &self,
        key: &str,
        value: &'v Spanned<DeValue<'x>>,
        what: &str,
    ) -> Result<Vec<(&'v str, &'v Spanned<DeValue<'x>>)>, ConfigError> {
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.invalid(
                &format!("taint.{key}"),
                value,
                format!(
                    "expected an array of {what}, found {}",
                    describe(value.get_ref())
                ),
            ));
        };
        items
            .iter()
            .enumerate()
            .map(|(index, item)| match item.get_ref() {
                DeValue::String(text) => Ok((text.as_ref(), item)),
                other => Err(self.invalid(
                    &format!("taint.{key}[{index}]"),
                    item,
                    format!("expected {what} as strings, found {}", describe(other)),
                )),
            })
            .collect()
    }

    fn untrusted(&self, value: &Spanned<DeValue<'_>>) -> Result<Vec<Threat>, ConfigError> {
        let what = format!("kinds of input ({})", THREAT_NAMES.join(", "));
        let mut threats = Vec::new();
        for (index, (name, item)) in self
            .string_items("untrusted", value, &what)?
            .into_iter()
            .enumerate()
        {
            let threat = name.parse::<Threat>().map_err(|message| {
                let hint = closest(name, THREAT_NAMES)
                    .map(|suggestion| format!(" (did you mean `{suggestion}`?)"))
                    .unwrap_or_default();
                self.invalid(
                    &format!("taint.untrusted[{index}]"),
                    item,
                    format!("{message}{hint}"),
                )
            })?;
            threats.push(threat);
        }
        if threats.is_empty() {
            return Err(self.invalid(
                "taint.untrusted",
                value,
                "expected at least one kind of input; with none, no input is untrusted and the \
                 taint rules report nothing (ignore them with `ignore` instead)"
                    .to_string(),
            ));
        }
        threats.sort();
        threats.dedup();
        Ok(threats)
    }

    fn models(
        &self,
        value: &Spanned<DeValue<'_>>,
        root: &Path,
    ) -> Result<Vec<PathBuf>, ConfigError> {
        let mut models = Vec::new();
        for (index, (text, item)) in self
            .string_items("models", value, "paths to taint model files")?
            .into_iter()
            .enumerate()
        {
            if text.trim().is_empty() {
                return Err(self.invalid(
                    &format!("taint.models[{index}]"),
                    item,
                    "expected a path to a taint model file, found an empty string".to_string(),
                ));
            }
            let model = normalize(&root.join(text));
            if !models.contains(&model) {
                models.push(model);
            }
        }
        Ok(models)
    }
}

#[cfg(test)]
mod tests {
    use super::TaintConfig;
    use crate::config::Config;
    use crate::test_rules::RULES;
    use moat_diagnostics::Threat;
    use std::path::Path;

    fn load_in(dir: &Path, name: &str, text: &str) -> Result<Config, String> {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        Config::from_file(&path, &RULES)
            .map_err(|error| error.to_string().replace(&dir.display().to_string(), "DIR"))
    }

    fn load(name: &str, text: &str) -> Result<Config, String> {
        let dir = tempfile::tempdir().unwrap();
        load_in(dir.path(), name, text)
    }

    #[test]
    fn defaults_trust_the_command_line_and_environment_and_add_no_models() {
        let defaults = TaintConfig::default();
        assert_eq!(defaults.untrusted, [Threat::Remote]);
        assert!(defaults.models.is_empty());
        assert!(defaults.is_untrusted(Threat::Remote));
        assert!(!defaults.is_untrusted(Threat::Local));
        assert!(!defaults.is_untrusted(Threat::Environment));
        assert_eq!(Config::with_root("/p").taint, defaults);
        let config = load("pyproject.toml", "[tool.moat]\nselect = [\"ALL\"]\n").unwrap();
        assert_eq!(config.taint, defaults);
        let config = load("moat.toml", "[taint]\n").unwrap();
        assert_eq!(config.taint, defaults);
    }

    #[test]
    fn untrusted_and_models_are_read_from_pyproject_and_moat_toml() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let config = load_in(
            &dir.path().join("sub"),
            "pyproject.toml",
            r#"[project]
name = "x"

[tool.moat.taint]
untrusted = ["environment", "remote", "Local", "remote"]
models = ["models/db.toml", "../shared/./web.toml", "/opt/moat/extra.toml", "models/db.toml"]
"#,
        )
        .unwrap();
        assert_eq!(
            config.taint.untrusted,
            [Threat::Remote, Threat::Local, Threat::Environment]
        );
        assert_eq!(
            config.taint.models,
            [
                dir.path().join("sub/models/db.toml"),
                dir.path().join("shared/web.toml"),
                Path::new("/opt/moat/extra.toml").to_path_buf(),
            ]
        );
        let config = load_in(
            dir.path(),
            "moat.toml",
            "[taint]\nuntrusted = [\"remote\"]\nmodels = [\"m.toml\"]\n",
        )
        .unwrap();
        assert_eq!(config.taint.untrusted, [Threat::Remote]);
        assert!(!config.taint.is_untrusted(Threat::Local));
        assert_eq!(config.taint.models, [dir.path().join("m.toml")]);
        // A model file that does not exist is the loader's to report.
        assert!(!config.taint.models[0].exists());
    }

    #[test]
    fn bad_values_name_the_file_line_and_key() {
        let cases = [
            (
                "[tool.moat.taint]\nuntrusted = [\"remote\", \"remot\"]\n",
                "`DIR/pyproject.toml` line 2: invalid value for `tool.moat.taint.untrusted[1]`: \
                 `remot` is not a kind of input; expected one of: remote, local, environment \
                 (did you mean `remote`?)",
            ),
            (
                "[tool.moat.taint]\nuntrusted = [\n  \"local\",\n  \"network\",\n]\n",
                "line 4: invalid value for `tool.moat.taint.untrusted[1]`: `network` is not a \
                 kind of input; expected one of: remote, local, environment",
            ),
            (
                "[tool.moat.taint]\nuntrusted = \"remote\"\n",
                "line 2: invalid value for `tool.moat.taint.untrusted`: expected an array of \
                 kinds of input (remote, local, environment), found a string",
            ),
            (
                "[tool.moat.taint]\nuntrusted = [\"remote\", 3]\n",
                "line 2: invalid value for `tool.moat.taint.untrusted[1]`: expected kinds of \
                 input (remote, local, environment) as strings, found an integer",
            ),
            (
                "[tool.moat.taint]\nuntrusted = []\n",
                "line 2: invalid value for `tool.moat.taint.untrusted`: expected at least one \
                 kind of input",
            ),
            (
                "[tool.moat.taint]\nmodels = \"extra.toml\"\n",
                "line 2: invalid value for `tool.moat.taint.models`: expected an array of paths \
                 to taint model files, found a string",
            ),
            (
                "[tool.moat.taint]\nmodels = [\"a.toml\", \" \"]\n",
                "line 2: invalid value for `tool.moat.taint.models[1]`: expected a path to a \
                 taint model file, found an empty string",
            ),
            (
                "[tool.moat.taint]\nmodels = [{ path = \"a.toml\" }]\n",
                "line 2: invalid value for `tool.moat.taint.models[0]`: expected paths to taint \
                 model files as strings, found a table",
            ),
            (
                "[tool.moat.taint]\nuntrusted = [\"remote\"]\nmodel = []\n",
                "`DIR/pyproject.toml` line 3: unknown key `tool.moat.taint.model` (did you mean \
                 `models`?); allowed keys: untrusted, models",
            ),
            (
                "[tool.moat]\ntaint = true\n",
                "line 2: invalid value for `tool.moat.taint`: expected a table \
                 (`[tool.moat.taint]`), found a boolean",
            ),
        ];
        for (text, expected) in cases {
            let error = load("pyproject.toml", text).unwrap_err();
            assert!(
                error.contains(expected),
                "{error}\n  does not contain\n{expected}"
            );
        }
        let error = load("moat.toml", "[taint]\nuntrustd = [\"local\"]\n").unwrap_err();
        assert!(
            error.contains("line 2: unknown key `taint.untrustd` (did you mean `untrusted`?)"),
            "{error}"
        );
        let error = load("moat.toml", "taint = \"on\"\n").unwrap_err();
        assert!(
            error.contains("expected a table (`[taint]`), found a string"),
            "{error}"
        );
    }
}
