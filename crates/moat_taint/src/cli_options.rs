//! Command-line options that cannot hold text: `argparse` options declared with a numeric
//! `type` (`type=int`), a constant `choices` list, or a flag action (`store_true`,
//! `count`). Reading such an option from the parsed namespace (`args.port`) gives a
//! number, a flag or one of the developer's choices: it carries no text, though a number
//! the user chose can still overflow a fixed-width integer.
//!
//! The scan is per module and does not tell parsers apart: an option name counts only if
//! every `add_argument` in the module that declares it is of this kind.

use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, ExprCall, Stmt};
use moat_semantic::SemanticModel;
use std::collections::BTreeMap;

/// `type=` conversions whose result is not text.
const SAFE_TYPES: &[&str] = &[
    "builtins.int",
    "builtins.float",
    "builtins.bool",
    "builtins.complex",
];

/// Actions that store a flag or a count rather than the argument's text.
const FLAG_ACTIONS: &[&str] = &[
    "store_true",
    "store_false",
    "store_const",
    "count",
    "help",
    "version",
];

/// What an option's value can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CliValue {
    /// A number the user chose (`type=int`): no text, but any size.
    Number,
    /// A flag, a count or one of the developer's constant choices.
    Fixed,
}

/// The option names (namespace attributes) of a module's `add_argument` calls whose values
/// carry no text, sorted by name.
pub(crate) fn safe_options(suite: &[Stmt], model: &SemanticModel<'_>) -> Vec<(String, CliValue)> {
    let mut scan = Scan {
        model,
        options: BTreeMap::new(),
    };
    for stmt in suite {
        scan.visit_stmt(stmt);
    }
    scan.options
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name, v)))
        .collect()
}

struct Scan<'m, 'a> {
    model: &'m SemanticModel<'a>,
    /// Each option name and the weakest of its declarations (`None`: one holds text).
    options: BTreeMap<String, Option<CliValue>>,
}

impl Scan<'_, '_> {
    fn declaration(&mut self, call: &ExprCall) {
        let Expr::Attribute(method) = call.func.as_ref() else {
            return;
        };
        if method.attr.id.as_str() != "add_argument" {
            return;
        }
        let Some(name) = option_name(call) else {
            return;
        };
        let value = self.value(call);
        self.options
            .entry(name)
            .and_modify(|weakest| *weakest = (*weakest).min(value))
            .or_insert(value);
    }

    /// What the declared option's value can be, `None` when it may be any text. Choices
    /// decide over a type (`type=int, choices=[1, 2]` is fixed).
    fn value(&self, call: &ExprCall) -> Option<CliValue> {
        let scope = SemanticModel::MODULE_SCOPE;
        let mut value = None;
        for keyword in &call.arguments.keywords {
            let Some(arg) = &keyword.arg else {
                continue;
            };
            let this = match arg.id.as_str() {
                "type" => self
                    .model
                    .resolve_qualified_name(&keyword.value, scope)
                    .is_some_and(|q| SAFE_TYPES.contains(&q.as_str()))
                    .then_some(CliValue::Number),
                "action" => self
                    .model
                    .constant_value(&keyword.value, scope)
                    .is_some_and(|c| c.as_str().is_some_and(|a| FLAG_ACTIONS.contains(&a)))
                    .then_some(CliValue::Fixed),
                "choices" => match &keyword.value {
                    Expr::List(list) => constants_only(&list.elts),
                    Expr::Tuple(tuple) => constants_only(&tuple.elts),
                    Expr::Set(set) => constants_only(&set.elts),
                    _ => false,
                }
                .then_some(CliValue::Fixed),
                _ => None,
            };
            value = value.max(this);
        }
        value
    }
}

/// Whether every element is a literal.
fn constants_only(elements: &[Expr]) -> bool {
    !elements.is_empty()
        && elements.iter().all(|e| {
            matches!(
                e,
                Expr::StringLiteral(_) | Expr::NumberLiteral(_) | Expr::BooleanLiteral(_)
            )
        })
}

/// The namespace attribute an `add_argument` call fills: `dest=`, else the first long
/// option (`--max-size` is `max_size`), else the first short one, else the positional
/// name.
fn option_name(call: &ExprCall) -> Option<String> {
    if let Some(dest) = call.arguments.find_keyword("dest") {
        return match &dest.value {
            Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
            _ => None,
        };
    }
    let names: Vec<&str> = call
        .arguments
        .args
        .iter()
        .filter_map(|a| match a {
            Expr::StringLiteral(s) => Some(s.value.to_str()),
            _ => None,
        })
        .collect();
    let chosen = names
        .iter()
        .find(|n| n.starts_with("--"))
        .or_else(|| names.iter().find(|n| n.starts_with('-')))
        .or_else(|| names.first())?;
    let bare = chosen.trim_start_matches('-');
    (!bare.is_empty()).then(|| bare.replace('-', "_"))
}

impl<'a> Visitor<'a> for Scan<'_, '_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            self.declaration(call);
        }
        visitor::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(source: &str) -> Vec<(String, CliValue)> {
        let parsed = moat_python::parse_module(source).unwrap();
        let suite = parsed.suite();
        let model = SemanticModel::module_level(suite, "cli", false);
        safe_options(suite, &model)
    }

    #[test]
    fn numeric_choice_and_flag_options_carry_no_text() {
        let source = r#"
import argparse
p = argparse.ArgumentParser()
p.add_argument("--port", type=int)
p.add_argument("-r", "--max-rate", type=float)
p.add_argument("--mode", choices=["fast", "slow"])
p.add_argument("--verbose", action="store_true")
p.add_argument("count", type=int)
p.add_argument("--name")
p.add_argument("--path", type=str)
p.add_argument("--level", dest="log_level", type=int)
p.add_argument("--pick", choices=ALLOWED)
q = argparse.ArgumentParser()
q.add_argument("--port")
"#;
        let found = options(source);
        let names: Vec<(&str, CliValue)> = found.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        assert_eq!(
            names,
            [
                ("count", CliValue::Number),
                ("log_level", CliValue::Number),
                ("max_rate", CliValue::Number),
                ("mode", CliValue::Fixed),
                ("verbose", CliValue::Fixed),
            ]
        );
    }
}
