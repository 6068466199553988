//! Small syntax patterns that rules in several categories share: attribute assignments,
//! method calls, keyword arguments with constant values, imported module names.

use crate::context::Context;
use moat_python::Ranged;
use moat_python::TextRange;
use moat_python::ast::{
    Expr, ExprAttribute, ExprCall, FStringPart, InterpolatedStringElement, Operator, Stmt,
};
use moat_semantic::Constant;

/// The attribute targets of an assignment statement (`ctx.check_hostname = False`) with
/// the assigned value; empty for any other statement.
pub fn attribute_assignments(stmt: &Stmt) -> Vec<(&ExprAttribute, &Expr)> {
    let (targets, value): (Vec<&Expr>, &Expr) = match stmt {
        Stmt::Assign(assign) => (assign.targets.iter().collect(), &assign.value),
        Stmt::AnnAssign(assign) => match &assign.value {
            Some(value) => (vec![assign.target.as_ref()], value),
            None => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    targets
        .into_iter()
        .filter_map(|target| match target {
            Expr::Attribute(attribute) => Some((attribute, value)),
            _ => None,
        })
        .collect()
}

/// The receiver and method name of a method call (`session.get(…)` → `session`, `get`).
pub fn method_call(call: &ExprCall) -> Option<(&Expr, &str)> {
    match call.func.as_ref() {
        Expr::Attribute(attribute) => Some((&attribute.value, attribute.attr.id.as_str())),
        _ => None,
    }
}

/// The call, its receiver and the method name when `expr` is a method call
/// (`session.get(…)` → the call, `session`, `get`): the start of every `Check::Expr`
/// that looks at methods.
pub fn as_method_call(expr: &Expr) -> Option<(&ExprCall, &Expr, &str)> {
    let Expr::Call(call) = expr else {
        return None;
    };
    let (receiver, method) = method_call(call)?;
    Some((call, receiver, method))
}

/// Whether `value` folds to a constant Python treats as false (`False`, `0`, `""`, `None`).
pub fn is_false_constant(ctx: &Context<'_, '_>, value: &Expr) -> bool {
    ctx.constant(value).is_some_and(|v| !v.is_truthy())
}

/// Whether `value` folds to a constant Python treats as true.
pub fn is_true_constant(ctx: &Context<'_, '_>, value: &Expr) -> bool {
    ctx.constant(value).is_some_and(|v| v.is_truthy())
}

/// The keyword argument `name` of `call`, with its value folded when it is a constant.
pub fn keyword_constant<'c>(
    ctx: &Context<'_, '_>,
    call: &'c ExprCall,
    name: &str,
) -> Option<(&'c Expr, Option<Constant>)> {
    let keyword = call.arguments.find_keyword(name)?;
    Some((&keyword.value, ctx.constant(&keyword.value)))
}

/// How a constant argument is written, for messages: `` `verify=False` ``, or
/// `` `verify=VERIFY`, which is false `` when it is a name or an expression.
pub fn spelled_value(ctx: &Context<'_, '_>, prefix: &str, value: &Expr, meaning: &str) -> String {
    if value.is_literal_expr() {
        format!("`{prefix}{}`", ctx.text(value))
    } else {
        format!("`{prefix}{}`, which is {meaning}", ctx.snippet(value))
    }
}

/// The modules an `import` statement imports and the range naming each, with
/// `from m import a` giving `m.a` (relative imports are left out: they are project code).
pub fn imported_names(stmt: &Stmt) -> Vec<(String, TextRange)> {
    match stmt {
        Stmt::Import(import) => import
            .names
            .iter()
            .map(|alias| (alias.name.id.to_string(), alias.range()))
            .collect(),
        Stmt::ImportFrom(import) if import.level == 0 => {
            let Some(module) = &import.module else {
                return Vec::new();
            };
            import
                .names
                .iter()
                .map(|alias| (format!("{}.{}", module.id, alias.name.id), alias.range()))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The names an `import` statement imports from inside any of `modules`.
pub fn imports_within(stmt: &Stmt, modules: &[&str]) -> Vec<(String, TextRange)> {
    imported_names(stmt)
        .into_iter()
        .filter(|(name, _)| modules.iter().any(|module| is_within(name, module)))
        .collect()
}

/// Reports the names `stmt` imports from inside any of `modules`, with the message
/// `message` makes from the imported name: the whole check of an import-blacklist rule.
/// `from m import a, b` is reported once, naming `m` when several names match.
pub fn report_imports(
    ctx: &mut Context<'_, '_>,
    stmt: &Stmt,
    modules: &[&str],
    message: impl Fn(&str) -> String,
) {
    let matches = imports_within(stmt, modules);
    if let (Stmt::ImportFrom(import), [(first, range), rest @ ..]) = (stmt, matches.as_slice()) {
        let name = match (&import.module, rest.is_empty()) {
            (Some(module), false) => module.id.to_string(),
            _ => first.clone(),
        };
        ctx.report(*range, message(&name));
        return;
    }
    for (name, range) in matches {
        ctx.report(range, message(&name));
    }
}

/// Whether the dotted name `name` is `module` or lies inside it (`xml.sax.handler` is in
/// `xml.sax`, `xml.saxophone` is not).
pub fn is_within(name: &str, module: &str) -> bool {
    name.strip_prefix(module)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// The bases of a `class` statement that resolve to one of `classes`: for each, the
/// base expression and its qualified name. Empty for any other statement.
pub fn bases_among<'s>(
    ctx: &Context<'_, '_>,
    stmt: &'s Stmt,
    classes: &[&str],
) -> Vec<(&'s Expr, String)> {
    let Stmt::ClassDef(class) = stmt else {
        return Vec::new();
    };
    class
        .bases()
        .iter()
        .filter_map(|base| {
            ctx.resolve(base)
                .filter(|name| classes.contains(&name.as_str()))
                .map(|name| (base, name))
        })
        .collect()
}

/// The name a `class` statement defines; empty for any other statement.
pub fn class_name(stmt: &Stmt) -> &str {
    match stmt {
        Stmt::ClassDef(class) => class.name.id.as_str(),
        _ => "",
    }
}

/// The constant text the value of `expr` starts with, if any: the whole string of a
/// constant, the first part of an f-string (literal or a constant), the left side of `+` or `%`, the
/// template of `"...".format(...)`.
pub fn leading_text(ctx: &Context<'_, '_>, expr: &Expr) -> Option<String> {
    if let Some(Constant::Str(text)) = ctx.constant(expr) {
        return Some(text);
    }
    match expr {
        Expr::FString(fstring) => match fstring.value.iter().next()? {
            FStringPart::Literal(literal) => Some(literal.value.to_string()),
            FStringPart::FString(part) => match part.elements.iter().next()? {
                InterpolatedStringElement::Literal(literal) => Some(literal.value.to_string()),
                InterpolatedStringElement::Interpolation(value) => {
                    leading_text(ctx, &value.expression)
                }
            },
        },
        Expr::BinOp(binary) if matches!(binary.op, Operator::Add | Operator::Mod) => {
            leading_text(ctx, &binary.left)
        }
        Expr::Call(call) => match method_call(call) {
            Some((template, "format")) => leading_text(ctx, template),
            _ => None,
        },
        _ => None,
    }
}
