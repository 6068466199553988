//! The `[audit]` table of a `moat.toml` (`[tool.moat.audit]` in `pyproject.toml`): known
//! vulnerabilities the project accepts, each with a reason and an optional expiry date.
//!
//! ```toml
//! [[tool.moat.audit.ignore]]
//! id = "GHSA-xxxx-xxxx-xxxx"   # any id or alias of the vulnerability
//! reason = "we never parse untrusted cookies"
//! expires = "2027-01-31"       # optional; reported again from the day after
//! ```
//!
//! The table is read from the file's spanned syntax tree so that every error names the
//! line of the offending key or value.

use std::path::Path;

use toml::Spanned;
use toml::de::DeValue;

use crate::config::ConfigError;
use crate::spanned::{Reader, describe};

/// The keys of the `audit` table.
pub const AUDIT_KEYS: &[&str] = &["ignore"];

/// The keys of one `audit.ignore` entry.
pub const AUDIT_IGNORE_KEYS: &[&str] = &["id", "reason", "expires"];

/// One accepted vulnerability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditIgnore {
    /// Any id or alias of the vulnerability, as written.
    pub id: String,
    /// Why it is accepted (required, not empty).
    pub reason: String,
    /// The last day (`YYYY-MM-DD`) the acceptance holds; from the day after, the
    /// vulnerability is reported again. `None`: no expiry.
    pub expires: Option<String>,
    /// The 1-based line of the entry's `id` in the configuration file.
    pub line: usize,
}

/// Reads the accepted vulnerabilities of the configuration `text` (whose `audit` table sits
/// under `prefix`, `tool.moat.` or nothing); `path` names the file in errors.
pub(crate) fn audit_ignores(
    path: &Path,
    text: &str,
    prefix: &'static str,
) -> Result<Vec<AuditIgnore>, ConfigError> {
    let reader = Reader { path, text, prefix };
    let document = reader.document()?;
    let Some(audit) = reader.moat_key(document.get_ref(), "audit") else {
        return Ok(Vec::new());
    };
    let DeValue::Table(audit_table) = audit.get_ref() else {
        return Err(reader.invalid(
            "audit",
            audit,
            format!(
                "expected a table (`[{}audit]`), found {}",
                prefix,
                describe(audit.get_ref())
            ),
        ));
    };
    reader.known_keys(audit_table, "audit", AUDIT_KEYS)?;
    let Some(ignore) = audit_table.get("ignore") else {
        return Ok(Vec::new());
    };
    let DeValue::Array(entries) = ignore.get_ref() else {
        return Err(reader.invalid(
            "audit.ignore",
            ignore,
            format!(
                "expected an array of tables (`[[{prefix}audit.ignore]]` entries with `id` and \
                 `reason`), found {}",
                describe(ignore.get_ref())
            ),
        ));
    };
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| reader.entry(index, entry))
        .collect()
}

impl Reader<'_> {
    fn entry(
        &self,
        index: usize,
        entry: &Spanned<DeValue<'_>>,
    ) -> Result<AuditIgnore, ConfigError> {
        let key = format!("audit.ignore[{index}]");
        let DeValue::Table(table) = entry.get_ref() else {
            return Err(self.invalid(
                &key,
                entry,
                format!(
                    "expected a table with `id` and `reason`, found {}",
                    describe(entry.get_ref())
                ),
            ));
        };
        self.known_keys(table, &key, AUDIT_IGNORE_KEYS)?;
        let missing = |field: &str| ConfigError::InvalidValue {
            path: self.path.to_path_buf(),
            line: Some(self.line(entry.span().start)),
            key: format!("{}{key}", self.prefix),
            message: format!(
                "`{field}` is required: every accepted vulnerability needs an `id` (any id or \
                 alias, e.g. \"GHSA-xxxx-xxxx-xxxx\") and a `reason`"
            ),
        };
        let id_value = table.get("id").ok_or_else(|| missing("id"))?;
        let id = self.text_field(
            &key,
            "id",
            id_value,
            "a vulnerability id such as \"GHSA-xxxx-xxxx-xxxx\"",
        )?;
        let reason_value = table.get("reason").ok_or_else(|| missing("reason"))?;
        let reason = self.text_field(
            &key,
            "reason",
            reason_value,
            "why the vulnerability is accepted",
        )?;
        let expires = match table.get("expires") {
            None => None,
            Some(value) => Some(self.date(&format!("{key}.expires"), value)?),
        };
        Ok(AuditIgnore {
            id,
            reason,
            expires,
            line: self.line(id_value.span().start),
        })
    }

    /// A non-empty string.
    fn text_field(
        &self,
        key: &str,
        field: &str,
        value: &Spanned<DeValue<'_>>,
        what: &str,
    ) -> Result<String, ConfigError> {
        let key = format!("{key}.{field}");
        match value.get_ref() {
            DeValue::String(text) if !text.trim().is_empty() => Ok(text.trim().to_string()),
            DeValue::String(_) => Err(self.invalid(
                &key,
                value,
                format!("expected {what}, found an empty string"),
            )),
            other => Err(self.invalid(
                &key,
                value,
                format!("expected {what} as a string, found {}", describe(other)),
            )),
        }
    }

    /// A `YYYY-MM-DD` date, as a string or a TOML local date.
    fn date(&self, key: &str, value: &Spanned<DeValue<'_>>) -> Result<String, ConfigError> {
        let text = match value.get_ref() {
            DeValue::String(text) => text.trim().to_string(),
            DeValue::Datetime(datetime) if datetime.time.is_none() && datetime.offset.is_none() => {
                datetime.to_string()
            }
            other => {
                return Err(self.invalid(
                    key,
                    value,
                    format!(
                        "expected a date as \"YYYY-MM-DD\", found {}",
                        describe(other)
                    ),
                ));
            }
        };
        if is_valid_date(&text) {
            Ok(text)
        } else {
            Err(self.invalid(
                key,
                value,
                format!(
                    "`{text}` is not a valid date; expected \"YYYY-MM-DD\", e.g. \"2027-01-31\""
                ),
            ))
        }
    }
}

