//! Strings built at run time: the constant text they start with, and whether parts of
//! them are not constants (f-strings, `%`, `.format`, `+`). Used by rules that judge a
//! string by its beginning (`SELECT …`, `/tmp/…`) and care whether data is spliced in.

use crate::context::Context;
use moat_python::ast::{Expr, FStringPart, InterpolatedStringElement, Operator};

/// A string expression seen as its constant beginning and whether anything in it is
/// not a constant.
pub struct BuiltString {
    /// The text known at analysis time from the start of the string.
    pub prefix: String,
    /// Whether some part of the string is computed at run time.
    pub dynamic: bool,
}

/// How `expr` builds a string, or `None` when it is not a string expression Moat can read
/// (a bare variable of unknown value, a call other than `str.format`).
pub fn built_string(ctx: &Context<'_, '_>, expr: &Expr) -> Option<BuiltString> {
    if let Some(constant) = ctx.constant(expr) {
        return constant.as_str().map(|s| BuiltString {
            prefix: s.to_string(),
            dynamic: false,
        });
    }
    match expr {
        Expr::FString(fstring) => {
            let mut prefix = String::new();
            for part in fstring.value.iter() {
                match part {
                    FStringPart::Literal(literal) => prefix.push_str(literal),
                    FStringPart::FString(fs) => {
                        for element in &fs.elements {
                            match element {
                                InterpolatedStringElement::Literal(literal) => {
                                    prefix.push_str(literal);
                                }
                                InterpolatedStringElement::Interpolation(_) => {
                                    return Some(BuiltString {
                                        prefix,
                                        dynamic: true,
                                    });
                                }
                            }
                        }
                    }
                }
            }
            Some(BuiltString {
                prefix,
                dynamic: false,
            })
        }
        Expr::BinOp(op) if op.op == Operator::Add => {
            let left = built_string(ctx, &op.left)?;
            Some(BuiltString {
                prefix: left.prefix,
                dynamic: true,
            })
        }
        Expr::BinOp(op) if op.op == Operator::Mod => {
            let template = ctx.constant(&op.left)?;
            Some(BuiltString {
                prefix: template.as_str()?.to_string(),
                dynamic: true,
            })
        }
        Expr::Call(call) => {
            let Expr::Attribute(method) = call.func.as_ref() else {
                return None;
            };
            if method.attr.as_str() != "format" || call.arguments.is_empty() {
                return None;
            }
            let template = ctx.constant(&method.value)?;
            Some(BuiltString {
                prefix: template.as_str()?.to_string(),
                dynamic: true,
            })
        }
        _ => None,
    }
}
