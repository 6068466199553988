//! Configuration: `[tool.moat]` in `pyproject.toml`, or the top-level keys of a `moat.toml`.
//!
//! [`Config::discover`] finds the file by walking upward from the checked paths,
//! [`Config::from_file`] loads one named with `--config`, and [`Config::with_root`] (or
//! [`Config::default`]) stands for "no configuration". Every key is validated when the file is
//! loaded: an unknown key, a value of the wrong type, an unknown rule selector or a bad glob
//! fails with a [`ConfigError`] that names the file, the line, the dotted key and what is
//! allowed there.
//!
//! The values are plain data. Merging them with command-line flags (flag > file > default) is
//! the binary's job.

use std::collections::HashSet;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use moat_diagnostics::{Confidence, RuleMeta, Selector, Severity, UnknownSelector};
use serde::Deserialize;
use toml::{Spanned, Value};

use crate::paths::{normalize, relative_to};

/// File name of a dedicated configuration file; its keys are at the top level.
pub const MOAT_TOML: &str = "moat.toml";

/// File name of a Python project file; Moat reads its `[tool.moat]` table.
pub const PYPROJECT_TOML: &str = "pyproject.toml";

/// Globs of the files checked when `include` is not set.
pub const DEFAULT_INCLUDE: &[&str] = &["*.py", "*.pyi"];

/// Files larger than this many bytes (10 MB) are not analysed unless `max-file-size` says
/// otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Every key a configuration may contain, as written in the file.
pub const CONFIG_KEYS: &[&str] = &[
    "select",
    "extend-select",
    "ignore",
    "exclude",
    "include",
    "severity",
    "confidence",
    "baseline",
    "respect-gitignore",
    "check-tests",
    "max-file-size",
    "per-path-ignores",
    "audit",
    "taint",
];

/// A loaded and validated configuration, with paths resolved against its directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file this configuration came from (absolute), or `None` for the defaults.
    pub path: Option<PathBuf>,
    /// The directory that relative paths and globs in the configuration are relative to:
    /// the configuration file's directory, or the working directory when there is no file.
    pub root: PathBuf,
    /// `select`: the selectors that replace the default rule set; `None` when not set.
    pub select: Option<Vec<String>>,
    /// `extend-select`: selectors added to the selected rules.
    pub extend_select: Vec<String>,
    /// `ignore`: selectors removed from the selected rules (ignore wins over select).
    pub ignore: Vec<String>,
    /// `exclude`: gitignore-style globs, relative to [`Config::root`], of paths to skip in
    /// addition to the built-in exclusions.
    pub exclude: Vec<String>,
    /// `include`: gitignore-style globs of the files to check when walking directories;
    /// [`DEFAULT_INCLUDE`] when not set.
    pub include: Vec<String>,
    /// `severity`: the lowest severity reported ([`Severity::Low`] by default).
    pub severity: Severity,
    /// `confidence`: the lowest confidence reported ([`Confidence::Low`] by default).
    pub confidence: Confidence,
    /// `baseline`: a baseline file, resolved against [`Config::root`].
    pub baseline: Option<PathBuf>,
    /// `respect-gitignore`: whether `.gitignore`, `.ignore`, `.git/info/exclude` and the global
    /// git excludes file are honoured (`true` by default).
    pub respect_gitignore: bool,
    /// `check-tests`: whether every selected rule also runs on test code (`false` by
    /// default: only the rules that matter in code that is never deployed do; see
    /// `RuleMeta::checks_test_code`).
    pub check_tests: bool,
    /// `max-file-size`: files larger than this many bytes are reported, not analysed.
    pub max_file_size: u64,
    /// `per-path-ignores`: globs (relative to [`Config::root`]) and the selectors of the rules
    /// that do not run on the matching files, sorted by glob.
    pub per_path_ignores: Vec<(String, Vec<String>)>,
    /// `audit.ignore`: vulnerabilities `moat audit` accepts, in file order.
    pub audit_ignores: Vec<crate::audit_config::AuditIgnore>,
    /// `taint`: which kinds of input are untrusted and the extra taint model files.
    pub taint: crate::taint_config::TaintConfig,
}

