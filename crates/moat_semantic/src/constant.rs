//! Values of constant expressions, folded where it is cheap.

use ruff_python_ast::{BoolOp, Expr, Number, Operator, UnaryOp};

/// Longest string constant folding will build (`"a" * 10**9` stays unknown).
const MAX_FOLDED_LEN: usize = 64 * 1024;

/// A value known at analysis time.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Constant>),
}

impl Constant {
    /// Python truthiness of the value.
    pub fn is_truthy(&self) -> bool {
        match self {
            Constant::None => false,
            Constant::Bool(b) => *b,
            Constant::Int(i) => *i != 0,
            Constant::Float(f) => *f != 0.0,
            Constant::Str(s) => !s.is_empty(),
            Constant::Bytes(b) => !b.is_empty(),
            Constant::Tuple(items) => !items.is_empty(),
        }
    }

    /// The string value, if this is a `str`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Constant::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Folds `expr`, asking `lookup` for the value of each name it meets.
pub(crate) fn fold(
    expr: &Expr,
    lookup: &mut dyn FnMut(&Expr) -> Option<Constant>,
) -> Option<Constant> {
    match expr {
        Expr::NoneLiteral(_) => Some(Constant::None),
        Expr::BooleanLiteral(b) => Some(Constant::Bool(b.value)),
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => i.as_i64().map(|v| Constant::Int(i128::from(v))),
            Number::Float(f) => Some(Constant::Float(*f)),
            Number::Complex { .. } => None,
        },
        Expr::StringLiteral(s) => Some(Constant::Str(s.value.to_str().to_string())),
        Expr::BytesLiteral(b) => Some(Constant::Bytes(b.value.bytes().collect())),
        Expr::Tuple(t) => t
            .elts
            .iter()
            .map(|e| fold(e, lookup))
            .collect::<Option<Vec<_>>>()
            .map(Constant::Tuple),
        Expr::Name(_) | Expr::Attribute(_) => lookup(expr),
        Expr::UnaryOp(u) => {
            let operand = fold(&u.operand, lookup)?;
            match (u.op, operand) {
                (UnaryOp::Not, v) => Some(Constant::Bool(!v.is_truthy())),
                (UnaryOp::USub, Constant::Int(i)) => i.checked_neg().map(Constant::Int),
                (UnaryOp::USub, Constant::Float(f)) => Some(Constant::Float(-f)),
                (UnaryOp::UAdd, v @ (Constant::Int(_) | Constant::Float(_))) => Some(v),
                (UnaryOp::Invert, Constant::Int(i)) => Some(Constant::Int(!i)),
                _ => None,
            }
        }
        Expr::BoolOp(b) => {
            // `a or b` is the first truthy value (else the last); `and` the first falsy one.
            let mut last = None;
            for value in &b.values {
                let v = fold(value, lookup)?;
                let decides = match b.op {
                    BoolOp::Or => v.is_truthy(),
                    BoolOp::And => !v.is_truthy(),
                };
                if decides {
                    return Some(v);
                }
                last = Some(v);
            }
            last
        }
        Expr::BinOp(b) => {
            let left = fold(&b.left, lookup)?;
            let right = fold(&b.right, lookup)?;
            binary(left, b.op, right)
        }
        Expr::FString(f) => {
            let mut out = String::new();
            for part in f.value.iter() {
                match part {
                    ruff_python_ast::FStringPart::Literal(lit) => out.push_str(lit),
                    ruff_python_ast::FStringPart::FString(fs) => {
                        for element in &fs.elements {
                            match element {
                                ruff_python_ast::InterpolatedStringElement::Literal(lit) => {
                                    out.push_str(lit);
                                }
                                ruff_python_ast::InterpolatedStringElement::Interpolation(i) => {
                                    if i.format_spec.is_some()
                                        || i.conversion != ruff_python_ast::ConversionFlag::None
                                    {
                                        return None;
                                    }
                                    match fold(&i.expression, lookup)? {
                                        Constant::Str(s) => out.push_str(&s),
                                        Constant::Int(n) => out.push_str(&n.to_string()),
                                        _ => return None,
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Some(Constant::Str(out))
        }
        _ => None,
    }
}

fn binary(left: Constant, op: Operator, right: Constant) -> Option<Constant> {
    use Constant::{Bytes, Int, Str};
    match (left, op, right) {
        (Int(a), Operator::Add, Int(b)) => a.checked_add(b).map(Int),
        (Int(a), Operator::Sub, Int(b)) => a.checked_sub(b).map(Int),
        (Int(a), Operator::Mult, Int(b)) => a.checked_mul(b).map(Int),
        (Int(a), Operator::FloorDiv, Int(b)) if b != 0 => Some(Int(a.div_euclid(b))),
        (Int(a), Operator::Mod, Int(b)) if b != 0 => Some(Int(a.rem_euclid(b))),
        (Int(a), Operator::Pow, Int(b)) => u32::try_from(b)
            .ok()
            .and_then(|b| a.checked_pow(b))
            .map(Int),
        (Int(a), Operator::LShift, Int(b)) => u32::try_from(b)
            .ok()
            .filter(|&b| b < 127)
            .and_then(|b| a.checked_mul(1i128 << b))
            .map(Int),
        (Int(a), Operator::RShift, Int(b)) => u32::try_from(b).ok().map(|b| Int(a >> b.min(127))),
        (Int(a), Operator::BitOr, Int(b)) => Some(Int(a | b)),
        (Int(a), Operator::BitAnd, Int(b)) => Some(Int(a & b)),
        (Int(a), Operator::BitXor, Int(b)) => Some(Int(a ^ b)),
        (Str(a), Operator::Add, Str(b)) if a.len() + b.len() <= MAX_FOLDED_LEN => Some(Str(a + &b)),
        (Bytes(mut a), Operator::Add, Bytes(b)) if a.len() + b.len() <= MAX_FOLDED_LEN => {
            a.extend(b);
            Some(Bytes(a))
        }
        (Str(s), Operator::Mult, Int(n)) | (Int(n), Operator::Mult, Str(s)) => {
            let n = usize::try_from(n.max(0)).ok()?;
            (s.len().saturating_mul(n) <= MAX_FOLDED_LEN).then(|| Str(s.repeat(n)))
        }
        _ => None,
    }
}
