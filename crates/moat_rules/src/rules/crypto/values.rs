//! How the crypto rules read what is passed to a cryptographic API: constant integers
//! (key sizes, iteration counts), values written into the code (keys, IVs, nonces), and
//! which constructor made the object a method is called on.
//!
//! A name is followed back to its value only when it is bound once in its scope by a
//! plain assignment (`iv = bytes(16)`), as constant folding does: a name rebound on some
//! path may hold anything.

use crate::context::Context;
use moat_python::ast::{Expr, ExprCall, Operator};
use moat_semantic::{BindingKind, Constant, ScopeId};

/// How many `a = b` assignments [`origin`] follows back.
const MAX_HOPS: usize = 8;

/// An expression and the scope its names are resolved in.
#[derive(Clone, Copy)]
pub struct Located<'e> {
    pub expr: &'e Expr,
    pub scope: ScopeId,
}

/// What `expr` stands for: the value of the single assignment that bound it when it is a
/// name (followed through further names), else `expr` itself.
pub fn origin<'r>(ctx: &'r Context<'_, '_>, expr: &'r Expr) -> Located<'r> {
    let mut current = Located {
        expr,
        scope: ctx.scope,
    };
    for _ in 0..MAX_HOPS {
        let Expr::Name(name) = current.expr else {
            break;
        };
        let Some(id) = ctx
            .model
            .lookup(name.id.as_str(), current.scope, name.range.start())
        else {
            break;
        };
        let binding = ctx.model.binding(id);
        let BindingKind::Assignment { value } = &binding.kind else {
            break;
        };
        if ctx
            .model
            .scope(binding.scope)
            .bindings_of(&binding.name)
            .len()
            != 1
        {
            break;
        }
        current = Located {
            expr: value,
            scope: binding.scope,
        };
    }
    current
}

/// The constant value of a located expression.
pub fn constant(ctx: &Context<'_, '_>, at: Located<'_>) -> Option<Constant> {
    ctx.model.constant_value(at.expr, at.scope)
}

/// The qualified name a located expression refers to.
pub fn resolve(ctx: &Context<'_, '_>, at: Located<'_>) -> Option<String> {
    ctx.model.resolve_qualified_name(at.expr, at.scope)
}

/// The qualified name of the callee that made `expr`'s value, when it is (or a name is
/// bound once to) a call: `AESGCM(key)` or `aead` after `aead = AESGCM(key)`.
pub fn made_by(ctx: &Context<'_, '_>, expr: &Expr) -> Option<String> {
    let at = origin(ctx, expr);
    let Expr::Call(call) = at.expr else {
        return None;
    };
    resolve(
        ctx,
        Located {
            expr: &call.func,
            scope: at.scope,
        },
    )
}

/// The integer an argument (by keyword `name` or at `position`) folds to: a key size, an
/// iteration count, a cost factor.
pub fn int_argument(
    ctx: &Context<'_, '_>,
    call: &ExprCall,
    name: &str,
    position: usize,
) -> Option<i128> {
    let value = call.arguments.find_argument_value(name, position)?;
    match ctx.constant(value)? {
        Constant::Int(n) => Some(n),
        Constant::Bool(_) | Constant::Float(_) | Constant::None => None,
        Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_) => None,
    }
}

/// A value written into the code rather than made at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixed {
    /// Only zero bytes (`bytes(16)`, `b"\x00" * 16`), of this length when known.
    Zeros(Option<usize>),
    /// Any other constant, of this length in bytes (text counted as UTF-8).
    Constant(usize),
}

impl Fixed {
    /// The length of the value.
    pub fn len(self) -> Option<usize> {
        match self {
            Fixed::Zeros(len) => len,
            Fixed::Constant(len) => Some(len),
        }
    }

    /// Whether the value is empty.
    pub fn is_empty(self) -> bool {
        self.len() == Some(0)
    }
}

/// Functions that turn a constant text into constant bytes.
const DECODERS: &[&str] = &[
    "base64.b64decode",
    "base64.urlsafe_b64decode",
    "base64.standard_b64decode",
    "base64.b32decode",
    "base64.b16decode",
    "binascii.unhexlify",
    "binascii.a2b_hex",
    "binascii.a2b_base64",
    "builtins.bytes.fromhex",
    "builtins.bytearray.fromhex",
];

/// Whether `expr` (or the value a name is bound to once) is fixed in the code: a string or
/// bytes constant, repeated bytes (`b"\0" * 16`), `bytes(16)`, `bytes([1, 2, 3])`, or a
/// constant decoded or encoded (`bytes.fromhex("…")`, `"…".encode()`,
/// `base64.b64decode("…")`).
pub fn fixed_value(ctx: &Context<'_, '_>, expr: &Expr) -> Option<Fixed> {
    fixed_at(ctx, origin(ctx, expr))
}

