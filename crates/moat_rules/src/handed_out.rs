//! Weak values that a project function returns and only its callers in other modules can
//! judge.
//!
//! `def random_string(n): return "".join(random.choice(ALPHABET) for _ in range(n))` in
//! `app/utils.py` says nothing about what the string is for; `token = random_string(32)`
//! in `app/views.py` does. The rules run one module at a time, so a rule that sees such a
//! value, returned by a module-level function whose callers in the same module do not
//! name it, hands it out ([`crate::context::Context::hand_out`]). After every module is
//! checked, the modules that may call one of those functions are checked again with only
//! the rules' [`crate::Check::CallerOf`] checks, which look at what each call's result
//! becomes and report at the call.

use moat_diagnostics::RuleMeta;
use std::collections::HashMap;

/// A weak value a module-level function returns, for its callers in other modules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandedOut {
    /// The rule that judges the value.
    pub rule: &'static RuleMeta,
    /// The dotted module the function is defined in (`app.utils`).
    pub module: String,
    /// The function's name in its module (`random_string`).
    pub function: String,
    /// What makes the value, in the rule's words (`random.choice`).
    pub made_by: String,
    /// What else the rule needs to say about it (weak-hash: the algorithm).
    pub detail: String,
    /// The display path and 1-based line of the expression that makes it.
    pub path: String,
    pub line: usize,
}

impl HandedOut {
    /// The function's qualified name (`app.utils.random_string`), as calls resolve to it.
    pub fn qualified_function(&self) -> String {
        format!("{}.{}", self.module, self.function)
    }

    /// Where the value is made, for messages: `app/utils.py:12`.
    pub fn origin(&self) -> String {
        format!("{}:{}", self.path, self.line)
    }
}

/// Every handed-out value of a run, by the qualified name of the function returning it.
#[derive(Debug, Default)]
pub struct HandedOutIndex {
    by_function: HashMap<String, Vec<HandedOut>>,
    /// For each function name, the names a module that calls it must mention to import
    /// it: its module's last segment, and that of each package re-exporting it
    /// (`utils` for `app.utils.random_string`, `app` when `app/__init__.py` does
    /// `from .utils import random_string`).
    import_names: Vec<(String, Vec<String>)>,
}

impl HandedOutIndex {
    /// Indexes `values`, dropping repeats (a function whose two `return`s hand out the
    /// same value counts once). `canonical` follows project re-exports
    /// (`ProjectIndex::canonical`).
    pub fn new(
        values: impl IntoIterator<Item = HandedOut>,
        canonical: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let mut by_function: HashMap<String, Vec<HandedOut>> = HashMap::new();
        for value in values {
            let entry = by_function.entry(value.qualified_function()).or_default();
            if !entry
                .iter()
                .any(|v| v.rule.id == value.rule.id && v.made_by == value.made_by)
            {
                entry.push(value);
            }
        }
        let mut import_names = Vec::new();
        for (qualified, values) in &by_function {
            let value = &values[0];
            let segments: Vec<&str> = value.module.split('.').collect();
            let mut names = vec![segments.last().copied().unwrap_or_default().to_string()];
            for end in 1..segments.len() {
                let package = segments[..end].join(".");
                let alias = format!("{package}.{}", value.function);
                if canonical(&alias).as_deref() == Some(qualified.as_str()) {
                    names.push(segments[end - 1].to_string());
                }
            }
            import_names.push((value.function.clone(), names));
        }
        HandedOutIndex {
            by_function,
            import_names,
        }
    }

    /// Whether no function hands out anything.
    pub fn is_empty(&self) -> bool {
        self.by_function.is_empty()
    }

    /// The rules that judge the values.
    pub fn rules(&self) -> impl Iterator<Item = &'static RuleMeta> + '_ {
        self.by_function.values().flatten().map(|value| value.rule)
    }

    /// What the function named `qualified` hands out.
    pub fn get(&self, qualified: &str) -> &[HandedOut] {
        self.by_function.get(qualified).map_or(&[], Vec::as_slice)
    }

    /// Whether `source` may call one of the functions: it has the function's name and a
    /// name it is imported through as words (`random_string` and `utils`).
    pub fn mentioned_in(&self, source: &str) -> bool {
        self.import_names.iter().any(|(function, modules)| {
            has_word(source, function) && modules.iter().any(|m| has_word(source, m))
        })
    }
}

/// Whether `word` occurs in `text` not as part of a longer identifier.
fn has_word(text: &str, word: &str) -> bool {
    let is_identifier = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_identifier) && !after.is_some_and(is_identifier)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(module: &str, function: &str) -> HandedOut {
        HandedOut {
            rule: &crate::rules::crypto::insecure_random::META,
            module: module.to_string(),
            function: function.to_string(),
            made_by: "random.choice".to_string(),
            detail: String::new(),
            path: "app/utils.py".to_string(),
            line: 3,
        }
    }

    #[test]
    fn a_module_may_call_a_helper_when_it_names_the_helper_and_a_module_exporting_it() {
        let index = HandedOutIndex::new([value("app.helpers.text", "random_string")], |name| {
            (name == "app.random_string").then(|| "app.helpers.text.random_string".to_string())
        });
        assert!(index.mentioned_in("from app.helpers.text import random_string"));
        assert!(index.mentioned_in("from .text import random_string as rs"));
        assert!(index.mentioned_in("from app import random_string"));
        // `helpers` does not re-export it; `random_strings` is another name.
        assert!(!index.mentioned_in("from app.helpers import random_strings"));
        assert!(!index.mentioned_in("from other import random_string"));
        assert!(!index.mentioned_in("import helpers.texts  # random_string"));
    }

    #[test]
    fn repeats_count_once() {
        let index = HandedOutIndex::new(
            [value("app.utils", "token"), value("app.utils", "token")],
            |_| None,
        );
        assert_eq!(index.get("app.utils.token").len(), 1);
        assert!(index.get("app.utils.other").is_empty());
    }
}
