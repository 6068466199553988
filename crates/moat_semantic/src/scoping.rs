//! Python's scoping order, written once: which parts of a `def`, `class`, `lambda` and
//! comprehension run in the enclosing scope and which in the scope the node opens.
//!
//! Evaluated in the enclosing scope: decorators, type parameters, parameter defaults and
//! annotations, the return annotation, base classes and class keywords, and the first
//! iterable of a comprehension. Evaluated in the new scope: parameters, bodies, a lambda's
//! body, and a comprehension's targets, conditions, later iterables and elements.
//!
//! [`walk_stmt`] and [`walk_expr`] stand in for ruff's `visitor::walk_stmt` and
//! `visitor::walk_expr` in a [`ScopedVisitor`]: they visit the same children in that order,
//! except that around the scope-opening nodes they follow the order above and report the
//! new scope through [`ScopedVisitor::enter_scope`] and [`ScopedVisitor::leave_scope`].
//! The builder answers those events by creating scopes and bindings, the walker by looking
//! up the scopes the builder created. Both are generic over the visitor: no dynamic
//! dispatch, no allocation.

use crate::scope::{ScopeId, ScopeKind};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Comprehension, Expr, Parameters, Stmt};
use ruff_text_size::TextRange;

/// A [`Visitor`] told where Python opens scopes. Its `visit_stmt` and `visit_expr` call
/// [`walk_stmt`] and [`walk_expr`] for the children.
pub(crate) trait ScopedVisitor<'a>: Visitor<'a> {
    /// The scope opened by the node at `node` (its whole range, decorators included: the
    /// key of [`crate::SemanticModel::scope_of_node`]) begins. `name` is the function's or
    /// class's name, `<lambda>` or `<comprehension>`. Called after the parts evaluated in
    /// the enclosing scope and before those evaluated in the new one; returns the scope to
    /// go back to, which [`Self::leave_scope`] receives.
    fn enter_scope(&mut self, kind: ScopeKind, name: &'a str, node: TextRange) -> ScopeId;

    /// The scope opened by the last [`Self::enter_scope`] ends; `enclosing` is what that
    /// call returned.
    fn leave_scope(&mut self, enclosing: ScopeId);

    /// The parameters of a function or lambda, in its new scope, before its body. Does
    /// nothing by default (parameter names are not expressions).
    fn parameters(&mut self, _parameters: &'a Parameters) {}

    /// A target of one of a comprehension's `for` clauses, in the comprehension's scope,
    /// after that clause's iterable and before its conditions. Visits it as an expression
    /// by default.
    fn comprehension_target(&mut self, target: &'a Expr) {
        self.visit_expr(target);
    }
}

/// Visits the children of `stmt`, opening the scope of a `def` or `class`.
pub(crate) fn walk_stmt<'a, V: ScopedVisitor<'a>>(visitor: &mut V, stmt: &'a Stmt) {
    match stmt {
        Stmt::FunctionDef(function) => {
            for decorator in &function.decorator_list {
                visitor.visit_decorator(decorator);
            }
            if let Some(type_params) = &function.type_params {
                visitor.visit_type_params(type_params);
            }
            visit_parameter_defaults_and_annotations(visitor, &function.parameters);
            if let Some(returns) = &function.returns {
                visitor.visit_annotation(returns);
            }
            let enclosing = visitor.enter_scope(
                ScopeKind::Function,
                function.name.id.as_str(),
                function.range,
            );
            visitor.parameters(&function.parameters);
            visitor.visit_body(&function.body);
            visitor.leave_scope(enclosing);
        }
        Stmt::ClassDef(class) => {
            for decorator in &class.decorator_list {
                visitor.visit_decorator(decorator);
            }
            if let Some(type_params) = &class.type_params {
                visitor.visit_type_params(type_params);
            }
            if let Some(arguments) = &class.arguments {
                visitor.visit_arguments(arguments);
            }
            let enclosing =
                visitor.enter_scope(ScopeKind::Class, class.name.id.as_str(), class.range);
            visitor.visit_body(&class.body);
            visitor.leave_scope(enclosing);
        }
        _ => visitor::walk_stmt(visitor, stmt),
    }
}

/// Visits the children of `expr`, opening the scope of a lambda or comprehension.
pub(crate) fn walk_expr<'a, V: ScopedVisitor<'a>>(visitor: &mut V, expr: &'a Expr) {
    match expr {
        Expr::Lambda(lambda) => {
            if let Some(parameters) = &lambda.parameters {
                visit_parameter_defaults_and_annotations(visitor, parameters);
            }
            let enclosing = visitor.enter_scope(ScopeKind::Lambda, "<lambda>", lambda.range);
            if let Some(parameters) = &lambda.parameters {
                visitor.parameters(parameters);
            }
            visitor.visit_expr(&lambda.body);
            visitor.leave_scope(enclosing);
        }
        Expr::ListComp(ast::ExprListComp {
            range,
            elt,
            generators,
            ..
        })
        | Expr::SetComp(ast::ExprSetComp {
            range,
            elt,
            generators,
            ..
        })
        | Expr::Generator(ast::ExprGenerator {
            range,
            elt,
            generators,
            ..
        }) => walk_comprehension(visitor, *range, generators, None, elt),
        Expr::DictComp(comp) => walk_comprehension(
            visitor,
            comp.range,
            &comp.generators,
            comp.key.as_deref(),
            &comp.value,
        ),
        _ => visitor::walk_expr(visitor, expr),
    }
}

/// Visits parameter defaults, then annotations: they run in the enclosing scope.
fn visit_parameter_defaults_and_annotations<'a, V: ScopedVisitor<'a>>(
    visitor: &mut V,
    parameters: &'a Parameters,
) {
    for parameter in parameters.iter_non_variadic_params() {
        if let Some(default) = parameter.default() {
            visitor.visit_expr(default);
        }
    }
    for parameter in parameters.iter() {
        if let Some(annotation) = parameter.annotation() {
            visitor.visit_annotation(annotation);
        }
    }
}

/// Visits a comprehension at `node`: the first iterable in the enclosing scope, then, in
/// the comprehension's scope, each clause's target and conditions (and the later clauses'
/// iterables), then `key` (a dict comprehension's) and `element`.
fn walk_comprehension<'a, V: ScopedVisitor<'a>>(
    visitor: &mut V,
    node: TextRange,
    generators: &'a [Comprehension],
    key: Option<&'a Expr>,
    element: &'a Expr,
) {
    let Some((first, rest)) = generators.split_first() else {
        return;
    };
    visitor.visit_expr(&first.iter);
    let enclosing = visitor.enter_scope(ScopeKind::Comprehension, "<comprehension>", node);
    visitor.comprehension_target(&first.target);
    for condition in &first.ifs {
        visitor.visit_expr(condition);
    }
    for generator in rest {
        visitor.visit_expr(&generator.iter);
        visitor.comprehension_target(&generator.target);
        for condition in &generator.ifs {
            visitor.visit_expr(condition);
        }
    }
    if let Some(key) = key {
        visitor.visit_expr(key);
    }
    visitor.visit_expr(element);
    visitor.leave_scope(enclosing);
}
