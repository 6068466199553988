//! Displayed paths to SARIF artifact URIs.

use super::log::ArtifactLocation;

/// The base id that relative URIs are resolved against: the repository / project root.
const SOURCE_ROOT: &str = "%SRCROOT%";

/// The artifact location of a displayed path: a percent-encoded relative reference against
/// `%SRCROOT%` for relative paths (`app/views.py`), a `file://` URI for absolute ones.
/// Backslashes become `/`; a leading `./` is dropped.
pub(crate) fn artifact_location(path: &str) -> ArtifactLocation {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let has_drive = bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes.len() == 2 || bytes[2] == b'/');
    if has_drive {
        return absolute(format!("file:///{}{}", &path[..2], encode(&path[2..])));
    }
    if path.starts_with("//") {
        return absolute(format!("file:{}", encode(&path)));
    }
    if path.starts_with('/') {
        return absolute(format!("file://{}", encode(&path)));
    }
    let mut relative = path.as_str();
    while let Some(rest) = relative.strip_prefix("./") {
        relative = rest.trim_start_matches('/');
    }
    ArtifactLocation {
        uri: encode(relative),
        uri_base_id: Some(SOURCE_ROOT),
    }
}

fn absolute(uri: String) -> ArtifactLocation {
    ArtifactLocation {
        uri,
        uri_base_id: None,
    }
}

/// Percent-encodes everything but unreserved characters, sub-delimiters, `@` and `/`. A `:`
/// is encoded too, so a relative path's first segment never reads as a URI scheme.
fn encode(path: &str) -> String {
    crate::percent::percent_encode(path, b"-._~!$&'()*+,;=@/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(path: &str) -> (String, Option<&'static str>) {
        let location = artifact_location(path);
        (location.uri, location.uri_base_id)
    }

    #[test]
    fn relative_paths_resolve_against_the_source_root() {
        assert_eq!(
            uri("app/views.py"),
            ("app/views.py".into(), Some(SOURCE_ROOT))
        );
        assert_eq!(
            uri("./app/views.py"),
            ("app/views.py".into(), Some(SOURCE_ROOT))
        );
        assert_eq!(
            uri("app\\views.py"),
            ("app/views.py".into(), Some(SOURCE_ROOT))
        );
        assert_eq!(
            uri("../lib/x.py"),
            ("../lib/x.py".into(), Some(SOURCE_ROOT))
        );
    }

    #[test]
    fn reserved_and_non_ascii_characters_are_encoded() {
        assert_eq!(
            uri("my app/vüe#1?.py").0,
            "my%20app/v%C3%BCe%231%3F.py".to_string()
        );
        assert_eq!(uri("a:b.py").0, "a%3Ab.py".to_string());
        assert_eq!(uri("100%.py").0, "100%25.py".to_string());
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(uri("/srv/app/x.py"), ("file:///srv/app/x.py".into(), None));
        assert_eq!(uri("C:\\src\\x.py"), ("file:///C:/src/x.py".into(), None));
        assert_eq!(
            uri("\\\\server\\share\\x.py"),
            ("file://server/share/x.py".into(), None)
        );
    }
}
