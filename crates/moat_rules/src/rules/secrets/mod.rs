//! Credentials written into the code.

pub mod hardcoded_password;
pub mod leaked_secret;

use moat_python::ast::{Expr, Stmt};

/// The `(target, value)` pairs an assignment binds, tuples unpacked pairwise
/// (`user, password = "app", "…"`); none for other statements.
pub(crate) fn assigned_pairs(stmt: &Stmt) -> Vec<(&Expr, &Expr)> {
    let mut pairs = Vec::new();
    match stmt {
        Stmt::Assign(assign) => {
            for target in &assign.targets {
                unpack(target, &assign.value, &mut pairs);
            }
        }
        Stmt::AnnAssign(assign) => {
            if let Some(value) = &assign.value {
                unpack(&assign.target, value, &mut pairs);
            }
        }
        _ => {}
    }
    pairs
}

fn unpack<'a>(target: &'a Expr, value: &'a Expr, pairs: &mut Vec<(&'a Expr, &'a Expr)>) {
    if let (Expr::Tuple(targets), Expr::Tuple(values)) = (target, value)
        && targets.elts.len() == values.elts.len()
    {
        for (target, value) in targets.elts.iter().zip(&values.elts) {
            unpack(target, value, pairs);
        }
        return;
    }
    pairs.push((target, value));
}
