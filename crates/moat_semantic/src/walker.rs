//! A traversal of a module that tells hooks which scope each node is evaluated in.
//!
//! It follows the same scoping as the builder: decorators, defaults, annotations, base
//! classes and a comprehension's first iterable run in the enclosing scope; bodies run
//! in the scope the node opens.

use crate::model::SemanticModel;
use crate::scope::ScopeId;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Comprehension, ExceptHandler, Expr, Parameters, Stmt};
use ruff_text_size::{Ranged, TextRange};

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

impl<'a> Walker<'_, '_, 'a> {
    fn in_scope_of(&mut self, node: TextRange, f: impl FnOnce(&mut Self)) {
        let outer = self.scope;
        if let Some(inner) = self.model.scope_of_node(node) {
            self.scope = inner;
        }
        f(self);
        self.scope = outer;
    }

    fn visit_parameter_outer_parts(&mut self, parameters: &'a Parameters) {
        for parameter in parameters.iter_non_variadic_params() {
            if let Some(default) = parameter.default() {
                self.visit_expr(default);
            }
        }
        for parameter in parameters.iter() {
            if let Some(annotation) = parameter.annotation() {
                self.visit_annotation(annotation);
            }
        }
    }

    fn visit_comprehension_parts(
        &mut self,
        node: TextRange,
        generators: &'a [Comprehension],
        elements: impl FnOnce(&mut Self),
    ) {
        let Some((first, rest)) = generators.split_first() else {
            return;
        };
        self.visit_expr(&first.iter);
        self.in_scope_of(node, |w| {
            w.visit_expr(&first.target);
            for condition in &first.ifs {
                w.visit_expr(condition);
            }
            for generator in rest {
                w.visit_expr(&generator.iter);
                w.visit_expr(&generator.target);
                for condition in &generator.ifs {
                    w.visit_expr(condition);
                }
            }
            elements(w);
        });
    }
}

impl<'a> Visitor<'a> for Walker<'_, '_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.hooks.enter_stmt(stmt, self.scope);
        match stmt {
            Stmt::FunctionDef(function) => {
                for decorator in &function.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(type_params) = &function.type_params {
                    self.visit_type_params(type_params);
                }
                self.visit_parameter_outer_parts(&function.parameters);
                if let Some(returns) = &function.returns {
                    self.visit_annotation(returns);
                }
                self.in_scope_of(function.range(), |w| w.visit_body(&function.body));
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(type_params) = &class.type_params {
                    self.visit_type_params(type_params);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                self.in_scope_of(class.range(), |w| w.visit_body(&class.body));
            }
            _ => visitor::walk_stmt(self, stmt),
        }
        self.hooks.leave_stmt(stmt);
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        self.hooks.except_handler(handler, self.scope);
        visitor::walk_except_handler(self, handler);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.hooks.expr(expr, self.scope);
        match expr {
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameter_outer_parts(parameters);
                }
                self.in_scope_of(lambda.range, |w| w.visit_expr(&lambda.body));
            }
            Expr::ListComp(comp) => {
                self.visit_comprehension_parts(comp.range, &comp.generators, |w| {
                    w.visit_expr(&comp.elt)
                });
            }
            Expr::SetComp(comp) => {
                self.visit_comprehension_parts(comp.range, &comp.generators, |w| {
                    w.visit_expr(&comp.elt)
                });
            }
            Expr::Generator(comp) => {
                self.visit_comprehension_parts(comp.range, &comp.generators, |w| {
                    w.visit_expr(&comp.elt)
                });
            }
            Expr::DictComp(comp) => {
                self.visit_comprehension_parts(comp.range, &comp.generators, |w| {
                    if let Some(key) = &comp.key {
                        w.visit_expr(key);
                    }
                    w.visit_expr(&comp.value);
                });
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}
