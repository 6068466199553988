//! Core metadata files (`METADATA`, `PKG-INFO`): the header fields Moat needs.

use crate::model::License;

/// A header field's value and the 1-based line it starts on.
pub(crate) type Field = (String, u32);

/// The fields of one `METADATA` file that identify a distribution and its licence.
#[derive(Debug, Default)]
pub(crate) struct Metadata {
    /// `Name:`.
    pub(crate) name: Option<Field>,
    /// `Version:`.
    pub(crate) version: Option<Field>,
    /// `License:`, `License-Expression:` and `Classifier: License :: …`.
    pub(crate) license: License,
}

/// Reads the header block (everything before the first blank line) of a core metadata
/// file. Continuation lines (starting with whitespace) extend the previous field.
pub(crate) fn parse_metadata(text: &str) -> Metadata {
    let mut fields: Vec<(String, String, u32)> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, value, _)) = fields.last_mut() {
                value.push('\n');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((key, value)) = line.split_once(':') {
            let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            fields.push((key.trim().to_owned(), value.trim().to_owned(), number));
        }
    }
    let mut metadata = Metadata::default();
    for (key, value, line) in fields {
        match key.to_ascii_lowercase().as_str() {
            "name" => metadata.name = Some((value, line)),
            "version" => metadata.version = Some((value, line)),
            "license" if !value.is_empty() => metadata.license.text = Some(value),
            "license-expression" => metadata.license.expression = Some(value),
            "classifier" if value.starts_with("License ::") => {
                metadata.license.classifiers.push(value);
            }
            _ => {}
        }
    }
    metadata
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers_and_licences() {
        let metadata = parse_metadata(
            "Metadata-Version: 2.4\r\nName: Foo\r\nVersion: 1.0\r\nLicense: MIT\r\n        line two\r\n\
             License-Expression: MIT OR Apache-2.0\r\nClassifier: License :: OSI Approved :: MIT License\r\n\
             Classifier: Programming Language :: Python\r\n\r\nVersion: 9.9\r\n",
        );
        assert_eq!(metadata.name, Some(("Foo".to_owned(), 2)));
        assert_eq!(metadata.version, Some(("1.0".to_owned(), 3)));
        assert_eq!(metadata.license.text.as_deref(), Some("MIT\nline two"));
        assert_eq!(
            metadata.license.expression.as_deref(),
            Some("MIT OR Apache-2.0")
        );
        assert_eq!(
            metadata.license.classifiers,
            vec!["License :: OSI Approved :: MIT License".to_owned()]
        );
    }
}