impl Config {
    /// The defaults, with relative paths taken from `root`.
    pub fn with_root(root: impl Into<PathBuf>) -> Config {
        Config {
            path: None,
            root: root.into(),
            select: None,
            extend_select: Vec::new(),
            ignore: Vec::new(),
            exclude: Vec::new(),
            include: DEFAULT_INCLUDE
                .iter()
                .map(|glob| (*glob).to_string())
                .collect(),
            severity: Severity::Low,
            confidence: Confidence::Low,
            baseline: None,
            respect_gitignore: true,
            check_tests: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            per_path_ignores: Vec::new(),
            audit_ignores: Vec::new(),
            taint: crate::taint_config::TaintConfig::default(),
        }
    }

    /// Loads the file given with `--config`: a file named `pyproject.toml` is read for its
    /// `[tool.moat]` table (which must exist); any other name is read as a `moat.toml`.
    ///
    /// Selectors are checked against `rules`.
    pub fn from_file(path: &Path, rules: &[&'static RuleMeta]) -> Result<Config, ConfigError> {
        let absolute = std::path::absolute(path)
            .map(|absolute| normalize(&absolute))
            .map_err(|error| ConfigError::Read {
                path: path.to_path_buf(),
                error,
            })?;
        load(path, &absolute, rules)
    }

    /// Finds and loads the configuration for a run over `paths` (relative ones are taken from
    /// `cwd`; no paths means `cwd` itself).
    ///
    /// For each path in turn (its directory, if it is a file), directories are searched upward
    /// and the first one holding a `moat.toml`, or a `pyproject.toml` with a `[tool.moat]`
    /// table, wins; `moat.toml` goes first within one directory. The first path that finds a
    /// file decides for the whole run. With no file found, this is [`Config::with_root`]`(cwd)`.
    pub fn discover(
        paths: &[PathBuf],
        cwd: &Path,
        rules: &[&'static RuleMeta],
    ) -> Result<Config, ConfigError> {
        let cwd = normalize(cwd);
        let starts: Vec<PathBuf> = if paths.is_empty() {
            vec![cwd.clone()]
        } else {
            paths
                .iter()
                .map(|path| normalize(&cwd.join(path)))
                .collect()
        };
        let mut searched = HashSet::new();
        for start in starts {
            let directory = if start.is_dir() {
                start
            } else {
                match start.parent() {
                    Some(parent) => parent.to_path_buf(),
                    None => continue,
                }
            };
            if let Some(found) = find_in_ancestors(&directory, &cwd, &mut searched)? {
                // Messages name the file relative to the working directory when under it.
                return load(relative_to(&found, &cwd), &found, rules);
            }
        }
        Ok(Config::with_root(cwd))
    }

    /// The configuration file that applies to `directory`: the nearest `moat.toml`, or
    /// `pyproject.toml` with a `[tool.moat]` table, in it or one of its ancestors.
    ///
    /// Fails only when a `pyproject.toml` that mentions Moat cannot be read or parsed.
    pub fn find(directory: &Path) -> Result<Option<PathBuf>, ConfigError> {
        let directory = normalize(directory);
        find_in_ancestors(&directory, &directory, &mut HashSet::new())
    }
}

impl Default for Config {
    /// The defaults, rooted at the current working directory (or `.` when it is unknown).
    fn default() -> Config {
        Config::with_root(std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))
    }
}

/// Parses a size such as `10MB`, `512 KB`, `1.5GB` or `4096` into bytes.
///
/// Units are case-insensitive powers of 1024: `B`, `KB`/`KiB`/`K`, `MB`/`MiB`/`M`,
/// `GB`/`GiB`/`G`. The size must be at least one byte. The error says what is accepted.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let expected = || {
        format!(
            "`{text}` is not a size; expected a number of bytes, or a number followed by \
             KB, MB or GB (e.g. \"10MB\")"
        )
    };
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(expected()),
    };
    if number.is_empty() {
        return Err(expected());
    }
    let bytes = if number.contains('.') {
        let value: f64 = number.parse().map_err(|_| expected())?;
        let bytes = (value * multiplier as f64).round();
        if !bytes.is_finite() || bytes >= u64::MAX as f64 {
            return Err(format!("`{text}` is too large"));
        }
        bytes as u64
    } else {
        let value: u64 = number.parse().map_err(|_| expected())?;
        value
            .checked_mul(multiplier)
            .ok_or_else(|| format!("`{text}` is too large"))?
    };
    if bytes == 0 {
        return Err(format!(
            "`{text}` is zero; the size must be at least one byte"
        ));
    }
    Ok(bytes)
}

