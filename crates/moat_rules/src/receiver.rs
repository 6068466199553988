//! Where an object came from: the callable that constructed the receiver of a method call
//! (`tarfile.open(...)` in `tarfile.open(p).extractall()`, in `tf = tarfile.open(p)` or in
//! `with tarfile.open(p) as tf:`). Rules use it to flag a method only on the right class.

use crate::context::Context;
use moat_python::Ranged;
use moat_python::ast::{Expr, Stmt};
use moat_semantic::BindingKind;

/// The qualified name of the callable whose call produced `expr`: what
/// [`Context::constructor_of`] says (a call, or a name whose visible binding is one), or,
/// for the `as` target of an enclosing `with` statement, the call in its context
/// expression. `None` when that cannot be told.
pub fn constructor(ctx: &Context<'_, '_>, expr: &Expr) -> Option<String> {
    if let Some(name) = ctx.constructor_of(expr) {
        return Some(name);
    }
    let Expr::Name(name) = expr else {
        return None;
    };
    let model = ctx.model;
    let binding = model.binding(model.lookup(name.id.as_str(), ctx.scope, name.start())?);
    if !matches!(binding.kind, BindingKind::Opaque) {
        return None;
    }
    let Expr::Call(call) = with_item_value(ctx.ancestors(), binding.range)? else {
        return None;
    };
    model.resolve_qualified_name(&call.func, binding.scope)
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
