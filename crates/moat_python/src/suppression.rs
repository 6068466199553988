//! Suppression comments: `# moat: ignore[rule-id] reason`, Bandit's `# nosec [B602]` and
//! Ruff's `# noqa: S602`.
//!
//! This module only finds and parses the comments; which rule a code names, and which
//! lines a finding's statement spans, are decided by the rules crate.

use crate::line_index::LineIndex;
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_text_size::TextRange;
use std::collections::BTreeMap;

/// Which tool's syntax a directive was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `# moat: ignore` or `# moat: ignore[rule-a, rule-b]`.
    Moat,
    /// Bandit's `# nosec` or `# nosec B602, B607`.
    Nosec,
    /// Ruff's `# noqa: S602`; a bare `# noqa` is not a directive for Moat.
    Noqa,
}

/// One suppression directive found in a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The rule ids or aliases named; empty means every rule.
    pub codes: Vec<String>,
    /// The comment the directive is in.
    pub range: TextRange,
}

impl Directive {
    /// Whether this directive names no rule and so suppresses all of them.
    pub fn is_blanket(&self) -> bool {
        self.codes.is_empty()
    }
}

/// All directives of one file, by 0-based line.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    by_line: BTreeMap<usize, Vec<Directive>>,
}

impl Suppressions {
    /// Collects the directives in the comments of a parsed file.
    pub fn from_tokens(tokens: &Tokens, text: &str, index: &LineIndex) -> Self {
        let comments = tokens
            .iter()
            .filter(|token| token.kind() == TokenKind::Comment)
            .map(ruff_text_size::Ranged::range);
        Self::from_comments(comments, text, index)
    }

    /// Collects the directives in the `#` comments at `comments` (ranges of `text`, each
    /// starting at its `#`), for files that are not Python, such as config files.
    pub fn from_comments(
        comments: impl IntoIterator<Item = TextRange>,
        text: &str,
        index: &LineIndex,
    ) -> Self {
        let mut by_line: BTreeMap<usize, Vec<Directive>> = BTreeMap::new();
        for range in comments {
            let directives = parse_comment(&text[range], range);
            if !directives.is_empty() {
                by_line
                    .entry(index.line_of(range.start()))
                    .or_default()
                    .extend(directives);
            }
        }
        Self { by_line }
    }

    /// The directives on 0-based lines `first..=last`.
    pub fn in_lines(&self, first: usize, last: usize) -> impl Iterator<Item = &Directive> {
        self.by_line.range(first..=last).flat_map(|(_, d)| d.iter())
    }

    /// Whether the file has no directives at all.
    pub fn is_empty(&self) -> bool {
        self.by_line.is_empty()
    }
}

/// Parses every directive in one comment's text (which starts with `#`).
pub fn parse_comment(comment: &str, range: TextRange) -> Vec<Directive> {
    let mut directives = Vec::new();
    // A comment may hold several directives: `# noqa: S603  # nosec`.
    for part in comment.split('#').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(directive) = parse_part(part, range) {
            directives.push(directive);
        }
    }
    directives
}

fn parse_part(part: &str, range: TextRange) -> Option<Directive> {
    let lower = part.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("moat:") {
        let rest = rest.trim_start();
        let rest = rest.strip_prefix("ignore")?;
        let codes = match rest.trim_start().strip_prefix('[') {
            Some(list) => {
                let list = &list[..list.find(']')?];
                split_codes(list)
            }
            None if rest.is_empty() || rest.starts_with(char::is_whitespace) => Vec::new(),
            None => return None,
        };
        return Some(Directive {
            kind: DirectiveKind::Moat,
            codes,
            range,
        });
    }
    if let Some(rest) = lower.strip_prefix("nosec") {
        if !(rest.is_empty() || rest.starts_with([' ', ':', ',', '\t'])) {
            return None;
        }
        let codes: Vec<String> = rest
            .split(|c: char| c == ',' || c == ':' || c.is_whitespace())
            .filter(|t| is_bandit_code(t))
            .map(str::to_ascii_uppercase)
            .collect();
        return Some(Directive {
            kind: DirectiveKind::Nosec,
            codes,
            range,
        });
    }
    if let Some(rest) = lower.strip_prefix("noqa") {
        let list = rest.trim_start().strip_prefix(':')?;
        let codes: Vec<String> = list
            .split(|c: char| c == ',' || c.is_whitespace())
            .take_while(|t| t.is_empty() || is_code(t))
            .filter(|t| !t.is_empty())
            .map(str::to_ascii_uppercase)
            .collect();
        if codes.is_empty() {
            return None;
        }
        return Some(Directive {
            kind: DirectiveKind::Noqa,
            codes,
            range,
        });
    }
    None
}

fn split_codes(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_bandit_code(token: &str) -> bool {
    let bytes = token.as_bytes();
    bytes.len() == 4
        && bytes[0].eq_ignore_ascii_case(&b'b')
        && bytes[1..].iter().all(u8::is_ascii_digit)
}

fn is_code(token: &str) -> bool {
    let letters = token.chars().take_while(char::is_ascii_alphabetic).count();
    letters >= 1 && letters < token.len() && token[letters..].chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<(DirectiveKind, Vec<String>)> {
        parse_comment(text, TextRange::default())
            .into_iter()
            .map(|d| (d.kind, d.codes))
            .collect()
    }

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn moat_directives() {
        assert_eq!(parse("# moat: ignore"), vec![(DirectiveKind::Moat, vec![])]);
        assert_eq!(
            parse("# moat: ignore[subprocess-shell-true, B602] input is a constant"),
            vec![(
                DirectiveKind::Moat,
                codes(&["subprocess-shell-true", "b602"])
            )]
        );
        assert_eq!(parse("# moat: ignored"), vec![]);
        assert_eq!(parse("# moat: ignore[unterminated"), vec![]);
    }

    #[test]
    fn nosec_directives() {
        assert_eq!(parse("# nosec"), vec![(DirectiveKind::Nosec, vec![])]);
        assert_eq!(
            parse("# nosec B602, B607 reviewed"),
            vec![(DirectiveKind::Nosec, codes(&["B602", "B607"]))]
        );
        assert_eq!(
            parse("#nosec:b105"),
            vec![(DirectiveKind::Nosec, codes(&["B105"]))]
        );
        assert_eq!(parse("# nosecurity here"), vec![]);
    }

    #[test]
    fn noqa_directives() {
        assert_eq!(
            parse("# noqa: S602,S603"),
            vec![(DirectiveKind::Noqa, codes(&["S602", "S603"]))]
        );
        assert_eq!(parse("# noqa"), vec![]);
        assert_eq!(
            parse("# noqa: E501  # nosec"),
            vec![
                (DirectiveKind::Noqa, codes(&["E501"])),
                (DirectiveKind::Nosec, vec![])
            ]
        );
    }
}