fn fixed_at(ctx: &Context<'_, '_>, at: Located<'_>) -> Option<Fixed> {
    if let Some(value) = constant(ctx, at) {
        return fixed_constant(&value);
    }
    let within = |expr| Located {
        expr,
        scope: at.scope,
    };
    match at.expr {
        Expr::BinOp(binop) if binop.op == Operator::Mult => {
            let left = constant(ctx, within(&binop.left));
            let right = constant(ctx, within(&binop.right));
            let (unit, count) = match (left?, right?) {
                (Constant::Int(n), unit) | (unit, Constant::Int(n)) => (unit, n),
                _ => return None,
            };
            let count = usize::try_from(count).ok()?;
            match fixed_constant(&unit)? {
                Fixed::Zeros(len) => Some(Fixed::Zeros(len.map(|l| l * count))),
                Fixed::Constant(len) => Some(Fixed::Constant(len * count)),
            }
        }
        Expr::Call(call) => {
            let callee = resolve(ctx, within(&call.func));
            let first = call.arguments.find_positional(0).map(within);
            match callee.as_deref() {
                Some("builtins.bytes" | "builtins.bytearray") => {
                    if call.arguments.len() != 1 {
                        return None;
                    }
                    match constant(ctx, first?) {
                        Some(Constant::Int(n)) => Some(Fixed::Zeros(usize::try_from(n).ok())),
                        Some(Constant::Tuple(items)) => fixed_items(&items),
                        _ => constant_list(ctx, first?),
                    }
                }
                Some(name) if DECODERS.contains(&name) => {
                    let encoded = match constant(ctx, first?)? {
                        Constant::Str(s) => s.into_bytes(),
                        Constant::Bytes(b) => b,
                        _ => return None,
                    };
                    Some(Fixed::Constant(decoded_len(name, &encoded)))
                }
                _ => fixed_method(ctx, call, at.scope),
            }
        }
        _ => None,
    }
}

/// About how many bytes the decoder `name` makes of `encoded`.
fn decoded_len(name: &str, encoded: &[u8]) -> usize {
    let digits = encoded
        .iter()
        .filter(|b| !b.is_ascii_whitespace() && **b != b'=')
        .count();
    if name.contains("hex") || name.ends_with("16decode") {
        digits / 2
    } else if name.ends_with("32decode") {
        digits * 5 / 8
    } else {
        digits * 3 / 4
    }
}

/// `"…".encode()` and `(0).to_bytes(16, "big")` on a constant receiver.
fn fixed_method(ctx: &Context<'_, '_>, call: &ExprCall, scope: ScopeId) -> Option<Fixed> {
    let Expr::Attribute(attribute) = call.func.as_ref() else {
        return None;
    };
    let receiver = constant(
        ctx,
        Located {
            expr: &attribute.value,
            scope,
        },
    )?;
    match (attribute.attr.id.as_str(), receiver) {
        ("encode", Constant::Str(s)) => Some(Fixed::Constant(s.len())),
        ("to_bytes", Constant::Int(n)) => {
            let length = call
                .arguments
                .find_argument_value("length", 0)
                .and_then(|l| constant(ctx, Located { expr: l, scope }))
                .and_then(|l| match l {
                    Constant::Int(len) => usize::try_from(len).ok(),
                    _ => None,
                });
            Some(if n == 0 {
                Fixed::Zeros(length)
            } else {
                Fixed::Constant(length.unwrap_or(1))
            })
        }
        _ => None,
    }
}

/// `bytes([0] * 16)` and `bytes([1, 2, 3])`: a list of constant integers.
fn constant_list(ctx: &Context<'_, '_>, at: Located<'_>) -> Option<Fixed> {
    let within = |expr| Located {
        expr,
        scope: at.scope,
    };
    match at.expr {
        Expr::List(list) => {
            let items = list
                .elts
                .iter()
                .map(|e| constant(ctx, within(e)))
                .collect::<Option<Vec<_>>>()?;
            fixed_items(&items)
        }
        Expr::BinOp(binop) if binop.op == Operator::Mult => {
            let (list, count) = match (binop.left.as_ref(), binop.right.as_ref()) {
                (list @ Expr::List(_), count) | (count, list @ Expr::List(_)) => (list, count),
                _ => return None,
            };
            let Some(Constant::Int(count)) = constant(ctx, within(count)) else {
                return None;
            };
            let count = usize::try_from(count).ok()?;
            match constant_list(ctx, within(list))? {
                Fixed::Zeros(len) => Some(Fixed::Zeros(len.map(|l| l * count))),
                Fixed::Constant(len) => Some(Fixed::Constant(len * count)),
            }
        }
        _ => None,
    }
}

fn fixed_items(items: &[Constant]) -> Option<Fixed> {
    if !items.iter().all(|i| matches!(i, Constant::Int(_))) {
        return None;
    }
    if items.iter().all(|i| *i == Constant::Int(0)) {
        Some(Fixed::Zeros(Some(items.len())))
    } else {
        Some(Fixed::Constant(items.len()))
    }
}

fn fixed_constant(value: &Constant) -> Option<Fixed> {
    match value {
        Constant::Bytes(b) if !b.is_empty() && b.iter().all(|&x| x == 0) => {
            Some(Fixed::Zeros(Some(b.len())))
        }
        Constant::Bytes(b) => Some(Fixed::Constant(b.len())),
        Constant::Str(s) if !s.is_empty() && s.chars().all(|c| c == '\0') => {
            Some(Fixed::Zeros(Some(s.len())))
        }
        Constant::Str(s) => Some(Fixed::Constant(s.len())),
        _ => None,
    }
}