/// Why a configuration file could not be used. The message names the file, the line when
/// known, the dotted key and what is allowed.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read configuration file `{}`: {error}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        error: io::Error,
    },
    /// The file is not valid TOML.
    #[error("{}: invalid TOML: {message}", At(path, *line))]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error, when known.
        line: Option<usize>,
        /// What the TOML parser reported.
        message: String,
    },
    /// A key that Moat does not know.
    #[error(
        "{}: unknown key `{key}`{}; allowed keys: {}{}",
        At(path, *line),
        DidYouMean(*suggestion),
        CONFIG_KEYS.join(", "),
        hint.map(|hint| format!(" ({hint})")).unwrap_or_default()
    )]
    UnknownKey {
        /// The file.
        path: PathBuf,
        /// 1-based line of the key, when known.
        line: Option<usize>,
        /// The dotted key, e.g. `tool.moat.selct`.
        key: String,
        /// The closest allowed key.
        suggestion: Option<&'static str>,
        /// Advice for a likely mix-up, such as a `[tool.moat]` table inside `moat.toml`.
        hint: Option<&'static str>,
    },
    /// A key that Moat does not know inside a nested table (`[tool.moat.audit]`).
    #[error(
        "{}: unknown key `{key}`{}; allowed keys: {}",
        At(path, *line),
        DidYouMean(*suggestion),
        allowed.join(", ")
    )]
    UnknownNestedKey {
        /// The file.
        path: PathBuf,
        /// 1-based line of the key, when known.
        line: Option<usize>,
        /// The dotted key, e.g. `tool.moat.audit.ignroe`.
        key: String,
        /// The closest allowed key.
        suggestion: Option<&'static str>,
        /// The keys allowed in that table.
        allowed: &'static [&'static str],
    },
    /// A known key with a value of the wrong type or out of range.
    #[error("{}: invalid value for `{key}`: {message}", At(path, *line))]
    InvalidValue {
        /// The file.
        path: PathBuf,
        /// 1-based line of the value, when known.
        line: Option<usize>,
        /// The dotted key, e.g. `tool.moat.severity`.
        key: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// A selector that names no rule, category or alias.
    #[error("{}: invalid value for `{key}`: {selector}", At(path, *line))]
    UnknownSelector {
        /// The file.
        path: PathBuf,
        /// 1-based line of the selector, when known.
        line: Option<usize>,
        /// The dotted key, e.g. `tool.moat.select`.
        key: String,
        /// The selector and the closest rule id.
        selector: UnknownSelector,
    },
    /// A `pyproject.toml` given with `--config` has no `[tool.moat]` table.
    #[error(
        "`{}` has no `[tool.moat]` table; add one, or pass a `moat.toml` to `--config`",
        path.display()
    )]
    MissingTable {
        /// The file.
        path: PathBuf,
    },
}

/// Renders "`file` line N" (or just "`file`").
struct At<'a>(&'a Path, Option<usize>);

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", self.0.display())?;
        if let Some(line) = self.1 {
            write!(f, " line {line}")?;
        }
        Ok(())
    }
}

/// Renders "; did you mean `x`?" when there is a suggestion.
struct DidYouMean(Option<&'static str>);

impl fmt::Display for DidYouMean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(suggestion) => write!(f, " (did you mean `{suggestion}`?)"),
            None => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Moat,
    Pyproject,
}

