//! Strings built at run time: the constant text they start with, and whether parts of
//! them are not constants (f-strings, `%`, `.format`, `+`, `.replace`). Used by rules that judge a
//! string by its beginning (`SELECT …`, `/tmp/…`) and care whether data is spliced in.

use crate::context::Context;
use moat_python::ast::{Expr, ExprCall, FStringPart, InterpolatedStringElement, Operator};

/// A string expression seen as its constant beginning and whether anything in it is
/// not a constant.
pub struct BuiltString {
    /// The text known at analysis time from the start of the string.
    pub prefix: String,
    /// Whether some part of the string is computed at run time.
    pub dynamic: bool,
    /// The whole text, with each part computed at run time shown as [`DYNAMIC`]
    /// (`%s`/`{}` placeholders of `%` and `.format` templates are kept as written).
    pub template: String,
}

/// Stands for a part of a [`BuiltString::template`] computed at run time.
pub const DYNAMIC: char = '\u{FFFD}';

impl BuiltString {
    fn constant(text: String) -> Self {
        Self {
            template: text.clone(),
            prefix: text,
            dynamic: false,
        }
    }

    fn formatted(template: String) -> Self {
        Self {
            prefix: template.clone(),
            template,
            dynamic: true,
        }
    }
}

/// How `expr` builds a string, or `None` when it is not a string expression Moat can read
/// (a bare variable of unknown value, a call other than `str.format`).
pub fn built_string(ctx: &Context<'_, '_>, expr: &Expr) -> Option<BuiltString> {
    if let Some(constant) = ctx.constant(expr) {
        return constant
            .as_str()
            .map(|s| BuiltString::constant(s.to_string()));
    }
    match expr {
        Expr::FString(fstring) => {
            let mut template = String::new();
            let mut prefix_len = None;
            for part in fstring.value.iter() {
                match part {
                    FStringPart::Literal(literal) => template.push_str(literal),
                    FStringPart::FString(fs) => {
                        for element in &fs.elements {
                            match element {
                                InterpolatedStringElement::Literal(literal) => {
                                    template.push_str(literal);
                                }
                                InterpolatedStringElement::Interpolation(_) => {
                                    prefix_len.get_or_insert(template.len());
                                    template.push(DYNAMIC);
                                }
                            }
                        }
                    }
                }
            }
            Some(BuiltString {
                prefix: template[..prefix_len.unwrap_or(template.len())].to_string(),
                dynamic: prefix_len.is_some(),
                template,
            })
        }
        Expr::BinOp(op) if op.op == Operator::Add => {
            let left = built_string(ctx, &op.left)?;
            let right =
                built_string(ctx, &op.right).map_or_else(|| DYNAMIC.to_string(), |r| r.template);
            let prefix = if left.dynamic {
                left.prefix
            } else {
                left.template.clone()
            };
            Some(BuiltString {
                prefix,
                dynamic: true,
                template: left.template + &right,
            })
        }
        Expr::BinOp(op) if op.op == Operator::Mod => {
            let template = ctx.constant(&op.left)?;
            Some(BuiltString::formatted(template.as_str()?.to_string()))
        }
        Expr::Call(call) => {
            let Expr::Attribute(method) = call.func.as_ref() else {
                return None;
            };
            if method.attr.as_str() == "replace" {
                return replaced(ctx, &method.value, call);
            }
            if method.attr.as_str() != "format" || call.arguments.is_empty() {
                return None;
            }
            let template = ctx.constant(&method.value)?;
            Some(BuiltString::formatted(template.as_str()?.to_string()))
        }
        _ => None,
    }
}

/// `text.replace(old, new)` with a constant `old`, on a string Moat can read: the text with
/// `old` replaced by `new`, or by [`DYNAMIC`] when `new` is not a constant (a template
/// filled in with `"… '[VALUE]'".replace("[VALUE]", value)`).
fn replaced(ctx: &Context<'_, '_>, text: &Expr, call: &ExprCall) -> Option<BuiltString> {
    let arguments = &call.arguments;
    if !arguments.keywords.is_empty() || arguments.args.len() != 2 {
        return None;
    }
    let base = built_string(ctx, text)?;
    let old = ctx.constant(&arguments.args[0])?;
    let old = old.as_str().filter(|old| !old.is_empty())?;
    let (new, dynamic) = match ctx.constant(&arguments.args[1]) {
        Some(new) => (new.as_str()?.to_string(), false),
        None => (DYNAMIC.to_string(), true),
    };
    let template = base.template.replace(old, &new);
    if !base.dynamic && !dynamic {
        return Some(BuiltString::constant(template));
    }
    let prefix = template
        .split(DYNAMIC)
        .next()
        .unwrap_or_default()
        .to_string();
    Some(BuiltString {
        prefix,
        dynamic: base.dynamic || (dynamic && base.template.contains(old)),
        template,
    })
}
