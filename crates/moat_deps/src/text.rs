//! Reading files as text, line numbers from byte offsets, and problem constructors.

use crate::error::DepsError;
use moat_diagnostics::{Position, Problem, ProblemKind};
use std::path::Path;

/// Reads `path` as UTF-8 text without its byte-order mark.
pub(crate) fn read_text(path: &Path) -> Result<String, DepsError> {
    let bytes = fs_err::read(path)?;
    let text = String::from_utf8(bytes).map_err(|err| DepsError::NotUtf8 {
        path: path.display().to_string(),
        offset: err.utf8_error().valid_up_to(),
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// `text` without a leading byte-order mark.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Maps byte offsets to 1-based line numbers.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub(crate) fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub(crate) fn line(&self, offset: usize) -> u32 {
        let index = self.starts.partition_point(|&start| start <= offset);
        u32::try_from(index.max(1)).unwrap_or(u32::MAX)
    }
}

/// A problem at `line` of `file` (line unknown when `None`).
pub(crate) fn problem_at(
    file: &str,
    line: Option<u32>,
    kind: ProblemKind,
    message: impl Into<String>,
) -> Problem {
    let problem = Problem::new(file, kind, message);
    match line {
        Some(line) => problem.at(Position { line, column: 1 }),
        None => problem,
    }
}

/// A malformed entry at `line` of `file`.
pub(crate) fn syntax_problem(file: &str, line: Option<u32>, message: impl Into<String>) -> Problem {
    problem_at(file, line, ProblemKind::SyntaxError, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_to_lines() {
        let index = LineIndex::new("a\nbc\r\n\nd");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(1), 1);
        assert_eq!(index.line(2), 2);
        assert_eq!(index.line(6), 3);
        assert_eq!(index.line(7), 4);
        assert_eq!(index.line(100), 4);
    }
}
