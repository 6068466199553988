//! Strings put together at run time: f-strings, `%` formatting, `str.format`, `+` and
//! `str.replace`, and whether at least one part is not a constant. `django-mark-safe`,
//! `django-raw-sql`, `markup-unsafe`, `sql-string-built` and `subprocess-shell-true` share
//! this to tell text built from data from constant text. Parts that cannot carry text an
//! attacker chose count as constants here: numbers (`int(…)`, `len(…)`, a value formatted
//! with `%d`), a choice between constants (`"x" if c else ""`), a loop variable over a
//! constant tuple, a join of constants (`", ".join(["%s"] * n)`); each rule adds the
//! quoting functions of its language (`is_safe`).

use crate::context::Context;
use moat_python::ast::{
    Expr, ExprCall, ExprName, FStringPart, InterpolatedStringElement, Operator, Stmt,
};
use moat_semantic::Constant;

/// How deep parts are followed: assignments (`sql = f"…"; query = sql`), nested
/// formatting and joins, two or three levels for each reassignment in a chain such as
/// `v = qn(c); v = "TO_CHAR(%s)" % v; v = "TRIM(%s)" % v`.
const MAX_HOPS: usize = 16;

/// How a string was built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Building {
    FString,
    Percent,
    FormatMethod,
    Concatenation,
    Replacement,
}

impl Building {
    /// How the building is named in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Building::FString => "an f-string",
            Building::Percent => "`%` formatting",
            Building::FormatMethod => "`str.format`",
            Building::Concatenation => "string concatenation",
            Building::Replacement => "`str.replace`",
        }
    }
}

/// How `expr` was built, when it was built from at least one part that is neither a
/// constant nor accepted by `is_safe`.
pub fn built_from_data(
    ctx: &Context<'_, '_>,
    expr: &Expr,
    is_safe: &dyn Fn(&Context<'_, '_>, &Expr) -> bool,
) -> Option<Building> {
    built(ctx, expr, is_safe, 0)
        .filter(|&(_, from_data)| from_data)
        .map(|(how, _)| how)
}

/// Whether `expr` is text built by formatting (directly or through local variables)
/// from constants and parts `is_safe` accepts only: `"<b>{}</b>".format(TITLE)` with
/// `TITLE` a constant.
pub fn built_from_constants(
    ctx: &Context<'_, '_>,
    expr: &Expr,
    is_safe: &dyn Fn(&Context<'_, '_>, &Expr) -> bool,
) -> bool {
    built(ctx, expr, is_safe, 0).is_some_and(|(_, from_data)| !from_data)
}

/// Whether `expr` carries no data at all: a constant, or text (directly or through local
/// variables) built only from constants, numbers and parts `is_safe` accepts; see
/// [`is_safe_part`] for what counts.
pub fn carries_no_data(
    ctx: &Context<'_, '_>,
    expr: &Expr,
    is_safe: &dyn Fn(&Context<'_, '_>, &Expr) -> bool,
) -> bool {
    is_safe_part(ctx, expr, is_safe, 0)
}

/// How `expr` (or the value a local name was assigned) was built, and whether at least
/// one of its parts is neither a constant nor accepted by `is_safe`; `None` when it is a
/// constant or not built by formatting at all.
fn built(
    ctx: &Context<'_, '_>,
    expr: &Expr,
    is_safe: &dyn Fn(&Context<'_, '_>, &Expr) -> bool,
    hops: usize,
) -> Option<(Building, bool)> {
    if hops > MAX_HOPS || ctx.constant(expr).is_some() {
        return None;
    }
    let from_data = |part: &Expr| !is_safe_part(ctx, part, is_safe, hops);
    match expr {
        Expr::FString(fstring) => {
            let mut parts = Vec::new();
            for part in fstring.value.iter() {
                if let FStringPart::FString(f) = part {
                    for element in &f.elements {
                        if let InterpolatedStringElement::Interpolation(i) = element
                            && !formats_a_number(i)
                        {
                            parts.push(i.expression.as_ref());
                        }
                    }
                }
            }
            Some((Building::FString, parts.into_iter().any(from_data)))
        }
        Expr::BinOp(binop) if binop.op == Operator::Mod && is_text(ctx, &binop.left) => {
            let template = ctx.constant(&binop.left);
            let template = template.as_ref().and_then(Constant::as_str);
            Some((
                Building::Percent,
                percent_text_values(ctx, template, &binop.right)
                    .into_iter()
                    .any(from_data),
            ))
        }
        Expr::BinOp(binop) if binop.op == Operator::Add => {
            let mut is_string = false;
            let mut any_data = false;
            for side in [binop.left.as_ref(), binop.right.as_ref()] {
                match built(ctx, side, is_safe, hops + 1) {
                    Some((_, data)) => {
                        is_string = true;
                        any_data |= data;
                    }
                    None => {
                        is_string |= is_text(ctx, side);
                        any_data |= from_data(side) && !is_text(ctx, side);
                    }
                }
            }
            is_string.then_some((Building::Concatenation, any_data))
        }
        Expr::Call(call) if is_format_call(ctx, call) => Some((
            Building::FormatMethod,
            call.arguments
                .args
                .iter()
                .chain(call.arguments.keywords.iter().map(|k| &k.value))
                .flat_map(unpacked)
                .any(from_data),
        )),
        Expr::Call(call) => replacement(ctx, call, is_safe, hops),
        Expr::Name(name) => built(ctx, ctx.assigned_value(name)?, is_safe, hops + 1),
        _ => None,
    }
}

