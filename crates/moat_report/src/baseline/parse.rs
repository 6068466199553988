//! Reading a baseline file, with errors that name the entry and the key at fault.

use super::BaselineEntry;
use toml::{Table, Value};

/// Why a baseline file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaselineError {
    /// The text is not TOML; the message comes from the TOML parser and gives the line.
    #[error("the baseline is not valid TOML: {0}")]
    Toml(String),
    /// `version` is missing or is not `1`.
    #[error(
        "the baseline has {0}; expected `version = 1` (regenerate the baseline if it was written by another Moat release)"
    )]
    Version(String),
    /// A top-level key other than `version` and `finding`, or a `finding` that is not an
    /// array of tables.
    #[error("the baseline's top-level key `{key}` {message}")]
    TopLevel {
        /// The key.
        key: String,
        /// What is wrong with it.
        message: String,
    },
    /// A `[[finding]]` entry with a missing, unknown or invalid key.
    #[error("baseline `[[finding]]` entry {index}, key `{key}`: {message}")]
    Entry {
        /// 1-based position of the entry in the file.
        index: usize,
        /// The key at fault.
        key: String,
        /// What is wrong with it.
        message: String,
    },
}

const REQUIRED: [&str; 3] = ["rule", "file", "fingerprint"];
const OPTIONAL: [&str; 2] = ["reason", "expires"];

pub(super) fn parse(text: &str) -> Result<Vec<BaselineEntry>, BaselineError> {
    let mut table: Table = toml::from_str(text)
        .map_err(|error| BaselineError::Toml(error.to_string().trim_end().to_string()))?;
    match table.remove("version") {
        Some(Value::Integer(1)) => {}
        Some(other) => return Err(BaselineError::Version(format!("`version = {other}`"))),
        None => return Err(BaselineError::Version("no `version` key".to_string())),
    }
    let findings = table.remove("finding");
    if let Some(key) = table.keys().next() {
        return Err(BaselineError::TopLevel {
            key: key.clone(),
            message: "is not known; a baseline has `version` and `[[finding]]` entries".into(),
        });
    }
    let entries = match findings {
        None => return Ok(Vec::new()),
        Some(Value::Array(entries)) => entries,
        Some(_) => {
            return Err(BaselineError::TopLevel {
                key: "finding".into(),
                message: "must be an array of tables, written as `[[finding]]` entries".into(),
            });
        }
    };
    entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| parse_entry(i + 1, entry))
        .collect()
}

fn parse_entry(index: usize, entry: Value) -> Result<BaselineEntry, BaselineError> {
    let error = |key: &str, message: String| BaselineError::Entry {
        index,
        key: key.to_string(),
        message,
    };
    let Value::Table(mut table) = entry else {
        return Err(error("finding", "expected a table".into()));
    };
    let rule = required(&mut table, "rule", &error)?;
    let file = required(&mut table, "file", &error)?;
    let fingerprint = required(&mut table, "fingerprint", &error)?;
    let reason = match table.remove("reason") {
        None => None,
        Some(Value::String(reason)) => Some(reason),
        Some(other) => {
            let found = other.type_str();
            return Err(error("reason", format!("expected a string, found {found}")));
        }
    };
    let expires = match table.remove("expires") {
        None => None,
        Some(value) => Some(date(&value).ok_or_else(|| {
            error(
                "expires",
                format!("expected a date written `YYYY-MM-DD`, found `{value}`"),
            )
        })?),
    };
    if let Some(key) = table.keys().next() {
        let known: Vec<String> = REQUIRED
            .iter()
            .chain(&OPTIONAL)
            .map(|key| format!("`{key}`"))
            .collect();
        return Err(error(
            key,
            format!("unknown key; expected {}", known.join(", ")),
        ));
    }
    Ok(BaselineEntry {
        rule,
        file,
        fingerprint,
        reason,
        expires,
    })
}

/// The `YYYY-MM-DD` text of a valid calendar date given as a string or a TOML local date.
fn required(
    table: &mut Table,
    key: &str,
    error: &dyn Fn(&str, String) -> BaselineError,
) -> Result<String, BaselineError> {
    match table.remove(key) {
        Some(Value::String(value)) if !value.is_empty() => Ok(value),
        Some(Value::String(_)) => Err(error(key, "must not be empty".into())),
        Some(other) => Err(error(
            key,
            format!("expected a string, found {}", other.type_str()),
        )),
        None => Err(error(
            key,
            "missing; every entry needs `rule`, `file` and `fingerprint`".into(),
        )),
    }
}

fn date(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Datetime(datetime) if datetime.time.is_none() && datetime.offset.is_none() => {
            datetime.date?.to_string()
        }
        _ => return None,
    };
    is_date(&text).then_some(text)
}

/// Whether `text` is a valid calendar date written `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| bytes[i].is_ascii_digit());
    if !shape_ok {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> u32 { text[range].parse().unwrap_or(0) };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    year >= 1 && (1..=days_in_month).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        assert!(is_date("2027-01-31"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("1900-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(!is_date("2027-13-01"));
        assert!(!is_date("2027-04-31"));
        assert!(!is_date("2027-1-31"));
        assert!(!is_date("27-01-31xx"));
        assert!(!is_date("0000-01-01"));
        assert!(!is_date("2027-01-3١"));
    }
}
