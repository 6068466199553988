//! Byte offsets → 1-based line and character column.

use moat_diagnostics::{Location, Position};
use ruff_text_size::{TextRange, TextSize};

/// Start offsets of every line of one source text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes `text`. Lines end at `\n`, `\r\n` or a lone `\r`, as in Python.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(offset(i + 1)),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(offset(i + 1)),
                _ => {}
            }
            i += 1;
        }
        Self { line_starts }
    }

    /// Number of lines (a trailing newline does not start a new counted line of text, but
    /// the position after it is still addressable).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: TextSize) -> usize {
        let offset = offset.to_u32();
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte range of 0-based `line`, without its line ending.
    pub fn line_range(&self, line: usize, text: &str) -> TextRange {
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(offset(text.len()));
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end as usize - 1], b'\n' | b'\r') {
            end -= 1;
        }
        TextRange::new(start.into(), end.into())
    }

    /// Text of 0-based `line`, without its line ending.
    pub fn line_text<'a>(&self, line: usize, text: &'a str) -> &'a str {
        &text[self.line_range(line, text)]
    }

    /// 1-based line and column (in Unicode scalar values) of `offset` in `text`.
    pub fn position(&self, offset: TextSize, text: &str) -> Position {
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let end = (offset.to_usize()).min(text.len());
        let column = text.get(start..end).map_or(0, |s| s.chars().count());
        Position {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// The [`Location`] of `range` in `text`.
    pub fn location(&self, range: TextRange, text: &str) -> Location {
        Location {
            start: self.position(range.start(), text),
            end: self.position(range.end(), text),
            start_offset: range.start().to_u32(),
            end_offset: range.end().to_u32(),
        }
    }
}

fn offset(i: usize) -> u32 {
    u32::try_from(i).expect("sources larger than 4 GiB are rejected before indexing")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "a = 1\nb = 'é' + x\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(TextSize::try_from(x).unwrap(), text),
            Position {
                line: 2,
                column: 11
            }
        );
        assert_eq!(index.line_text(1, text), "b = 'é' + x");
        assert_eq!(index.line_text(3, text), "d");
        let d = text.find('d').unwrap();
        assert_eq!(index.line_of(TextSize::try_from(d).unwrap()), 3);
    }
}