/// `template.replace(old, new)` with a constant `old`, on text that is a constant or itself
/// built (a template filled in with `"… '[VALUE]'".replace("[VALUE]", value)`): whether the
/// template or `new` carries data.
fn replacement(
    ctx: &Context<'_, '_>,
    call: &ExprCall,
    is_safe: &dyn Fn(&Context<'_, '_>, &Expr) -> bool,
    hops: usize,
) -> Option<(Building, bool)> {
    let Expr::Attribute(method) = call.func.as_ref() else {
        return None;
    };
    let arguments = &call.arguments;
    if method.attr.id.as_str() != "replace"
        || !arguments.keywords.is_empty()
        || arguments.args.len() != 2
        || ctx.constant(&arguments.args[0]).is_none()
    {
        return None;
    }
    let template_data = if is_text(ctx, &method.value) {
        false
    } else {
        built(ctx, &method.value, is_safe, hops + 1)?.1
    };
    let new_data = !is_safe_part(ctx, &arguments.args[1], is_safe, hops);
    Some((Building::Replacement, template_data || new_data))
}

/// Whether a part of a built string carries no data: constant text, a number, a part
/// `is_safe` accepts, a choice between such parts (`"x" if c else ""`), a loop variable
/// over a constant tuple, a join of such parts (the placeholder list
/// `", ".join(["%s"] * len(ids))`, `", ".join(qn(c) for c in columns)`), text itself built
/// from such parts only, or a local variable assigned one
/// (`rhs = "%s.%s" % (qn(a), qn(b))`).
fn is_safe_part(
    ctx: &Context<'_, '_>,
    part: &Expr,
    is_safe: &dyn Fn(&Context<'_, '_>, &Expr) -> bool,
    hops: usize,
) -> bool {
    if hops > MAX_HOPS {
        return false;
    }
    if ctx.constant(part).is_some() || is_number(ctx, part, hops) || is_safe(ctx, part) {
        return true;
    }
    match part {
        Expr::Name(name) => {
            is_constant_loop_variable(ctx, name)
                || ctx
                    .assigned_value(name)
                    .is_some_and(|value| is_safe_part(ctx, value, is_safe, hops + 1))
        }
        Expr::If(choice) => {
            is_safe_part(ctx, &choice.body, is_safe, hops + 1)
                && is_safe_part(ctx, &choice.orelse, is_safe, hops + 1)
        }
        Expr::Call(call) if is_join_call(ctx, call) => {
            safe_items(ctx, &call.arguments.args[0], is_safe, hops + 1)
        }
        _ => built(ctx, part, is_safe, hops + 1).is_some_and(|(_, data)| !data),
    }
}

/// Whether `call` is `separator.join(items)` with a text separator.
fn is_join_call(ctx: &Context<'_, '_>, call: &ExprCall) -> bool {
    matches!(call.func.as_ref(), Expr::Attribute(method)
        if method.attr.id.as_str() == "join" && is_text(ctx, &method.value))
        && call.arguments.args.len() == 1
        && call.arguments.keywords.is_empty()
}

