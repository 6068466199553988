//! Sets of characters (code points, or bytes for bytes patterns) as sorted, disjoint,
//! non-adjacent inclusive ranges.

/// The largest code point of a `str` pattern.
pub const MAX_CHAR: u32 = 0x10_FFFF;
/// The largest value of a `bytes` pattern.
pub const MAX_BYTE: u32 = 0xFF;

/// A set of characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct CharSet {
    ranges: Vec<(u32, u32)>,
}

impl CharSet {
    /// The empty set.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The set of one character.
    pub fn single(c: u32) -> Self {
        Self {
            ranges: vec![(c, c)],
        }
    }

    /// The characters `lo..=hi`.
    pub fn range(lo: u32, hi: u32) -> Self {
        if lo > hi {
            return Self::empty();
        }
        Self {
            ranges: vec![(lo, hi)],
        }
    }

    /// Builds a set from any ranges (unsorted, overlapping).
    pub fn from_ranges(mut ranges: Vec<(u32, u32)>) -> Self {
        ranges.retain(|&(lo, hi)| lo <= hi);
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        Self { ranges: merged }
    }

    /// The ranges, sorted and disjoint.
    pub fn ranges(&self) -> &[(u32, u32)] {
        &self.ranges
    }

    /// Whether the set holds no character.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Whether `c` is in the set.
    pub fn contains(&self, c: u32) -> bool {
        self.ranges
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }

    /// The union of two sets.
    pub fn union(&self, other: &CharSet) -> CharSet {
        let mut ranges = self.ranges.clone();
        ranges.extend_from_slice(&other.ranges);
        Self::from_ranges(ranges)
    }

    /// The intersection of two sets.
    pub fn intersect(&self, other: &CharSet) -> CharSet {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < self.ranges.len() && j < other.ranges.len() {
            let (a_lo, a_hi) = self.ranges[i];
            let (b_lo, b_hi) = other.ranges[j];
            let lo = a_lo.max(b_lo);
            let hi = a_hi.min(b_hi);
            if lo <= hi {
                out.push((lo, hi));
            }
            if a_hi < b_hi {
                i += 1;
            } else {
                j += 1;
            }
        }
        CharSet { ranges: out }
    }

    /// Whether the sets share a character.
    pub fn intersects(&self, other: &CharSet) -> bool {
        let (mut i, mut j) = (0, 0);
        while i < self.ranges.len() && j < other.ranges.len() {
            let (a_lo, a_hi) = self.ranges[i];
            let (b_lo, b_hi) = other.ranges[j];
            if a_lo.max(b_lo) <= a_hi.min(b_hi) {
                return true;
            }
            if a_hi < b_hi {
                i += 1;
            } else {
                j += 1;
            }
        }
        false
    }

    /// The characters `0..=max` not in the set.
    pub fn complement(&self, max: u32) -> CharSet {
        let mut out = Vec::new();
        let mut next = 0u32;
        for &(lo, hi) in &self.ranges {
            if lo > max {
                break;
            }
            if lo > next {
                out.push((next, lo - 1));
            }
            next = hi.saturating_add(1);
        }
        if next <= max {
            out.push((next, max));
        }
        CharSet { ranges: out }
    }

    /// The characters of `self` not in `other`.
    pub fn minus(&self, other: &CharSet) -> CharSet {
        self.intersect(&other.complement(MAX_CHAR))
    }

    /// A character of the set, preferring one that reads well in an attack string: a letter
    /// or digit, then other printable ASCII, then a space, then anything.
    pub fn pick(&self) -> Option<u32> {
        const PREFERRED: &[(u32, u32)] = &[
            (b'a' as u32, b'z' as u32),
            (b'0' as u32, b'9' as u32),
            (b'A' as u32, b'Z' as u32),
            (b'!' as u32, b'~' as u32),
            (b' ' as u32, b' ' as u32),
            (b'\t' as u32, b'\t' as u32),
        ];
        for &(lo, hi) in PREFERRED {
            let found = self.intersect(&CharSet::range(lo, hi));
            if let Some(&(first, _)) = found.ranges.first() {
                return Some(first);
            }
        }
        self.ranges.first().map(|&(lo, _)| lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_algebra() {
        let a = CharSet::from_ranges(vec![(5, 10), (1, 3), (4, 4), (20, 30)]);
        assert_eq!(a.ranges(), &[(1, 10), (20, 30)]);
        let b = CharSet::range(8, 22);
        assert_eq!(a.intersect(&b).ranges(), &[(8, 10), (20, 22)]);
        assert!(a.intersects(&b));
        assert!(!a.intersects(&CharSet::range(11, 19)));
        assert_eq!(a.complement(40).ranges(), &[(0, 0), (11, 19), (31, 40)]);
        assert_eq!(a.minus(&b).ranges(), &[(1, 7), (23, 30)]);
        assert!(a.contains(25) && !a.contains(15));
        assert_eq!(CharSet::range(0, 0x10FFFF).pick(), Some('a' as u32));
        assert_eq!(CharSet::single(0x2028).pick(), Some(0x2028));
    }
}
