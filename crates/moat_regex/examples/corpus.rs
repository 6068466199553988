//! Analyses the labelled pattern set and prints one tab-separated line per pattern:
//! line number, expected verdict, whether that is vulnerable, Moat's verdict, degree,
//! analysis time in microseconds, source of the pattern.
//! Used by `bench/redos.py`; run it with `--release` for meaningful times.

#[path = "../tests/data/labelled.rs"]
mod labelled;

use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "crates/moat_regex/tests/data/patterns.tsv".to_string());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    // The first analysis builds the Unicode class tables; keep that out of the timings.
    let _ = moat_regex::analyze(
        &moat_regex::PatternText::Str(r"\w\d\s".into()),
        &moat_regex::Options::default(),
    );
    for row in labelled::load(&text) {
        let (pattern, options) = row.input();
        let start = Instant::now();
        let analysis = moat_regex::analyze(&pattern, &options);
        let micros = start.elapsed().as_micros();
        let degree = analysis.degree.map_or("-".to_string(), |d| d.to_string());
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            row.line,
            row.expected,
            if row.vulnerable() { "yes" } else { "no" },
            analysis.verdict.as_str(),
            degree,
            micros,
            row.source
        );
    }
}
