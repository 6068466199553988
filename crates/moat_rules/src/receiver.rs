//! Where an object came from: the callable that constructed the receiver of a method call
//! (`tarfile.open(...)` in `tarfile.open(p).extractall()`, in `tf = tarfile.open(p)` or in
//! `with tarfile.open(p) as tf:`). Rules use it to flag a method only on the right class.

use crate::context::Context;
use moat_python::Ranged;
use moat_python::ast::{Expr, Stmt};
use moat_semantic::BindingKind;

/// The qualified name of the callable whose call produced `expr`: `expr` itself is a
/// call, a name assigned exactly once in its scope from a call, or a `with … as name`
/// target of an enclosing `with` statement. `None` when that cannot be told.
pub fn constructor(ctx: &Context<'_, '_>, expr: &Expr) -> Option<String> {
    match expr {
        Expr::Call(call) => ctx.resolve(&call.func),
        Expr::Name(name) => {
            let model = ctx.model;
            let id = model.lookup(name.id.as_str(), ctx.scope, name.start())?;
            let binding = model.binding(id);
            if model.scope(binding.scope).bindings_of(&binding.name).len() > 1 {
                return None;
            }
            match &binding.kind {
                BindingKind::Assignment {
                    value: Expr::Call(call),
                } => model.resolve_qualified_name(&call.func, binding.scope),
                BindingKind::Opaque => {
                    let value = with_item_value(ctx.ancestors(), binding.range)?;
                    let Expr::Call(call) = value else {
                        return None;
                    };
                    model.resolve_qualified_name(&call.func, binding.scope)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The context expression of the `with` item among `ancestors` whose `as` target is the
/// name at `target`.
fn with_item_value<'a>(ancestors: &[&'a Stmt], target: moat_python::TextRange) -> Option<&'a Expr> {
    ancestors.iter().rev().find_map(|stmt| match stmt {
        Stmt::With(with) => with
            .items
            .iter()
            .find(|item| {
                item.optional_vars
                    .as_deref()
                    .is_some_and(|v| v.range() == target)
            })
            .map(|item| &item.context_expr),
        _ => None,
    })
}
