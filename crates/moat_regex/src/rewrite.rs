//! Standard rewrites of the vulnerable part of a pattern: a nested quantifier collapsed
//! (`(a+)+` → `a+`), a loop of single-character parts turned into one class
//! (`(\w+\s?)*` → `[\w\s]*`), or else the loop made possessive (Python 3.11+).

use crate::analysis::Verdict;
use crate::ast::{Greed, Kind, Node, Span};
use crate::parse::Pattern;

/// A suggested replacement for the whole pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    pub pattern: String,
    /// What the rewrite changes, in one sentence.
    pub note: String,
}

/// A rewrite of `pattern` removing the blow-up at the repeat spanning `span`.
pub fn suggest(pattern: &Pattern, span: &Span, verdict: Verdict) -> Option<Rewrite> {
    let mut target = None;
    pattern.root.walk(&mut |n| {
        if n.span == *span && matches!(n.kind, Kind::Repeat { .. }) && target.is_none() {
            target = Some(n);
        }
    });
    let node = target?;
    let Kind::Repeat {
        body, min, greed, ..
    } = &node.kind
    else {
        return None;
    };
    let text = |s: &Span| -> String {
        pattern.text[s.clone()]
            .iter()
            .filter_map(|&u| char::from_u32(u))
            .collect()
    };
    let replace = |with: &str| -> String {
        let whole: String = text(&(0..pattern.text.len()));
        let before: String = whole.chars().take(span.start).collect();
        let after: String = whole.chars().skip(span.end).collect();
        format!("{before}{with}{after}")
    };
    let lazy = if *greed == Greed::Lazy { "?" } else { "" };
    if verdict == Verdict::Exponential && *greed != Greed::Possessive {
        let inner = unwrap_groups(body);
        // (X+)+, (X*)*, (X+)* with X one character: one loop does the same.
        if let Kind::Repeat {
            body: x,
            min: inner_min,
            max: None,
            ..
        } = &inner.kind
            && matches!(x.kind, Kind::Set(_))
        {
            let q = if *min >= 1 && *inner_min >= 1 {
                "+"
            } else {
                "*"
            };
            let with = format!("{}{q}{lazy}", text(&x.span));
            return Some(Rewrite {
                pattern: replace(&with),
                note: format!(
                    "`{}` matches the same text as `{with}` in far more ways; one loop is enough",
                    text(span)
                ),
            });
        }
        // (X+Y?)* with X, Y one character each: one class, which also accepts X and Y in
        // any order.
        if let Kind::Concat(items) = &inner.kind
            && let Some(parts) = items
                .iter()
                .map(|i| class_part(i, &text))
                .collect::<Option<Vec<_>>>()
        {
            let mut parts = parts;
            parts.dedup();
            let mandatory = items.iter().any(|i| min_width(i) > 0);
            let q = if *min >= 1 && mandatory { "+" } else { "*" };
            let class = if parts.len() == 1 && parts[0].chars().count() <= 2 {
                parts[0].clone()
            } else {
                format!("[{}]", parts.join(""))
            };
            let with = format!("{class}{q}{lazy}");
            return Some(Rewrite {
                pattern: replace(&with),
                note: format!(
                    "`{with}` reads the characters of `{}` in one way only; it also accepts them in any order, so check that is acceptable",
                    text(span)
                ),
            });
        }
    }
    // A possessive loop never gives back what it read.
    let with = if *greed == Greed::Greedy {
        format!("{}+", text(span))
    } else {
        format!("(?>{})", text(span))
    };
    Some(Rewrite {
        pattern: replace(&with),
        note: format!(
            "`{with}` keeps what it matched instead of backtracking into it (Python 3.11+); it matches the same strings when what follows never needs characters the loop took"
        ),
    })
}

fn unwrap_groups(node: &Node) -> &Node {
    match &node.kind {
        Kind::Group { body, .. } => unwrap_groups(body),
        _ => node,
    }
}

fn min_width(node: &Node) -> usize {
    node.width().0
}

/// The text an item contributes inside `[…]`: a literal, `\w`-style escape or a
/// non-negated class, optionally quantified.
fn class_part(node: &Node, text: &dyn Fn(&Span) -> String) -> Option<String> {
    let set_node = match &node.kind {
        Kind::Repeat { body, .. } => body.as_ref(),
        Kind::Set(_) => node,
        _ => return None,
    };
    if !matches!(set_node.kind, Kind::Set(_)) {
        return None;
    }
    let source = text(&set_node.span);
    if let Some(inner) = source.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        if inner.starts_with('^') {
            return None;
        }
        return Some(inner.to_string());
    }
    match source.as_str() {
        "." => None,
        "-" | "]" | "^" | "[" => Some(format!("\\{source}")),
        _ => Some(source),
    }
}
