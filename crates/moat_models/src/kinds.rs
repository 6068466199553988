//! Sink kinds: the taint rules' ids, and sets of them as bit masks.

/// Every sink kind, in the order of their bits in a [`KindSet`]. Each is the id of the
/// taint rule that reports it.
pub const KINDS: &[&str] = &[
    "sql-injection",
    "nosql-injection",
    "command-injection",
    "code-injection",
    "path-traversal",
    "ssrf",
    "open-redirect",
    "xss",
    "ssti",
    "ldap-injection",
    "xpath-injection",
    "xxe",
    "unsafe-deserialization",
    "log-injection",
    "header-injection",
    "regex-injection",
    "unsafe-reflection",
    "format-string-injection",
    "trust-boundary",
    "mass-assignment",
    "unrestricted-upload",
    "integer-overflow",
    "cookie-injection",
];

/// One sink kind, an index into [`KINDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kind(u8);

impl Kind {
    /// The kind named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Kind> {
        KINDS.iter().position(|k| *k == name).map(|i| Kind(i as u8))
    }

    /// The kind's name (its rule id).
    pub fn name(self) -> &'static str {
        KINDS[self.0 as usize]
    }

    /// Every kind.
    pub fn all() -> impl Iterator<Item = Kind> {
        (0..KINDS.len()).map(|i| Kind(i as u8))
    }
}

/// A set of sink kinds. Bit 31 is not a kind: it marks a path that went through a
/// normalisation (`os.path.realpath`), after which a prefix check is a real guard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct KindSet(u32);

impl KindSet {
    /// No kinds.
    pub const EMPTY: KindSet = KindSet(0);
    /// Every kind.
    pub const ALL: KindSet = KindSet((1 << KINDS.len()) - 1);
    /// The "normalised path" mark.
    pub const NORMALIZED: KindSet = KindSet(1 << 31);
    /// What text is safe for: `nosql-injection` (bit 1), since a string in a NoSQL filter
    /// is a value to match, never an operator such as `{"$ne": null}`.
    pub const TEXT: KindSet = KindSet(1 << 1);

    /// The set holding only `kind`.
    pub fn of(kind: Kind) -> KindSet {
        KindSet(1 << kind.0)
    }

    /// Whether `kind` is in the set.
    pub fn contains(self, kind: Kind) -> bool {
        self.0 & (1 << kind.0) != 0
    }

    /// Whether every bit of `other` is in the set.
    pub fn covers(self, other: KindSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// The union.
    #[must_use]
    pub fn with(self, other: KindSet) -> KindSet {
        KindSet(self.0 | other.0)
    }

    /// The intersection.
    #[must_use]
    pub fn and(self, other: KindSet) -> KindSet {
        KindSet(self.0 & other.0)
    }

    /// The set without the kinds of `other`.
    #[must_use]
    pub fn without(self, other: KindSet) -> KindSet {
        KindSet(self.0 & !other.0)
    }

    /// Whether the set holds every kind.
    pub fn is_all(self) -> bool {
        self.covers(Self::ALL)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_fit_in_the_mask_below_the_normalised_bit() {
        assert!(KINDS.len() < 31);
        let sql = Kind::from_name("sql-injection").unwrap();
        assert_eq!(sql.name(), "sql-injection");
        assert!(KindSet::ALL.contains(sql));
        assert!(!KindSet::ALL.covers(KindSet::NORMALIZED));
        assert!(Kind::from_name("sql").is_none());
        let nosql = Kind::from_name("nosql-injection").unwrap();
        assert_eq!(KindSet::TEXT, KindSet::of(nosql));
        let rest = KindSet::ALL.without(KindSet::of(sql));
        assert!(!rest.contains(sql) && rest.with(KindSet::of(sql)).is_all());
    }
}