/// Whether every item of `sequence` is a safe part: a literal list or tuple of such
/// parts, such a list repeated (`["%s"] * n`), or a comprehension yielding one.
fn safe_items(
    ctx: &Context<'_, '_>,
    sequence: &Expr,
    is_safe: &dyn Fn(&Context<'_, '_>, &Expr) -> bool,
    hops: usize,
) -> bool {
    let all_safe = |items: &[Expr]| {
        items
            .iter()
            .all(|item| is_safe_part(ctx, item, is_safe, hops + 1))
    };
    match sequence {
        Expr::List(list) => all_safe(&list.elts),
        Expr::Tuple(tuple) => all_safe(&tuple.elts),
        Expr::BinOp(binop) if binop.op == Operator::Mult => {
            safe_items(ctx, &binop.left, is_safe, hops + 1)
                || safe_items(ctx, &binop.right, is_safe, hops + 1)
        }
        Expr::ListComp(comp) => is_safe_part(ctx, &comp.elt, is_safe, hops + 1),
        Expr::Generator(comp) => is_safe_part(ctx, &comp.elt, is_safe, hops + 1),
        _ => false,
    }
}

/// Builtins whose result is a number.
const NUMBER_FUNCTIONS: &[&str] = &[
    "builtins.int",
    "builtins.float",
    "builtins.len",
    "builtins.round",
    "builtins.abs",
    "builtins.ord",
];

/// Whether `expr` is a number: a numeric constant, a call of `int`, `float`, `len`,
/// `round`, `abs` or `ord`, arithmetic on numbers, or a local variable assigned one.
pub fn is_number(ctx: &Context<'_, '_>, expr: &Expr, hops: usize) -> bool {
    if hops > MAX_HOPS {
        return false;
    }
    if let Some(constant) = ctx.constant(expr) {
        return matches!(
            constant,
            Constant::Int(_) | Constant::Float(_) | Constant::Bool(_)
        );
    }
    match expr {
        Expr::Call(call) => ctx
            .resolve(&call.func)
            .is_some_and(|name| NUMBER_FUNCTIONS.contains(&name.as_str())),
        Expr::BinOp(binop) if binop.op != Operator::Mod => {
            is_number(ctx, &binop.left, hops + 1) && is_number(ctx, &binop.right, hops + 1)
        }
        Expr::UnaryOp(unary) => is_number(ctx, &unary.operand, hops + 1),
        Expr::Name(name) => ctx
            .assigned_value(name)
            .is_some_and(|value| is_number(ctx, value, hops + 1)),
        _ => false,
    }
}

/// Whether `name` is the variable of a `for` loop enclosing the node being inspected,
/// over a constant tuple or list of strings (`for cmd in ("ver", "cmd /c ver"):`), and
/// bound nowhere else in its scope.
fn is_constant_loop_variable(ctx: &Context<'_, '_>, name: &ExprName) -> bool {
    let model = ctx.model;
    let Some(id) = model.lookup(name.id.as_str(), ctx.scope, name.range.start()) else {
        return false;
    };
    let binding = model.binding(id);
    if binding.scope != ctx.scope || model.scope(ctx.scope).bindings_of(&binding.name).len() != 1 {
        return false;
    }
    ctx.ancestors().iter().any(|statement| {
        matches!(statement, Stmt::For(for_loop)
            if matches!(for_loop.target.as_ref(), Expr::Name(target) if target.range == binding.range)
                && constant_strings(ctx, &for_loop.iter))
    })
}

/// Whether `sequence` is a tuple or list of string constants.
fn constant_strings(ctx: &Context<'_, '_>, sequence: &Expr) -> bool {
    let is_str = |e: &Expr| ctx.constant(e).is_some_and(|c| c.as_str().is_some());
    match sequence {
        Expr::List(list) => list.elts.iter().all(is_str),
        other => matches!(ctx.constant(other), Some(Constant::Tuple(items))
            if items.iter().all(|item| item.as_str().is_some())),
    }
}

/// Whether an f-string field formats a number: a format spec of constant text ending in a
/// numeric presentation type (`{n:d}`, `{x:.2f}`), which raises for anything else.
fn formats_a_number(field: &moat_python::ast::InterpolatedElement) -> bool {
    if field.conversion != moat_python::ast::ConversionFlag::None {
        return false;
    }
    let Some(spec) = &field.format_spec else {
        return false;
    };
    let mut text = String::new();
    for element in &spec.elements {
        match element {
            InterpolatedStringElement::Literal(literal) => text.push_str(literal),
            InterpolatedStringElement::Interpolation(_) => return false,
        }
    }
    text.ends_with(|c: char| "bdeEfFgGnoxX%".contains(c))
}

/// Conversion characters of `%` formatting that accept numbers only.
const NUMERIC_CONVERSIONS: &str = "diouxXeEfFgG";

