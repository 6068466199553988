//! Reading the nested tables of a configuration (`[tool.moat.audit]`, `[tool.moat.taint]`)
//! from TOML's spanned syntax tree, so that every error names the line of the offending key
//! or value.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::config::{ConfigError, closest};

/// A configuration file's text, with what error messages need to name places in it.
pub(crate) struct Reader<'a> {
    /// The file, as messages name it.
    pub(crate) path: &'a Path,
    /// Its text.
    pub(crate) text: &'a str,
    /// Where Moat's keys sit: `tool.moat.` in `pyproject.toml`, nothing in `moat.toml`.
    pub(crate) prefix: &'static str,
}

impl<'a> Reader<'a> {
    /// The whole document, parsed with spans.
    pub(crate) fn document(&self) -> Result<Spanned<DeTable<'a>>, ConfigError> {
        DeTable::parse(self.text).map_err(|error| ConfigError::Parse {
            path: self.path.to_path_buf(),
            line: error.span().map(|span| self.line(span.start)),
            message: error.message().to_string(),
        })
    }

    /// The value of Moat's key `key` in `document`, if it is there.
    pub(crate) fn moat_key<'d>(
        &self,
        document: &'d DeTable<'a>,
        key: &str,
    ) -> Option<&'d Spanned<DeValue<'a>>> {
        let mut table = document;
        for segment in self.prefix.split('.').filter(|segment| !segment.is_empty()) {
            match table.get(segment).map(Spanned::get_ref) {
                Some(DeValue::Table(inner)) => table = inner,
                _ => return None,
            }
        }
        table.get(key)
    }

    /// The 1-based line of byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&byte| byte == b'\n')
            .count()
            + 1
    }

    /// An invalid value for Moat's key `key` (written without the prefix), at `at`.
    pub(crate) fn invalid(
        &self,
        key: &str,
        at: &Spanned<DeValue<'_>>,
        message: String,
    ) -> ConfigError {
        ConfigError::InvalidValue {
            path: self.path.to_path_buf(),
            line: Some(self.line(at.span().start)),
            key: format!("{}{key}", self.prefix),
            message,
        }
    }

    /// Fails on the first key of `table` (Moat's key `key`) that is not in `allowed`.
    pub(crate) fn known_keys(
        &self,
        table: &DeTable<'_>,
        key: &str,
        allowed: &'static [&'static str],
    ) -> Result<(), ConfigError> {
        for name in table.keys() {
            if !allowed.contains(&name.get_ref().as_ref()) {
                return Err(ConfigError::UnknownNestedKey {
                    path: self.path.to_path_buf(),
                    line: Some(self.line(name.span().start)),
                    key: format!("{}{key}.{}", self.prefix, name.get_ref()),
                    suggestion: closest(name.get_ref(), allowed),
                    allowed,
                });
            }
        }
        Ok(())
    }
}

/// "a string", "an integer", … for messages.
pub(crate) fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}
