//! The syntax tree of a parsed pattern. Character-level constructs (literals, classes, `.`)
//! are resolved to sets with the flags in force where they appear, so later stages never
//! look at flags again, except `\b` and backreferences which keep what they need.

use crate::charset::CharSet;
use std::ops::Range;

/// Positions in the pattern, in characters (code points of a `str` pattern, bytes of a
/// `bytes` pattern), as Python's `re.error.pos` counts them.
pub type Span = Range<usize>;

/// A node of the pattern with the part of the pattern it was parsed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub span: Span,
}

/// How a quantifier backtracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Greed {
    /// `*`, `+`, `?`, `{m,n}`: as many as possible first.
    Greedy,
    /// `*?`, `+?`, `??`, `{m,n}?`: as few as possible first.
    Lazy,
    /// `*+`, `++`, `?+`, `{m,n}+` (Python 3.11+): as many as possible, never given back.
    Possessive,
}

/// Zero-width assertions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `\A`, and `^` without `re.MULTILINE`.
    StartOfText,
    /// `^` with `re.MULTILINE`.
    StartOfLine,
    /// `\Z`.
    EndOfText,
    /// `$` without `re.MULTILINE`: the end, or before a newline at the end.
    EndOfTextOrFinalNewline,
    /// `$` with `re.MULTILINE`.
    EndOfLine,
    /// `\b`; `ascii` says which definition of a word character applies.
    WordBoundary { ascii: bool },
    /// `\B`.
    NotWordBoundary { ascii: bool },
}

/// What a node is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Matches the empty string.
    Empty,
    /// One character from the set: a literal, a class, `.`, `\d`….
    Set(CharSet),
    /// Each part in turn.
    Concat(Vec<Node>),
    /// The first alternative that lets the rest match.
    Alternation(Vec<Node>),
    /// A capturing group (numbered from 1) or a non-capturing / flag-scoped group (`None`).
    Group {
        index: Option<u32>,
        name: Option<String>,
        body: Box<Node>,
    },
    /// `(?>…)`: the first way the body matches is kept.
    Atomic(Box<Node>),
    /// A quantified node; `max` is `None` for no upper bound.
    Repeat {
        body: Box<Node>,
        min: u32,
        max: Option<u32>,
        greed: Greed,
    },
    Anchor(Anchor),
    /// `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`; `width` is the fixed width of a look-behind.
    Look {
        behind: bool,
        negate: bool,
        width: usize,
        body: Box<Node>,
    },
    /// `\1`, `(?P=name)`; `ignore_case` when `re.IGNORECASE` applies to it.
    Backref {
        group: u32,
        ignore_case: bool,
    },
    /// `(?(group)yes|no)`.
    Conditional {
        group: u32,
        yes: Box<Node>,
        no: Box<Node>,
    },
}

impl Node {
    /// Calls `visit` on this node and every node under it, parents first.
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Node)) {
        visit(self);
        match &self.kind {
            Kind::Concat(items) | Kind::Alternation(items) => {
                for item in items {
                    item.walk(visit);
                }
            }
            Kind::Group { body, .. }
            | Kind::Atomic(body)
            | Kind::Repeat { body, .. }
            | Kind::Look { body, .. } => body.walk(visit),
            Kind::Conditional { yes, no, .. } => {
                yes.walk(visit);
                no.walk(visit);
            }
            Kind::Empty | Kind::Set(_) | Kind::Anchor(_) | Kind::Backref { .. } => {}
        }
    }

    /// The fewest and most characters the node can match (`None`: no upper bound).
    pub fn width(&self) -> (usize, Option<usize>) {
        match &self.kind {
            Kind::Empty | Kind::Anchor(_) | Kind::Look { .. } => (0, Some(0)),
            Kind::Set(_) => (1, Some(1)),
            Kind::Concat(items) => items.iter().fold((0, Some(0)), |(lo, hi), item| {
                let (l, h) = item.width();
                (lo + l, hi.zip(h).map(|(a, b)| a + b))
            }),
            Kind::Alternation(items) => {
                let widths: Vec<_> = items.iter().map(|i| i.width()).collect();
                let lo = widths.iter().map(|w| w.0).min().unwrap_or(0);
                let hi = widths
                    .iter()
                    .try_fold(0usize, |acc, w| w.1.map(|h| acc.max(h)));
                (lo, hi)
            }
            Kind::Group { body, .. } | Kind::Atomic(body) => body.width(),
            Kind::Repeat { body, min, max, .. } => {
                let (l, h) = body.width();
                let hi = match (h, max) {
                    (Some(0), _) => Some(0),
                    (Some(h), Some(m)) => Some(h.saturating_mul(*m as usize)),
                    _ => None,
                };
                (l.saturating_mul(*min as usize), hi)
            }
            Kind::Backref { .. } => (0, None),
            Kind::Conditional { yes, no, .. } => {
                let (a, b) = (yes.width(), no.width());
                (a.0.min(b.0), a.1.zip(b.1).map(|(x, y)| x.max(y)))
            }
        }
    }
}
