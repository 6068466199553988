//! A parsed TOML document with spans, and small accessors that report line numbers.

use crate::text::{LineIndex, syntax_problem};
use moat_diagnostics::Problem;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

/// A TOML value with its span.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// A TOML document kept with its line index.
pub(crate) struct TomlDoc<'i> {
    /// The root table.
    pub(crate) root: DeTable<'i>,
    lines: LineIndex,
}

impl<'i> TomlDoc<'i> {
    /// Parses `text`; a syntax error becomes a problem at its line.
    pub(crate) fn parse(file: &str, text: &'i str) -> Result<Self, Problem> {
        let lines = LineIndex::new(text);
        match DeTable::parse(text) {
            Ok(root) => Ok(Self {
                root: root.into_inner(),
                lines,
            }),
            Err(err) => {
                let line = err.span().map(|span| lines.line(span.start));
                Err(syntax_problem(
                    file,
                    line,
                    format!("invalid TOML: {}", err.message().trim()),
                ))
            }
        }
    }

    /// The 1-based line where `value` starts.
    pub(crate) fn line_of<T>(&self, value: &Spanned<T>) -> u32 {
        self.lines.line(value.span().start)
    }
}

/// The value at `key` in `table`.
pub(crate) fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Value<'i>> {
    table.get(key)
}

/// The table at `key`, if it is one.
pub(crate) fn get_table<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    get(table, key).and_then(|value| value.get_ref().as_table())
}

/// The array at `key`, if it is one.
pub(crate) fn get_array<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeArray<'i>> {
    get(table, key).and_then(|value| value.get_ref().as_array())
}

/// The string at `key`, if it is one.
pub(crate) fn get_str<'a>(table: &'a DeTable<'_>, key: &str) -> Option<&'a str> {
    get(table, key).and_then(|value| value.get_ref().as_str())
}

/// The boolean at `key`, if it is one.
pub(crate) fn get_bool(table: &DeTable<'_>, key: &str) -> Option<bool> {
    get(table, key).and_then(|value| value.get_ref().as_bool())
}
