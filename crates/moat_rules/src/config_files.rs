//! Config files (`.env`, INI, TOML, YAML, JSON, properties, lock files): `leaked-secret`'s
//! line scan, located, suppressed and fingerprinted like the findings of a Python module.

use crate::checker::CheckedModule;
use crate::fingerprint::fingerprint;
use crate::registry::rule_index;
use crate::rules::secrets::leaked_secret::{self, in_test_code, verdict};
use crate::suppress::is_suppressed;
use moat_diagnostics::Finding;
use moat_python::{LineIndex, Suppressions, TextRange, TextSize};
use moat_secrets::{ConfigFormat, scan_config};
use std::ops::Range;

/// The id of the one rule that reads config files; discovery looks for them only when it
/// is enabled.
pub const CONFIG_FILE_RULE: &str = "leaked-secret";

/// A config file to check.
pub struct ConfigInput<'a> {
    /// Display path (`/` separators); its file name says the format.
    pub path: &'a str,
    /// The file's text.
    pub source: &'a str,
    /// Which rules run, indexed like [`crate::RULES`]; only `leaked-secret` reads config
    /// files.
    pub enabled: &'a [bool],
}

/// Scans a config file for secrets when `leaked-secret` is enabled for it and its name is
/// a config format Moat reads. Never fails: a malformed file is scanned line by line.
///
/// A `# moat: ignore[leaked-secret]` or `# nosec` comment on a finding's line suppresses
/// it (in every format but JSON, which has no comments). High-entropy values are not
/// looked for in lock files, example files (`.env.example`) and test code.
pub fn check_config_file(input: &ConfigInput<'_>) -> CheckedModule {
    let enabled = rule_index(CONFIG_FILE_RULE)
        .is_some_and(|i| input.enabled.get(i).copied().unwrap_or(false));
    let name = input.path.rsplit('/').next().unwrap_or(input.path);
    let Some(format) = ConfigFormat::from_file_name(name).filter(|_| enabled) else {
        return CheckedModule::default();
    };
    let generic = format.generic_applies(name) && !in_test_code(input.path);
    let scan = scan_config(input.source, format, generic);
    if scan.findings.is_empty() {
        return CheckedModule::default();
    }
    let index = LineIndex::new(input.source);
    let suppressions = Suppressions::from_comments(
        scan.comments.iter().filter_map(text_range),
        input.source,
        &index,
    );
    let mut checked = CheckedModule::default();
    for found in &scan.findings {
        let detection = &found.detection;
        checked.redactions.push(detection.hidden.clone());
        let Some(range) = text_range(&detection.span) else {
            continue;
        };
        if is_suppressed(&leaked_secret::META, range, range, &suppressions, &index) {
            checked.suppressed += 1;
            continue;
        }
        let key = found.key.as_ref().map(|key| &input.source[key.clone()]);
        let verdict = verdict(detection, key, input.path);
        let line = index.line_of(range.start());
        checked.findings.push(Finding {
            rule: &leaked_secret::META,
            fingerprint: fingerprint(
                leaked_secret::META.id,
                input.path,
                "",
                index.line_text(line, input.source),
            ),
            message: verdict.message,
            file: input.path.to_string(),
            location: index.location(range, input.source),
            severity: verdict.severity,
            confidence: verdict.confidence,
            trace: Vec::new(),
            fix: None,
        });
    }
    checked
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    checked
}

fn text_range(range: &Range<usize>) -> Option<TextRange> {
    Some(TextRange::new(
        TextSize::try_from(range.start).ok()?,
        TextSize::try_from(range.end).ok()?,
    ))
}
