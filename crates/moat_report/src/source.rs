//! Finding a location in decoded source text and cutting out the lines a code frame shows.
//!
//! Locations come from other crates and are trusted only as far as they check out: byte
//! offsets are used when they fall on character boundaries and agree with the line number,
//! otherwise the line and column are used, clamped to the text. Nothing here panics on a
//! location that is past the end, reversed or empty.

use moat_diagnostics::{Location, Position};
use std::borrow::Cow;
use std::ops::Range;

/// Byte offsets of the start of every line; `\n`, `\r\n` and a lone `\r` end a line, as in
/// Python.
#[derive(Debug)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        Self { starts }
    }

    /// The 0-based line that contains byte `offset` (the last line for offsets past the end).
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte offset of the end of `line`'s content, before its line terminator.
    fn content_end(&self, text: &str, line: usize) -> usize {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let content = &text[start..end];
        let content = content.strip_suffix('\n').unwrap_or(content);
        let content = content.strip_suffix('\r').unwrap_or(content);
        start + content.len()
    }

    /// Byte offset of a 1-based line and column (columns count characters), clamped to the
    /// end of the line and of the text.
    fn offset_of(&self, text: &str, position: Position) -> usize {
        let line = (position.line.max(1) - 1) as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let start = self.starts[line];
        let end = self.content_end(text, line);
        let skip = (position.column.max(1) - 1) as usize;
        text[start..end]
            .char_indices()
            .nth(skip)
            .map_or(end, |(i, _)| start + i)
    }

    /// The byte range `location` covers in `text`: always on character boundaries, with
    /// `start <= end <= text.len()`.
    fn byte_range(&self, text: &str, location: &Location) -> Range<usize> {
        let start = location.start_offset as usize;
        let end = location.end_offset as usize;
        let offsets_agree = start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
            && self.line_of(start) + 1 == location.start.line as usize;
        if offsets_agree {
            return start..end;
        }
        let start = self.offset_of(text, location.start);
        let end = self.offset_of(text, location.end).max(start);
        start..end
    }
}

/// The lines of source a code frame shows, and the span to underline in them.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Frame<'s> {
    /// The whole lines the span touches, without the final line terminator, made safe to
    /// print (see [`display_text`]).
    pub(crate) text: Cow<'s, str>,
    /// 1-based number of the first line of `text`.
    pub(crate) first_line: usize,
    /// Byte range of the span within `text`.
    pub(crate) span: Range<usize>,
}

/// Cuts out of `text` the lines `location` touches.
pub(crate) fn frame<'s>(text: &'s str, index: &LineIndex, location: &Location) -> Frame<'s> {
    let range = index.byte_range(text, location);
    let first = index.line_of(range.start);
    // A span that ends just after a line terminator does not touch the next line.
    let last = if range.end > range.start {
        index.line_of(range.end - 1).max(first)
    } else {
        first
    };
    let window_start = index.starts[first];
    let window_end = index.content_end(text, last);
    let span_start = range.start.clamp(window_start, window_end) - window_start;
    let span_end = range.end.clamp(window_start, window_end) - window_start;
    let (text, span) = display_text(&text[window_start..window_end], span_start..span_end);
    Frame {
        text,
        first_line: first + 1,
        span,
    }
}