/// Whether `text` is a real calendar date written `YYYY-MM-DD`.
fn is_valid_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !text
            .bytes()
            .enumerate()
            .all(|(index, byte)| index == 4 || index == 7 || byte.is_ascii_digit())
    {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::{AuditIgnore, is_valid_date};
    use crate::config::Config;
    use crate::test_rules::RULES;

    fn load(name: &str, text: &str) -> Result<Config, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        Config::from_file(&path, &RULES).map_err(|error| {
            error
                .to_string()
                .replace(&dir.path().display().to_string(), "DIR")
        })
    }

    #[test]
    fn ignores_are_read_from_pyproject_and_moat_toml() {
        let config = load(
            "pyproject.toml",
            r#"[project]
name = "x"

[tool.moat]
select = ["ALL"]

[[tool.moat.audit.ignore]]
id = "GHSA-xxxx-xxxx-xxxx"
reason = "we never parse untrusted cookies"
expires = "2027-01-31"

[[tool.moat.audit.ignore]]
id = "CVE-2099-1"
reason = "dev tool only"
expires = 2026-12-01
"#,
        )
        .unwrap();
        assert_eq!(
            config.audit_ignores,
            [
                AuditIgnore {
                    id: "GHSA-xxxx-xxxx-xxxx".into(),
                    reason: "we never parse untrusted cookies".into(),
                    expires: Some("2027-01-31".into()),
                    line: 8,
                },
                AuditIgnore {
                    id: "CVE-2099-1".into(),
                    reason: "dev tool only".into(),
                    expires: Some("2026-12-01".into()),
                    line: 13,
                },
            ]
        );
        let config = load(
            "moat.toml",
            "[audit]\nignore = [{ id = \"PYSEC-1\", reason = \"r\" }]\n",
        )
        .unwrap();
        assert_eq!(config.audit_ignores[0].id, "PYSEC-1");
        assert_eq!(config.audit_ignores[0].expires, None);
    }

    #[test]
    fn bad_entries_name_the_file_line_and_key() {
        let cases = [
            (
                "[[tool.moat.audit.ignore]]\nid = \"X\"\nreasn = \"r\"\n",
                "`DIR/pyproject.toml` line 3: unknown key `tool.moat.audit.ignore[0].reasn` \
                 (did you mean `reason`?); allowed keys: id, reason, expires",
            ),
            (
                "[tool.moat.audit]\nignores = []\n",
                "`DIR/pyproject.toml` line 2: unknown key `tool.moat.audit.ignores` (did you \
                 mean `ignore`?); allowed keys: ignore",
            ),
            (
                "[[tool.moat.audit.ignore]]\nid = \"X\"\n",
                "`DIR/pyproject.toml` line 1: invalid value for `tool.moat.audit.ignore[0]`: \
                 `reason` is required",
            ),
            (
                "[[tool.moat.audit.ignore]]\nid = \"X\"\nreason = \"  \"\n",
                "line 3: invalid value for `tool.moat.audit.ignore[0].reason`: expected why \
                 the vulnerability is accepted, found an empty string",
            ),
            (
                "[[tool.moat.audit.ignore]]\nid = 7\nreason = \"r\"\n",
                "line 2: invalid value for `tool.moat.audit.ignore[0].id`: expected a \
                 vulnerability id such as \"GHSA-xxxx-xxxx-xxxx\" as a string, found an integer",
            ),
            (
                "[[tool.moat.audit.ignore]]\nid = \"X\"\nreason = \"r\"\nexpires = \"2027-02-30\"\n",
                "line 4: invalid value for `tool.moat.audit.ignore[0].expires`: `2027-02-30` is \
                 not a valid date",
            ),
            (
                "[[tool.moat.audit.ignore]]\nid = \"X\"\nreason = \"r\"\nexpires = 2027-01-31T10:00:00Z\n",
                "line 4: invalid value for `tool.moat.audit.ignore[0].expires`: expected a date \
                 as \"YYYY-MM-DD\", found a datetime",
            ),
            (
                "[tool.moat]\naudit = \"off\"\n",
                "line 2: invalid value for `tool.moat.audit`: expected a table",
            ),
            (
                "[tool.moat.audit]\nignore = \"GHSA-x\"\n",
                "line 2: invalid value for `tool.moat.audit.ignore`: expected an array of tables",
            ),
        ];
        for (text, expected) in cases {
            let error = load("pyproject.toml", text).unwrap_err();
            assert!(
                error.contains(expected),
                "{error}\n  does not contain\n{expected}"
            );
        }
        let error = load("moat.toml", "[audit]\nignor = []\n").unwrap_err();
        assert!(
            error.contains("line 2: unknown key `audit.ignor` (did you mean `ignore`?)"),
            "{error}"
        );
    }

    #[test]
    fn calendar_dates() {
        for date in ["2027-01-31", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_valid_date(date), "{date}");
        }
        for date in [
            "2027-02-29",
            "1900-02-29",
            "2027-13-01",
            "2027-00-10",
            "2027-04-31",
            "2027-1-31",
            "27-01-31",
            "2027/01/31",
            "tomorrow",
            "",
            "2027-01-31T00:00:00",
        ] {
            assert!(!is_valid_date(date), "{date}");
        }
    }
}
