//! Content fingerprints that survive unrelated edits.

use sha2::{Digest, Sha256};

/// Hex fingerprint of a finding: its rule, its file, the qualified name of the function
/// it is in, and its code with all whitespace removed. Line numbers play no part, so
/// inserting lines elsewhere changes nothing; identical findings in one function share
/// a fingerprint and baselines count them.
pub fn fingerprint(rule: &str, file: &str, function: &str, code: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [rule, file, function] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    for c in code.chars().filter(|c| !c.is_whitespace()) {
        let mut buffer = [0; 4];
        hasher.update(c.encode_utf8(&mut buffer).as_bytes());
    }
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn whitespace_does_not_matter_but_code_does() {
        let a = fingerprint("r", "f.py", "view", "os.system(cmd)");
        assert_eq!(a, fingerprint("r", "f.py", "view", "os.system( cmd )"));
        assert_ne!(a, fingerprint("r", "f.py", "view", "os.system(other)"));
        assert_ne!(a, fingerprint("r", "f.py", "other_view", "os.system(cmd)"));
        assert_eq!(a.len(), 16);
    }
}
