//! A traversal of a module that tells hooks which scope each node is evaluated in.
//!
//! The scoping order (decorators, defaults, annotations, base classes and a
//! comprehension's first iterable in the enclosing scope; parameters, bodies and the rest
//! of a comprehension in the scope the node opens) is [`crate::scoping`]'s, the one the
//! builder records scopes with.

use crate::model::SemanticModel;
use crate::scope::{ScopeId, ScopeKind};
use crate::scoping::{self, ScopedVisitor};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{ExceptHandler, Expr, Stmt};
use ruff_text_size::TextRange;

/// Callbacks of [`walk_module`]; every method has an empty default.
pub trait SemanticHooks<'a> {
    /// Before a statement's children are visited.
    fn enter_stmt(&mut self, _stmt: &'a Stmt, _scope: ScopeId) {}
    /// After a statement's children were visited.
    fn leave_stmt(&mut self, _stmt: &'a Stmt) {}
    /// Before an expression's children are visited.
    fn expr(&mut self, _expr: &'a Expr, _scope: ScopeId) {}
    /// Before an `except` clause's children are visited.
    fn except_handler(&mut self, _handler: &'a ExceptHandler, _scope: ScopeId) {}
}

/// Visits every statement and expression of `suite` in source order.
pub fn walk_module<'a>(
    model: &SemanticModel<'_>,
    suite: &'a [Stmt],
    hooks: &mut dyn SemanticHooks<'a>,
) {
    let mut walker = Walker {
        model,
        hooks,
        scope: SemanticModel::MODULE_SCOPE,
    };
    walker.visit_body(suite);
}

struct Walker<'m, 'h, 'a> {
    model: &'m SemanticModel<'m>,
    hooks: &'h mut dyn SemanticHooks<'a>,
    scope: ScopeId,
}

impl<'a> ScopedVisitor<'a> for Walker<'_, '_, 'a> {
    /// Moves into the scope the model recorded for `node`; stays put if it has none (a
    /// model built from another tree, or by [`SemanticModel::module_level`]).
    fn enter_scope(&mut self, _kind: ScopeKind, _name: &'a str, node: TextRange) -> ScopeId {
        let enclosing = self.scope;
        if let Some(inner) = self.model.scope_of_node(node) {
            self.scope = inner;
        }
        enclosing
    }

    fn leave_scope(&mut self, enclosing: ScopeId) {
        self.scope = enclosing;
    }
}

impl<'a> Visitor<'a> for Walker<'_, '_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.hooks.enter_stmt(stmt, self.scope);
        scoping::walk_stmt(self, stmt);
        self.hooks.leave_stmt(stmt);
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        self.hooks.except_handler(handler, self.scope);
        visitor::walk_except_handler(self, handler);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.hooks.expr(expr, self.scope);
        scoping::walk_expr(self, expr);
    }
}