impl Format {
    fn of(path: &Path) -> Format {
        if path.file_name().is_some_and(|name| name == PYPROJECT_TOML) {
            Format::Pyproject
        } else {
            Format::Moat
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Format::Moat => "",
            Format::Pyproject => "tool.moat.",
        }
    }
}

/// The keys as serde sees them; values are checked by hand for precise messages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOptions {
    select: Option<Spanned<Value>>,
    extend_select: Option<Spanned<Value>>,
    ignore: Option<Spanned<Value>>,
    exclude: Option<Spanned<Value>>,
    include: Option<Spanned<Value>>,
    severity: Option<Spanned<Value>>,
    confidence: Option<Spanned<Value>>,
    baseline: Option<Spanned<Value>>,
    respect_gitignore: Option<Spanned<Value>>,
    check_tests: Option<Spanned<Value>>,
    max_file_size: Option<Spanned<Value>>,
    per_path_ignores: Option<Spanned<Value>>,
    audit: Option<Spanned<Value>>,
    taint: Option<Spanned<Value>>,
}

#[derive(Debug, Deserialize)]
struct Pyproject {
    tool: Option<PyprojectTools>,
}

#[derive(Debug, Deserialize)]
struct PyprojectTools {
    moat: Option<RawOptions>,
}

/// Loads the file at `absolute`, naming it `shown` in messages.
fn load(shown: &Path, absolute: &Path, rules: &[&'static RuleMeta]) -> Result<Config, ConfigError> {
    let text = fs_err::read_to_string(absolute).map_err(|error| ConfigError::Read {
        path: shown.to_path_buf(),
        error,
    })?;
    parse_config(&text, shown, absolute, Format::of(absolute), rules)?.ok_or_else(|| {
        ConfigError::MissingTable {
            path: shown.to_path_buf(),
        }
    })
}

/// Searches `directory` and its ancestors; messages name files relative to `cwd`.
fn find_in_ancestors(
    directory: &Path,
    cwd: &Path,
    searched: &mut HashSet<PathBuf>,
) -> Result<Option<PathBuf>, ConfigError> {
    for dir in directory.ancestors() {
        if !searched.insert(dir.to_path_buf()) {
            // Already searched from an earlier path, and found nothing there or above.
            return Ok(None);
        }
        let moat = dir.join(MOAT_TOML);
        if moat.is_file() {
            return Ok(Some(moat));
        }
        let pyproject = dir.join(PYPROJECT_TOML);
        if pyproject.is_file() && has_moat_table(&pyproject, relative_to(&pyproject, cwd))? {
            return Ok(Some(pyproject));
        }
    }
    Ok(None)
}

/// Whether a `pyproject.toml` has a `tool.moat` key. Files that never mention `moat` are not
/// parsed, so an unrelated broken `pyproject.toml` higher up does not stop a run.
fn has_moat_table(path: &Path, shown: &Path) -> Result<bool, ConfigError> {
    let text = fs_err::read_to_string(path).map_err(|error| ConfigError::Read {
        path: shown.to_path_buf(),
        error,
    })?;
    if !text.contains("moat") {
        return Ok(false);
    }
    let table: toml::Table = text
        .parse()
        .map_err(|error| parse_error(shown, &text, &error))?;
    Ok(table
        .get("tool")
        .and_then(Value::as_table)
        .is_some_and(|tool| tool.contains_key("moat")))
}

fn parse_error(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
    ConfigError::Parse {
        path: path.to_path_buf(),
        line: error.span().map(|span| line_of(text, span.start)),
        message: error.message().to_string(),
    }
}

/// Parses `text`; `None` when it is a `pyproject.toml` without `[tool.moat]`.
fn parse_config(
    text: &str,
    shown: &Path,
    absolute: &Path,
    format: Format,
    rules: &[&'static RuleMeta],
) -> Result<Option<Config>, ConfigError> {
    let document: toml::Table = text
        .parse()
        .map_err(|error| parse_error(shown, text, &error))?;
    let context = Context {
        path: shown,
        text,
        prefix: format.prefix(),
        rules,
    };
    let raw = match format {
        Format::Moat => {
            toml::from_str::<RawOptions>(text).map_err(|error| context.structure_error(&error))?
        }
        Format::Pyproject => {
            let Some(tool) = document.get("tool") else {
                return Ok(None);
            };
            let Some(tool) = tool.as_table() else {
                return Err(context.invalid(
                    "tool".to_string(),
                    None,
                    format!("expected a table, found {}", describe(tool)),
                ));
            };
            match tool.get("moat") {
                None => return Ok(None),
                Some(Value::Table(_)) => {}
                Some(other) => {
                    return Err(context.invalid(
                        "tool.moat".to_string(),
                        None,
                        format!("expected a table, found {}", describe(other)),
                    ));
                }
            }
            let pyproject = toml::from_str::<Pyproject>(text)
                .map_err(|error| context.structure_error(&error))?;
            match pyproject.tool.and_then(|tool| tool.moat) {
                Some(raw) => raw,
                None => return Ok(None),
            }
        }
    };
    let root = absolute
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let mut config = Config::with_root(root);
    config.path = Some(absolute.to_path_buf());
    context.apply(raw, &mut config)?;
    Ok(Some(config))
}

struct Context<'a> {
    path: &'a Path,
    text: &'a str,
    prefix: &'static str,
    rules: &'a [&'static RuleMeta],
}

