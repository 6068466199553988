//! The config-file path of `moat check`: each config file that discovery kept (`.env`,
//! INI, TOML, YAML, JSON, properties, lock files) is read, decoded leniently and scanned
//! for secrets by `moat_rules::check_config_file`. A config file is not Python, so it is
//! never parsed; invalid UTF-8 is replaced rather than reported, since credentials are
//! ASCII. An unreadable or binary file becomes a [`Problem`], as a Python file would.

use crate::analysis::{Analysis, guarded, read_bytes};
use moat_diagnostics::{Problem, ProblemKind};
use moat_rules::{ConfigInput, check_config_file};
use moat_workspace::SourceFile;
use rayon::prelude::*;

/// Scans `files` (config files) for secrets with the rules `rules_for` enables.
pub fn scan_config_files(
    files: &[SourceFile],
    rules_for: &(dyn Fn(&SourceFile) -> Vec<bool> + Sync),
) -> Analysis {
    let scanned: Vec<Result<(moat_rules::CheckedModule, &SourceFile, String), Problem>> = files
        .par_iter()
        .map(|file| {
            guarded(file, || {
                let text = read_config(file)?;
                let enabled = rules_for(file);
                let input = ConfigInput {
                    path: &file.display,
                    source: &text,
                    enabled: &enabled,
                };
                Ok((check_config_file(&input), file, text))
            })
        })
        .collect();
    let mut analysis = Analysis::default();
    for result in scanned {
        match result {
            Ok((checked, file, text)) => analysis.add_checked(&file.display, checked, text),
            Err(problem) => analysis.problems.push(problem),
        }
    }
    analysis.sort();
    analysis
}

/// Reads a config file as text: a UTF-8 BOM removed, invalid UTF-8 replaced; a NUL byte
/// makes it binary.
fn read_config(file: &SourceFile) -> Result<String, Problem> {
    let bytes = read_bytes(file)?;
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Problem::new(
            &file.display,
            ProblemKind::Binary,
            format!(
                "file contains a NUL byte at offset {offset}; it looks binary, not a config file, so it was not scanned for secrets"
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    Ok(String::from_utf8_lossy(bytes).into_owned())
}
