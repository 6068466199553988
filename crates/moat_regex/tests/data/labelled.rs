//! The labelled pattern set in `patterns.tsv`, shared by the corpus test and the
//! `corpus` example that `bench/redos.py` runs.

use moat_regex::{Flags, MatchMode, Options, PatternText};

/// One labelled pattern.
pub struct Labelled {
    pub line: usize,
    pub pattern: String,
    pub flags: String,
    pub mode: MatchMode,
    /// `safe`, `polynomial` or `exponential`.
    pub expected: String,
    pub source: String,
}

impl Labelled {
    /// Whether the label says the pattern is vulnerable.
    pub fn vulnerable(&self) -> bool {
        self.expected != "safe"
    }

    /// The pattern text and analysis options this row describes.
    pub fn input(&self) -> (PatternText, Options) {
        let bytes = self.flags.contains('b');
        let letters: String = self
            .flags
            .chars()
            .filter(|c| *c != 'b' && *c != '-')
            .collect();
        let flags = Flags::from_letters(&letters).expect("valid flags in patterns.tsv");
        let text = if bytes {
            PatternText::Bytes(self.pattern.chars().map(|c| c as u8).collect())
        } else {
            PatternText::Str(self.pattern.clone())
        };
        let options = Options {
            flags,
            mode: self.mode,
            ..Options::default()
        };
        (text, options)
    }
}

/// Parses `patterns.tsv`: pattern, flags, mode, expected verdict, source.
pub fn load(text: &str) -> Vec<Labelled> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 5, "line {}: five tab-separated columns", i + 1);
            let mode = match cols[2] {
                "search" => MatchMode::Search,
                "match" => MatchMode::Match,
                "fullmatch" => MatchMode::Fullmatch,
                other => panic!("line {}: unknown mode {other}", i + 1),
            };
            Labelled {
                line: i + 1,
                pattern: cols[0].to_string(),
                flags: cols[1].to_string(),
                mode,
                expected: cols[3].to_string(),
                source: cols[4].to_string(),
            }
        })
        .collect()
}