impl Context<'_> {
    fn key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    fn line(&self, offset: usize) -> usize {
        line_of(self.text, offset)
    }

    fn invalid(&self, key: String, line: Option<usize>, message: String) -> ConfigError {
        ConfigError::InvalidValue {
            path: self.path.to_path_buf(),
            line,
            key,
            message,
        }
    }

    /// Turns a serde error from the typed pass into an error naming the key.
    fn structure_error(&self, error: &toml::de::Error) -> ConfigError {
        let line = error.span().map(|span| self.line(span.start));
        let message = error.message();
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let name = match rest.split_once('`') {
                Some((name, _)) => name.to_string(),
                None => error
                    .span()
                    .and_then(|span| self.text.get(span))
                    .unwrap_or(rest)
                    .trim_matches(|c| c == '"' || c == '\'')
                    .to_string(),
            };
            let hint = (self.prefix.is_empty() && name == "tool").then_some(
                "in `moat.toml` the keys go at the top level, without a `[tool.moat]` table",
            );
            return ConfigError::UnknownKey {
                path: self.path.to_path_buf(),
                line,
                suggestion: closest(&name, CONFIG_KEYS),
                hint,
                key: self.key(&name),
            };
        }
        ConfigError::Parse {
            path: self.path.to_path_buf(),
            line,
            message: message.to_string(),
        }
    }

    fn apply(&self, raw: RawOptions, config: &mut Config) -> Result<(), ConfigError> {
        if let Some(value) = raw.select {
            config.select = Some(self.selectors("select", &value)?);
        }
        if let Some(value) = raw.extend_select {
            config.extend_select = self.selectors("extend-select", &value)?;
        }
        if let Some(value) = raw.ignore {
            config.ignore = self.selectors("ignore", &value)?;
        }
        if let Some(value) = raw.exclude {
            config.exclude = self.globs("exclude", &value)?;
        }
        if let Some(value) = raw.include {
            let include = self.globs("include", &value)?;
            if include.is_empty() {
                return Err(self.invalid(
                    self.key("include"),
                    Some(self.line(value.span().start)),
                    "expected at least one glob; an empty list would check no files \
                     (remove the key to check `*.py` and `*.pyi`)"
                        .to_string(),
                ));
            }
            config.include = include;
        }
        if let Some(value) = raw.severity {
            config.severity =
                self.level("severity", &value, &Severity::ALL.map(Severity::as_str))?;
        }
        if let Some(value) = raw.confidence {
            config.confidence = self.level(
                "confidence",
                &value,
                &Confidence::ALL.map(Confidence::as_str),
            )?;
        }
        if let Some(value) = raw.baseline {
            let text = self.string("baseline", &value, "a path to a baseline file")?;
            if text.trim().is_empty() {
                return Err(self.invalid(
                    self.key("baseline"),
                    Some(self.line(value.span().start)),
                    "expected a path to a baseline file, found an empty string".to_string(),
                ));
            }
            config.baseline = Some(normalize(&config.root.join(text)));
        }
        if let Some(value) = raw.respect_gitignore {
            config.respect_gitignore = self.flag("respect-gitignore", &value)?;
        }
        if let Some(value) = raw.check_tests {
            config.check_tests = self.flag("check-tests", &value)?;
        }
        if let Some(value) = raw.max_file_size {
            config.max_file_size = self.size("max-file-size", &value)?;
        }
        if let Some(value) = raw.per_path_ignores {
            config.per_path_ignores = self.per_path_ignores(&value)?;
        }
        if raw.audit.is_some() {
            config.audit_ignores =
                crate::audit_config::audit_ignores(self.path, self.text, self.prefix)?;
        }
        if raw.taint.is_some() {
            config.taint =
                crate::taint_config::taint_config(self.path, self.text, self.prefix, &config.root)?;
        }
        Ok(())
    }

    fn string<'v>(
        &self,
        key: &str,
        value: &'v Spanned<Value>,
        what: &str,
    ) -> Result<&'v str, ConfigError> {
        match value.get_ref() {
            Value::String(text) => Ok(text),
            other => Err(self.invalid(
                self.key(key),
                Some(self.line(value.span().start)),
                format!("expected {what} as a string, found {}", describe(other)),
            )),
        }
    }

    fn level<T>(
        &self,
        key: &str,
        value: &Spanned<Value>,
        allowed: &[&str],
    ) -> Result<T, ConfigError>
    where
        T: std::str::FromStr<Err = String>,
    {
        let text = self.string(key, value, &format!("one of {}", allowed.join(", ")))?;
        text.parse::<T>().map_err(|message| {
            self.invalid(self.key(key), Some(self.line(value.span().start)), message)
        })
    }

    /// An array of strings, each with the line it is on.
    fn strings(
        &self,
        key: &str,
        value: &Spanned<Value>,
        what: &str,
    ) -> Result<Vec<(String, usize)>, ConfigError> {
        let span = value.span();
        let Value::Array(items) = value.get_ref() else {
            return Err(self.invalid(
                self.key(key),
                Some(self.line(span.start)),
                format!(
                    "expected an array of {what}, found {}",
                    describe(value.get_ref())
                ),
            ));
        };
        items
            .iter()
            .enumerate()
            .map(|(index, item)| match item {
                Value::String(text) => Ok((text.clone(), self.element_line(&span, text))),
                other => Err(self.invalid(
                    format!("{}[{index}]", self.key(key)),
                    Some(self.line(span.start)),
                    format!("expected {what} as strings, found {}", describe(other)),
                )),
            })
            .collect()
    }

    fn selectors(&self, key: &str, value: &Spanned<Value>) -> Result<Vec<String>, ConfigError> {
        self.selector_list(
            &self.key(key),
            self.strings(key, value, "rule ids, aliases or categories")?,
        )
    }

    fn selector_list(
        &self,
        key: &str,
        items: Vec<(String, usize)>,
    ) -> Result<Vec<String>, ConfigError> {
        items
            .into_iter()
            .map(|(text, line)| match Selector::parse(&text, self.rules) {
                Ok(_) => Ok(text),
                Err(selector) => Err(ConfigError::UnknownSelector {
                    path: self.path.to_path_buf(),
                    line: Some(line),
                    key: key.to_string(),
                    selector,
                }),
            })
            .collect()
    }

    fn globs(&self, key: &str, value: &Spanned<Value>) -> Result<Vec<String>, ConfigError> {
        self.strings(key, value, "gitignore-style globs")?
            .into_iter()
            .map(
                |(glob, line)| match crate::paths::check_gitignore_glob(&glob) {
                    Ok(()) => Ok(glob),
                    Err(message) => Err(self.invalid(self.key(key), Some(line), message)),
                },
            )
            .collect()
    }

    fn flag(&self, key: &str, value: &Spanned<Value>) -> Result<bool, ConfigError> {
        match value.get_ref() {
            Value::Boolean(flag) => Ok(*flag),
            other => Err(self.invalid(
                self.key(key),
                Some(self.line(value.span().start)),
                format!("expected `true` or `false`, found {}", describe(other)),
            )),
        }
    }

    fn size(&self, key: &str, value: &Spanned<Value>) -> Result<u64, ConfigError> {
        let line = Some(self.line(value.span().start));
        match value.get_ref() {
            Value::Integer(bytes) if *bytes >= 1 => Ok(bytes.unsigned_abs()),
            Value::Integer(bytes) => Err(self.invalid(
                self.key(key),
                line,
                format!("`{bytes}` is not a size; expected at least one byte"),
            )),
            Value::String(text) => {
                parse_size(text).map_err(|message| self.invalid(self.key(key), line, message))
            }
            other => Err(self.invalid(
                self.key(key),
                line,
                format!(
                    "expected a number of bytes or a string such as \"10MB\", found {}",
                    describe(other)
                ),
            )),
        }
    }

    fn per_path_ignores(
        &self,
        value: &Spanned<Value>,
    ) -> Result<Vec<(String, Vec<String>)>, ConfigError> {
        let span = value.span();
        let Value::Table(table) = value.get_ref() else {
            return Err(self.invalid(
                self.key("per-path-ignores"),
                Some(self.line(span.start)),
                format!(
                    "expected a table mapping globs to lists of rule selectors, e.g. \
                     `\"tests/**\" = [\"assert-used\"]`, found {}",
                    describe(value.get_ref())
                ),
            ));
        };
        // The table's own span may cover only its header; search from there to the end.
        let rest = span.start..self.text.len();
        let mut entries = Vec::with_capacity(table.len());
        for (glob, selectors) in table {
            let key = format!("{}per-path-ignores.{}", self.prefix, quote_key(glob));
            let line = self.element_line(&rest, glob);
            if let Err(message) = crate::paths::check_path_glob(glob) {
                return Err(self.invalid(key, Some(line), message));
            }
            let Value::Array(items) = selectors else {
                return Err(self.invalid(
                    key,
                    Some(line),
                    format!(
                        "expected an array of rule ids, aliases or categories, found {}",
                        describe(selectors)
                    ),
                ));
            };
            let mut list = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                match item {
                    Value::String(text) => list.push((text.clone(), line)),
                    other => {
                        return Err(self.invalid(
                            format!("{key}[{index}]"),
                            Some(line),
                            format!(
                                "expected rule ids, aliases or categories as strings, found {}",
                                describe(other)
                            ),
                        ));
                    }
                }
            }
            entries.push((glob.clone(), self.selector_list(&key, list)?));
        }
        // Sorted whatever order the TOML map keeps, so output never depends on features.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(entries)
    }

    /// The line of a string inside `span`: where it appears quoted, else where `span` starts.
    fn element_line(&self, span: &Range<usize>, needle: &str) -> usize {
        let found = self.text.get(span.clone()).and_then(|haystack| {
            [format!("\"{needle}\""), format!("'{needle}'")]
                .iter()
                .filter_map(|quoted| haystack.find(quoted.as_str()))
                .min()
        });
        self.line(span.start + found.unwrap_or(0))
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// "a string", "an integer", … for messages.
fn describe(value: &Value) -> String {
    let kind = value.type_str();
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind}")
}

/// A TOML key as it would be written: bare when possible, else quoted.
fn quote_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_string()
    } else {
        format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The allowed word closest to `word`, if it is close enough to be a typo.
pub(crate) fn closest(word: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let word = word.to_ascii_lowercase();
    allowed
        .iter()
        .map(|candidate| (edit_distance(&word, candidate), *candidate))
        .filter(|&(distance, candidate)| distance <= candidate.len() / 3 + 1)
        .min()
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}
