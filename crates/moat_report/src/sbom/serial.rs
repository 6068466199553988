//! Name-based UUIDs (version 5) of a document's content, so that the same SBOM always gets
//! the same serial number and namespace.

use uuid::Uuid;

/// Moat's namespace for SBOM UUIDs: the v5 UUID of the URL `https://moat.invalid/sbom`.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://moat.invalid/sbom")
}

/// The v5 UUID of `content`, lowercase and hyphenated.
pub(crate) fn content_uuid(content: &[u8]) -> String {
    Uuid::new_v5(&namespace(), content).hyphenated().to_string()
}
