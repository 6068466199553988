//! Artifact hashes as lock files write them (`sha256:…`) and their names in each format.

/// A hash algorithm that both CycloneDX and SPDX can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HashAlgorithm {
    /// MD5.
    Md5,
    /// SHA-1.
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SHA3-256.
    Sha3_256,
    /// SHA3-384.
    Sha3_384,
    /// SHA3-512.
    Sha3_512,
    /// BLAKE2b-256.
    Blake2b256,
    /// BLAKE2b-384.
    Blake2b384,
    /// BLAKE2b-512.
    Blake2b512,
}

/// Every algorithm: its `hashlib`-style names, CycloneDX name, SPDX name, digest length in
/// hex digits.
const ALGORITHMS: &[(HashAlgorithm, &[&str], &str, &str, usize)] = &[
    (HashAlgorithm::Md5, &["md5"], "MD5", "MD5", 32),
    (HashAlgorithm::Sha1, &["sha1", "sha-1"], "SHA-1", "SHA1", 40),
    (
        HashAlgorithm::Sha256,
        &["sha256", "sha-256"],
        "SHA-256",
        "SHA256",
        64,
    ),
    (
        HashAlgorithm::Sha384,
        &["sha384", "sha-384"],
        "SHA-384",
        "SHA384",
        96,
    ),
    (
        HashAlgorithm::Sha512,
        &["sha512", "sha-512"],
        "SHA-512",
        "SHA512",
        128,
    ),
    (
        HashAlgorithm::Sha3_256,
        &["sha3_256", "sha3-256"],
        "SHA3-256",
        "SHA3-256",
        64,
    ),
    (
        HashAlgorithm::Sha3_384,
        &["sha3_384", "sha3-384"],
        "SHA3-384",
        "SHA3-384",
        96,
    ),
    (
        HashAlgorithm::Sha3_512,
        &["sha3_512", "sha3-512"],
        "SHA3-512",
        "SHA3-512",
        128,
    ),
    (
        HashAlgorithm::Blake2b256,
        &["blake2b-256", "blake2b_256"],
        "BLAKE2b-256",
        "BLAKE2b-256",
        64,
    ),
    (
        HashAlgorithm::Blake2b384,
        &["blake2b-384", "blake2b_384"],
        "BLAKE2b-384",
        "BLAKE2b-384",
        96,
    ),
    (
        HashAlgorithm::Blake2b512,
        &["blake2b", "blake2b-512", "blake2b_512"],
        "BLAKE2b-512",
        "BLAKE2b-512",
        128,
    ),
];

impl HashAlgorithm {
    fn entry(
        self,
    ) -> &'static (
        HashAlgorithm,
        &'static [&'static str],
        &'static str,
        &'static str,
        usize,
    ) {
        ALGORITHMS
            .iter()
            .find(|entry| entry.0 == self)
            .unwrap_or(&ALGORITHMS[0])
    }

    /// The algorithm named as in pip's `--hash` and lock files (`sha256`, `sha3_256`,
    /// `blake2b`), case-insensitively.
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.trim().to_ascii_lowercase();
        ALGORITHMS
            .iter()
            .find(|entry| entry.1.contains(&name.as_str()))
            .map(|entry| entry.0)
    }

    /// The CycloneDX `hash-alg` name (`SHA-256`).
    pub fn cyclonedx_name(self) -> &'static str {
        self.entry().2
    }

    /// The SPDX `checksum.algorithm` name (`SHA256`).
    pub fn spdx_name(self) -> &'static str {
        self.entry().3
    }

    /// The length of a digest in hexadecimal digits.
    pub fn hex_len(self) -> usize {
        self.entry().4
    }
}

/// One artifact hash.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hash {
    /// The algorithm.
    pub algorithm: HashAlgorithm,
    /// The digest, lowercase hexadecimal of the algorithm's length.
    pub digest: String,
}

impl Hash {
    /// Reads `algorithm:hex` (`sha256:9f86…`); `None` for an algorithm neither format can
    /// name or a digest that is not hexadecimal of the algorithm's length.
    pub fn parse(text: &str) -> Option<Self> {
        let (name, digest) = text.split_once(':')?;
        let algorithm = HashAlgorithm::from_name(name)?;
        let digest = digest.trim();
        (digest.len() == algorithm.hex_len() && digest.bytes().all(|b| b.is_ascii_hexdigit())).then(
            || Self {
                algorithm,
                digest: digest.to_ascii_lowercase(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_names_hashes() {
        let sha = format!("sha256:{}", "AB".repeat(32));
        let hash = Hash::parse(&sha).unwrap();
        assert_eq!(hash.algorithm.cyclonedx_name(), "SHA-256");
        assert_eq!(hash.algorithm.spdx_name(), "SHA256");
        assert_eq!(hash.digest, "ab".repeat(32));
        let blake = format!("blake2b:{}", "0".repeat(128));
        assert_eq!(
            Hash::parse(&blake).map(|h| h.algorithm.cyclonedx_name()),
            Some("BLAKE2b-512")
        );
        assert_eq!(Hash::parse("sha256:abc"), None);
        assert_eq!(Hash::parse(&format!("crc32:{}", "0".repeat(8))), None);
        assert_eq!(Hash::parse(&format!("sha1:{}", "g".repeat(40))), None);
    }
}
