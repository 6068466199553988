//! Rule selectors: the one place where a user's word for a rule is resolved.
//!
//! `--select`, `--ignore`, configuration, `moat explain`, `# moat: ignore[…]`, `# nosec B…`
//! and `# noqa: S…` all go through [`Selector::parse`] and [`Selector::matches`].

use crate::meta::{Category, RuleMeta};
use std::fmt;

/// What a selector string names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// `ALL`: every rule.
    All,
    /// A category name such as `crypto`.
    Category(Category),
    /// One rule id, or a Bandit (`B602`) or Ruff (`S602`) alias; may name several rules
    /// when an alias is shared.
    Code(String),
}

/// A selector string that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelector {
    pub selector: String,
    /// The closest known rule id, to suggest.
    pub suggestion: Option<&'static str>,
}

impl fmt::Display for UnknownSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule or category `{}`", self.selector)?;
        if let Some(suggestion) = self.suggestion {
            write!(f, "; did you mean `{suggestion}`?")?;
        }
        write!(
            f,
            " (`moat rules` lists rule ids, their Bandit/Ruff aliases and categories)"
        )
    }
}

impl std::error::Error for UnknownSelector {}

impl Selector {
    /// Parses `text` against the known `rules`; fails when it names nothing.
    pub fn parse(text: &str, rules: &[&'static RuleMeta]) -> Result<Selector, UnknownSelector> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("all") {
            return Ok(Selector::All);
        }
        if let Some(category) = Category::from_name(&text.to_ascii_lowercase()) {
            return Ok(Selector::Category(category));
        }
        if rules.iter().any(|rule| rule.answers_to(text)) {
            return Ok(Selector::Code(text.to_string()));
        }
        Err(UnknownSelector {
            selector: text.to_string(),
            suggestion: closest_id(text, rules),
        })
    }

    /// Whether this selector names `rule`.
    pub fn matches(&self, rule: &RuleMeta) -> bool {
        match self {
            Selector::All => true,
            Selector::Category(category) => rule.category == *category,
            Selector::Code(code) => rule.answers_to(code),
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::All => f.write_str("ALL"),
            Selector::Category(category) => f.write_str(category.as_str()),
            Selector::Code(code) => f.write_str(code),
        }
    }
}

/// The rules that `code` names (id or alias), in registry order.
pub fn rules_named<'r>(
    code: &str,
    rules: &'r [&'static RuleMeta],
) -> impl Iterator<Item = &'static RuleMeta> + 'r {
    let code = code.trim().to_string();
    rules
        .iter()
        .copied()
        .filter(move |rule| rule.answers_to(&code))
}

fn closest_id(text: &str, rules: &[&'static RuleMeta]) -> Option<&'static str> {
    let text = text.to_ascii_lowercase();
    rules
        .iter()
        .map(|rule| (edit_distance(&text, rule.id), rule.id))
        .filter(|&(distance, id)| distance <= id.len() / 3 + 1)
        .min()
        .map(|(_, id)| id)
}

/// Levenshtein distance, for suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::{Confidence, Owasp, Severity};

    static SHELL: RuleMeta = RuleMeta {
        id: "subprocess-shell-true",
        title: "t",
        category: Category::Injection,
        cwe: &[78],
        owasp: Owasp::A05Injection,
        severity: Severity::High,
        confidence: Confidence::High,
        default_enabled: true,
        checks_test_code: false,
        bandit: &["B602"],
        ruff: &["S602"],
        docs: "",
    };
    static HASH: RuleMeta = RuleMeta {
        id: "weak-hash",
        title: "t",
        category: Category::Crypto,
        cwe: &[328],
        owasp: Owasp::A04CryptographicFailures,
        severity: Severity::Medium,
        confidence: Confidence::High,
        default_enabled: true,
        checks_test_code: false,
        bandit: &["B324"],
        ruff: &["S324"],
        docs: "",
    };
    static RULES: [&RuleMeta; 2] = [&SHELL, &HASH];

    #[test]
    fn ids_aliases_and_categories_resolve() {
        assert!(Selector::parse("b602", &RULES).unwrap().matches(&SHELL));
        assert!(Selector::parse("S324", &RULES).unwrap().matches(&HASH));
        assert!(Selector::parse("crypto", &RULES).unwrap().matches(&HASH));
        assert!(!Selector::parse("crypto", &RULES).unwrap().matches(&SHELL));
        assert!(Selector::parse("ALL", &RULES).unwrap().matches(&SHELL));
    }

    #[test]
    fn unknown_selector_suggests_closest_id() {
        let err = Selector::parse("weak-hsah", &RULES).unwrap_err();
        assert_eq!(err.suggestion, Some("weak-hash"));
        assert!(err.to_string().contains("did you mean `weak-hash`"));
        assert_eq!(
            Selector::parse("B999", &RULES).unwrap_err().suggestion,
            None
        );
    }
}