/// Makes source text safe to hand to the snippet renderer, keeping `span` pointing at the
/// same characters: a lone `\r` becomes `\n` (both end a line in Python, only `\n` does for
/// the renderer), and characters the renderer would print raw although a terminal may act on
/// them (C1 controls, which include the one-byte CSI, and line/paragraph separators) become
/// U+FFFD. The renderer itself replaces C0 controls and bidirectional overrides.
fn display_text(text: &str, span: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    let needs_change = text.chars().any(|c| c == '\r' || is_unsafe_in_frame(c));
    if !needs_change {
        return (Cow::Borrowed(text), span);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut new_span = span.clone();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i == span.start {
            new_span.start = out.len();
        }
        if i == span.end {
            new_span.end = out.len();
        }
        match c {
            '\r' if chars.peek().map(|&(_, next)| next) != Some('\n') => out.push('\n'),
            c if is_unsafe_in_frame(c) => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
    if span.start == text.len() {
        new_span.start = out.len();
    }
    if span.end == text.len() {
        new_span.end = out.len();
    }
    (Cow::Owned(out), new_span)
}

fn is_unsafe_in_frame(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}')
}

/// `text` with every character a terminal could act on, or that could make the text read
/// differently from what it is, written as a visible `\u{…}` escape: control characters
/// (including newlines and the C1 range), bidirectional marks, embeddings, overrides and
/// isolates, zero-width characters and line/paragraph separators.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    fn loc(start: Position, end: Position, start_offset: u32, end_offset: u32) -> Location {
        Location {
            start,
            end,
            start_offset,
            end_offset,
        }
    }

    fn framed(text: &str, location: Location) -> (String, usize, String) {
        let frame = frame(text, &LineIndex::new(text), &location);
        let underlined = frame.text[frame.span.clone()].to_string();
        (frame.text.into_owned(), frame.first_line, underlined)
    }

    const SOURCE: &str = "import os\nos.system(cmd)  # é\nx = 1\n";

    #[test]
    fn consistent_offsets_are_used() {
        let location = loc(pos(2, 1), pos(2, 15), 10, 24);
        assert_eq!(
            framed(SOURCE, location),
            ("os.system(cmd)  # é".into(), 2, "os.system(cmd)".into())
        );
    }

    #[test]
    fn inconsistent_offsets_fall_back_to_positions() {
        // Offsets point into line 1, the positions say line 2.
        let location = loc(pos(2, 11), pos(2, 14), 0, 3);
        assert_eq!(framed(SOURCE, location).2, "cmd");
        // Offsets inside a multi-byte character.
        let location = loc(pos(2, 19), pos(2, 20), 29, 30);
        assert_eq!(framed(SOURCE, location).2, "é");
    }

    #[test]
    fn end_of_file_and_empty_ranges() {
        let eof = loc(pos(4, 1), pos(4, 1), 37, 37);
        assert_eq!(framed(SOURCE, eof), (String::new(), 4, String::new()));
        let past_end = loc(pos(90, 7), pos(99, 1), 500, 900);
        assert_eq!(framed(SOURCE, past_end), (String::new(), 4, String::new()));
        let empty = loc(pos(3, 3), pos(3, 3), 33, 33);
        assert_eq!(framed(SOURCE, empty), ("x = 1".into(), 3, String::new()));
        assert_eq!(framed("", eof), (String::new(), 1, String::new()));
        let no_newline = "x = 1";
        let after = loc(pos(1, 6), pos(1, 6), 5, 5);
        assert_eq!(
            framed(no_newline, after),
            ("x = 1".into(), 1, String::new())
        );
    }

    #[test]
    fn reversed_and_zero_positions_do_not_panic() {
        let reversed = loc(pos(3, 5), pos(1, 1), 40, 2);
        assert_eq!(framed(SOURCE, reversed), ("x = 1".into(), 3, String::new()));
        let zero = loc(pos(0, 0), pos(0, 0), 0, 0);
        assert_eq!(framed(SOURCE, zero), ("import os".into(), 1, String::new()));
    }

    #[test]
    fn multi_line_span_shows_every_line_it_touches() {
        let location = loc(pos(1, 8), pos(3, 2), 7, 32);
        assert_eq!(
            framed(SOURCE, location),
            (
                "import os\nos.system(cmd)  # é\nx = 1".into(),
                1,
                "os\nos.system(cmd)  # é\nx".into()
            )
        );
        // A span ending right after a newline stays on its line.
        let whole_line = loc(pos(1, 1), pos(2, 1), 0, 10);
        assert_eq!(
            framed(SOURCE, whole_line),
            ("import os".into(), 1, "import os".into())
        );
    }

    #[test]
    fn carriage_returns_end_lines() {
        let text = "a = 1\rb = 2\r\nc = 3";
        let location = loc(pos(2, 1), pos(3, 2), 6, 14);
        assert_eq!(
            framed(text, location),
            ("b = 2\r\nc = 3".into(), 2, "b = 2\r\nc".into())
        );
        let across_lone_cr = loc(pos(1, 5), pos(2, 2), 4, 7);
        assert_eq!(
            framed(text, across_lone_cr),
            ("a = 1\nb = 2".into(), 1, "1\nb".into())
        );
    }

    #[test]
    fn c1_controls_are_replaced_and_the_span_follows() {
        let text = "x = '\u{9b}31m' + y";
        let location = loc(pos(1, 14), pos(1, 15), 14, 15);
        let (shown, _, underlined) = framed(text, location);
        assert_eq!(shown, "x = '\u{fffd}31m' + y");
        assert_eq!(underlined, "y");
    }

    #[test]
    fn printable_escapes_controls_and_bidi() {
        assert_eq!(printable("plain `é`"), "plain `é`");
        assert_eq!(printable("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
        assert_eq!(printable("x\u{202e}y\u{9b}"), "x\\u{202e}y\\u{9b}");
    }
}
