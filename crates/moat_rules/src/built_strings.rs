//! Strings put together at run time: f-strings, `%` formatting, `str.format` and `+`,
//! and whether at least one part is not a constant. `django-mark-safe`, `django-raw-sql`
//! and `markup-unsafe` share this to tell text built from data from constant text.

use crate::context::Context;
use moat_python::ast::{Expr, ExprCall, FStringPart, InterpolatedStringElement, Operator};

/// How many assignments (`sql = f"…"; query = sql`) are followed back.
const MAX_HOPS: usize = 8;

/// How a string was built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Building {
    FString,
    Percent,
    FormatMethod,
    Concatenation,
}

impl Building {
    /// How the building is named in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Building::FString => "an f-string",
            Building::Percent => "`%` formatting",
            Building::FormatMethod => "`str.format`",
            Building::Concatenation => "string concatenation",
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
                        if let InterpolatedStringElement::Interpolation(i) = element {
                            parts.push(i.expression.as_ref());
                        }
                    }
                }
            }
            Some((Building::FString, parts.into_iter().any(from_data)))
        }
        Expr::BinOp(binop) if binop.op == Operator::Mod && is_text(ctx, &binop.left) => {
            let values: Vec<&Expr> = match binop.right.as_ref() {
                Expr::Tuple(tuple) => tuple.elts.iter().collect(),
                Expr::Dict(dict) => dict.items.iter().map(|item| &item.value).collect(),
                other => vec![other],
            };
            Some((Building::Percent, values.into_iter().any(from_data)))
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
        Expr::Name(name) => built(ctx, ctx.assigned_value(name)?, is_safe, hops + 1),
        _ => None,
    }
}

/// Whether a part of a built string carries no data: constant text, a part `is_safe`
/// accepts, or a local variable itself built from such parts only
/// (`rhs = "%s.%s" % (qn(a), qn(b))`).
fn is_safe_part(
    ctx: &Context<'_, '_>,
    part: &Expr,
    is_safe: &dyn Fn(&Context<'_, '_>, &Expr) -> bool,
    hops: usize,
) -> bool {
    is_constant_text(ctx, part, hops)
        || is_safe(ctx, part)
        || (matches!(part, Expr::Name(_))
            && built(ctx, part, is_safe, hops + 1).is_some_and(|(_, data)| !data))
}

/// Whether `part` is made of constants only: a constant, or a join of constants such as
/// the placeholder list `", ".join(["%s"] * len(ids))` (also through a local variable).
fn is_constant_text(ctx: &Context<'_, '_>, part: &Expr, hops: usize) -> bool {
    if hops > MAX_HOPS {
        return false;
    }
    if ctx.constant(part).is_some() {
        return true;
    }
    match part {
        Expr::Name(name) => ctx
            .assigned_value(name)
            .is_some_and(|value| is_constant_text(ctx, value, hops + 1)),
        Expr::Call(call) => {
            matches!(call.func.as_ref(), Expr::Attribute(method)
                if method.attr.id.as_str() == "join" && is_text(ctx, &method.value))
                && call.arguments.args.len() == 1
                && call.arguments.keywords.is_empty()
                && constant_items(ctx, &call.arguments.args[0])
        }
        _ => false,
    }
}

/// Whether every item of `sequence` is a constant: a literal list or tuple of constants,
/// such a list repeated (`["%s"] * n`), or a comprehension yielding a constant.
fn constant_items(ctx: &Context<'_, '_>, sequence: &Expr) -> bool {
    match sequence {
        Expr::List(list) => list.elts.iter().all(|e| ctx.constant(e).is_some()),
        Expr::Tuple(tuple) => tuple.elts.iter().all(|e| ctx.constant(e).is_some()),
        Expr::BinOp(binop) if binop.op == Operator::Mult => {
            constant_items(ctx, &binop.left) || constant_items(ctx, &binop.right)
        }
        Expr::ListComp(comp) => ctx.constant(&comp.elt).is_some(),
        Expr::Generator(comp) => ctx.constant(&comp.elt).is_some(),
        _ => false,
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
