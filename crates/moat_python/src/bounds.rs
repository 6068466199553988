//! Cheap checks that keep pathological input away from the recursive parser and visitors.
//!
//! CPython itself refuses more than 200 nested brackets ("too many nested parentheses")
//! and bounds its parser's recursion; Moat applies the same kind of limits so that a
//! hostile file yields a clear error instead of a stack overflow.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Pattern, Stmt};

/// Deepest bracket nesting accepted, as in CPython's tokenizer (`MAXLEVEL`).
pub const MAX_BRACKET_DEPTH: usize = 200;

/// Deepest syntax-tree nesting (statements, expressions and patterns together) accepted.
/// Analysis threads need a stack big enough for visitors to recurse this deep
/// (see [`ANALYSIS_STACK_SIZE`]).
pub const MAX_TREE_DEPTH: usize = 5_000;

/// Stack size for threads that parse and analyse files: enough for the parser and every
/// visitor at [`MAX_TREE_DEPTH`], even in unoptimised builds. Reserved, not committed.
pub const ANALYSIS_STACK_SIZE: usize = 256 * 1024 * 1024;

/// Longest run of prefix operators (`not`, `-`, `+`, `~`, `await`, `lambda:`, `*`) and
/// right-associative `**` accepted on one logical line before parsing.
pub const MAX_OPERATOR_RUN: usize = 1_000;

/// What a pre-parse scan found wrong, with the byte offset where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanViolation {
    Brackets { offset: usize },
    Operators { offset: usize },
}

/// Scans `text` for bracket nesting beyond [`MAX_BRACKET_DEPTH`] and chains of operators
/// that nest expressions without brackets beyond [`MAX_OPERATOR_RUN`].
///
/// String literals and comments are skipped approximately (prefixes, triple quotes and
/// escapes are understood; f-string replacement fields are not entered). The scan only
/// has to be right on inputs that would otherwise nest deeply.
pub fn scan(text: &str) -> Option<ScanViolation> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // Prefix operators in a row (`not not -x`): each nests the next operand.
    let mut prefix_run = 0usize;
    // Right-nesting operators on the logical line (`**`, `else`, `lambda`).
    let mut right_nesting = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        match b {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\'' | b'"' => {
                i = skip_string(bytes, i);
                prefix_run = 0;
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKET_DEPTH {
                    return Some(ScanViolation::Brackets { offset: i });
                }
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                prefix_run = 0;
            }
            b'*' if bytes.get(i + 1) == Some(&b'*') => {
                right_nesting += 1;
                prefix_run += 1;
                i += 1;
            }
            b'-' | b'+' | b'~' | b'*' => prefix_run += 1,
            b'\n' if depth == 0 && (i == 0 || bytes[i - 1] != b'\\') => {
                prefix_run = 0;
                right_nesting = 0;
            }
            _ if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
                {
                    i += 1;
                }
                match &bytes[start..i] {
                    b"not" | b"await" => prefix_run += 1,
                    b"lambda" | b"else" => right_nesting += 1,
                    _ if i < bytes.len() && matches!(bytes[i], b'\'' | b'"') && i - start <= 3 => {
                        // A string prefix such as `rb"…"`: the string starts here.
                    }
                    _ => prefix_run = 0,
                }
                i -= 1;
            }
            _ => {}
        }
        if prefix_run > MAX_OPERATOR_RUN || right_nesting > MAX_OPERATOR_RUN {
            return Some(ScanViolation::Operators { offset: start });
        }
        i += 1;
    }
    None
}

/// Returns the offset just past the string literal starting at `start` (a quote).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.get(start + 1) == Some(&quote) && bytes.get(start + 2) == Some(&quote);
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if !triple => return i,
            c if c == quote => {
                if !triple {
                    return i + 1;
                }
                if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                    return i + 3;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Depth of the syntax tree, counting only up to `limit + 1` so that measuring a
/// pathological tree never recurses deeper than the limit.
pub fn tree_depth_exceeds(suite: &[Stmt], limit: usize) -> Option<ruff_text_size::TextSize> {
    let mut meter = DepthMeter {
        depth: 0,
        limit,
        exceeded_at: None,
    };
    meter.visit_body(suite);
    meter.exceeded_at
}

struct DepthMeter {
    depth: usize,
    limit: usize,
    exceeded_at: Option<ruff_text_size::TextSize>,
}

impl DepthMeter {
    fn enter(&mut self, start: ruff_text_size::TextSize) -> bool {
        if self.exceeded_at.is_some() {
            return false;
        }
        if self.depth >= self.limit {
            self.exceeded_at = Some(start);
            return false;
        }
        self.depth += 1;
        true
    }
}

impl<'a> Visitor<'a> for DepthMeter {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.enter(ruff_text_size::Ranged::start(stmt)) {
            visitor::walk_stmt(self, stmt);
            self.depth -= 1;
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.enter(ruff_text_size::Ranged::start(expr)) {
            visitor::walk_expr(self, expr);
            self.depth -= 1;
        }
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        if self.enter(ruff_text_size::Ranged::start(pattern)) {
            visitor::walk_pattern(self, pattern);
            self.depth -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_beyond_cpython_limit_are_refused() {
        let ok = format!("x = {}1{}\n", "(".repeat(200), ")".repeat(200));
        assert_eq!(scan(&ok), None);
        let deep = format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201));
        assert_eq!(scan(&deep), Some(ScanViolation::Brackets { offset: 204 }));
    }

    #[test]
    fn brackets_inside_strings_and_comments_do_not_count() {
        let text = format!(
            "s = '{0}'\nt = \"\"\"{0}\n{0}\"\"\"\n# {0}\nu = rb'\\'{0}'\n",
            "(".repeat(500)
        );
        assert_eq!(scan(&text), None);
    }

    #[test]
    fn long_operator_chains_are_refused() {
        assert!(matches!(
            scan(&format!("x = {}1\n", "not ".repeat(5_000))),
            Some(ScanViolation::Operators { .. })
        ));
        assert!(matches!(
            scan(&format!("x = {}1\n", "-".repeat(5_000))),
            Some(ScanViolation::Operators { .. })
        ));
        assert!(matches!(
            scan(&format!("x = 2{}\n", "**2".repeat(5_000))),
            Some(ScanViolation::Operators { .. })
        ));
    }

    #[test]
    fn ordinary_long_expressions_pass() {
        let sum = format!("x = 1{}\n", " + a".repeat(5_000));
        assert_eq!(scan(&sum), None);
        let many_lines = "y = -x\n".repeat(10_000);
        assert_eq!(scan(&many_lines), None);
    }
}
