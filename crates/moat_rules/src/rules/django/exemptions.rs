//! What `django-csrf-exempt` and `django-xframe-exempt` share: finding references to a
//! Django view decorator, whether applied with `@`, called on a view in a URLconf, or
//! passed to `method_decorator`.

use crate::context::Context;
use moat_python::ast::Expr;

/// Whether `expr` reads the decorator whose qualified name is `decorator` (through
/// `csrf_exempt`, `csrf.csrf_exempt`, an alias).
pub fn reference_to(ctx: &Context<'_, '_>, expr: &Expr, decorator: &str) -> bool {
    let is_load = match expr {
        Expr::Name(name) => name.ctx.is_load(),
        Expr::Attribute(attribute) => attribute.ctx.is_load(),
        _ => false,
    };
    is_load && ctx.resolve(expr).is_some_and(|name| name == decorator)
}