/// The conversions of a `%` template in order: the mapping key (`%(name)s`) if any and the
/// conversion character; `None` when a width or precision is read from the values (`%*d`)
/// or the template is malformed.
fn percent_conversions(template: &str) -> Option<Vec<(Option<&str>, char)>> {
    let mut conversions = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find('%') {
        rest = &rest[at + 1..];
        let mut key = None;
        if let Some(inner) = rest.strip_prefix('(') {
            let close = inner.find(')')?;
            key = Some(&inner[..close]);
            rest = &inner[close + 1..];
        }
        let modifiers = rest
            .find(|c: char| !"#0- +.0123456789hlL*".contains(c))
            .unwrap_or(rest.len());
        if rest[..modifiers].contains('*') {
            return None;
        }
        rest = &rest[modifiers..];
        let conversion = rest.chars().next()?;
        rest = &rest[conversion.len_utf8()..];
        if conversion != '%' {
            conversions.push((key, conversion));
        }
    }
    Some(conversions)
}

/// The values `template % right` formats as text: the items of a tuple (or the one value),
/// or of a dict (literal, or a local variable assigned one) those the template names; less
/// those a numeric conversion (`%d`, `%.2f`) formats. All of them when the template is not
/// known or does not match the values.
fn percent_text_values<'a>(
    ctx: &Context<'_, 'a>,
    template: Option<&str>,
    right: &'a Expr,
) -> Vec<&'a Expr> {
    let conversions = template.and_then(percent_conversions);
    let is_numeric = |conversion: char| NUMERIC_CONVERSIONS.contains(conversion);
    let values = match right {
        Expr::Name(name) => match ctx.assigned_value(name) {
            Some(value @ (Expr::Dict(_) | Expr::Tuple(_))) => value,
            _ => right,
        },
        other => other,
    };
    match (values, conversions) {
        (Expr::Tuple(tuple), Some(conversions))
            if conversions.len() == tuple.elts.len()
                && conversions.iter().all(|(key, _)| key.is_none()) =>
        {
            tuple
                .elts
                .iter()
                .zip(&conversions)
                .filter(|(_, (_, conversion))| !is_numeric(*conversion))
                .map(|(value, _)| value)
                .collect()
        }
        (Expr::Tuple(tuple), _) => tuple.elts.iter().collect(),
        (Expr::Dict(dict), Some(conversions))
            if !conversions.is_empty() && conversions.iter().all(|(key, _)| key.is_some()) =>
        {
            let text_keys: Vec<&str> = conversions
                .iter()
                .filter(|(_, conversion)| !is_numeric(*conversion))
                .filter_map(|(key, _)| *key)
                .collect();
            let mut formatted = Vec::new();
            for key in &text_keys {
                let item = dict.items.iter().find(|item| {
                    item.key.as_ref().is_some_and(|k| {
                        ctx.constant(k).as_ref().and_then(Constant::as_str) == Some(key)
                    })
                });
                match item {
                    Some(item) => formatted.push(&item.value),
                    // Not in the literal: set later, or by `**` unpacking.
                    None => return vec![right],
                }
            }
            formatted
        }
        (Expr::Dict(dict), _) => dict.items.iter().map(|item| &item.value).collect(),
        (_, Some(conversions)) if conversions.len() == 1 && is_numeric(conversions[0].1) => {
            Vec::new()
        }
        _ => vec![right],
    }
}

/// The values an argument passes: the items of a literal after `*` or `**`
/// (`*[a, b]`, `**{"k": v}`), else the argument itself.
fn unpacked(argument: &Expr) -> Vec<&Expr> {
    match argument {
        Expr::Starred(starred) => match starred.value.as_ref() {
            Expr::List(list) => list.elts.iter().collect(),
            Expr::Tuple(tuple) => tuple.elts.iter().collect(),
            _ => vec![argument],
        },
        Expr::Dict(dict) => dict.items.iter().map(|item| &item.value).collect(),
        other => vec![other],
    }
}

/// Whether `expr` is text: a string constant, or itself built by formatting.
fn is_text(ctx: &Context<'_, '_>, expr: &Expr) -> bool {
    ctx.constant(expr).is_some_and(|c| c.as_str().is_some()) || matches!(expr, Expr::FString(_))
}

/// Whether `call` is `"…".format(…)` on a constant string.
fn is_format_call(ctx: &Context<'_, '_>, call: &ExprCall) -> bool {
    matches!(call.func.as_ref(), Expr::Attribute(method)
        if method.attr.id.as_str() == "format" && is_text(ctx, &method.value))
}
