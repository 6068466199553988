//! One pass over a module that records its scopes and bindings, in the scoping order of
//! [`crate::scoping`].

use crate::scope::{Binding, BindingId, BindingKind, Scope, ScopeId, ScopeKind};
use crate::scoping::{self, ScopedVisitor};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{ExceptHandler, Expr, Parameters, Pattern, Stmt, StmtImportFrom};
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::FxHashMap as HashMap;

/// What the builder hands to the model.
pub(crate) struct Built<'a> {
    pub scopes: Vec<Scope>,
    pub bindings: Vec<Binding<'a>>,
    /// When each binding becomes visible to later code in its own scope.
    pub visible_from: Vec<TextSize>,
    pub scope_by_node: HashMap<TextRange, ScopeId>,
    pub star_imports: Vec<String>,
    /// Every module or name imported, as written (absolute).
    pub imported: Vec<String>,
}

pub(crate) struct Builder<'a> {
    module_name: &'a str,
    /// Skip expressions, and with them lambdas, comprehensions and walrus bindings (used
    /// to extract a module's exports cheaply). Function and class bodies are still walked
    /// statement by statement: a body may bind a name it declares `global`.
    shallow: bool,
    is_package: bool,
    current: ScopeId,
    built: Built<'a>,
}

impl<'a> Builder<'a> {
    pub(crate) fn build(
        suite: &'a [Stmt],
        module_name: &'a str,
        is_package: bool,
        shallow: bool,
    ) -> Built<'a> {
        let module_range = match (suite.first(), suite.last()) {
            (Some(first), Some(last)) => TextRange::new(first.start(), last.end()),
            _ => TextRange::default(),
        };
        let mut builder = Builder {
            module_name,
            shallow,
            is_package,
            current: 0,
            built: Built {
                scopes: vec![Scope::new(
                    ScopeKind::Module,
                    None,
                    String::new(),
                    module_range,
                )],
                bindings: Vec::new(),
                visible_from: Vec::new(),
                scope_by_node: HashMap::default(),
                star_imports: Vec::new(),
                imported: Vec::new(),
            },
        };
        builder.visit_body(suite);
        builder.built
    }

    /// Opens a scope of `kind` for the node at `range`, nested in the current one, and
    /// makes it current.
    fn push_scope(&mut self, kind: ScopeKind, name: &str, range: TextRange) {
        let parent = &self.built.scopes[self.current as usize];
        let qualname = match (parent.qualname.as_str(), kind) {
            (_, ScopeKind::Comprehension) => parent.qualname.clone(),
            ("", _) => name.to_string(),
            (outer, _) => format!("{outer}.{name}"),
        };
        let id = ScopeId::try_from(self.built.scopes.len()).expect("fewer than 2^32 scopes");
        self.built
            .scopes
            .push(Scope::new(kind, Some(self.current), qualname, range));
        self.built.scope_by_node.insert(range, id);
        self.current = id;
    }

    /// The scope a name bound in the current scope lands in (`global` redirects it).
    fn target_scope(&self, name: &str) -> ScopeId {
        if self.built.scopes[self.current as usize]
            .globals
            .contains(name)
        {
            0
        } else {
            self.current
        }
    }

    fn bind(
        &mut self,
        name: &str,
        kind: BindingKind<'a>,
        range: TextRange,
        visible_from: TextSize,
    ) {
        self.bind_in(self.target_scope(name), name, kind, range, visible_from);
    }

    fn bind_in(
        &mut self,
        scope: ScopeId,
        name: &str,
        kind: BindingKind<'a>,
        range: TextRange,
        visible_from: TextSize,
    ) {
        let id = BindingId::try_from(self.built.bindings.len()).expect("fewer than 2^32 bindings");
        self.built.bindings.push(Binding {
            name: name.to_string(),
            kind,
            range,
            scope,
        });
        self.built.visible_from.push(visible_from);
        self.built.scopes[scope as usize]
            .bindings
            .entry(name.to_string())
            .or_default()
            .push(id);
    }

    /// Binds every name in an assignment target; single names get `value` when known.
    fn bind_target(&mut self, target: &'a Expr, value: Option<&'a Expr>, statement: TextRange) {
        match target {
            Expr::Name(name) => {
                let kind = value.map_or(BindingKind::Opaque, |value| BindingKind::Assignment {
                    value,
                });
                self.bind(name.id.as_str(), kind, statement, statement.end());
            }
            Expr::Tuple(tuple) => {
                let values = match value {
                    Some(Expr::Tuple(v))
                        if v.elts.len() == tuple.elts.len() && !has_starred(&tuple.elts) =>
                    {
                        Some(&v.elts)
                    }
                    _ => None,
                };
                for (i, element) in tuple.elts.iter().enumerate() {
                    self.bind_target(element, values.map(|v| &v[i]), statement);
                }
            }
            Expr::List(list) => {
                for element in &list.elts {
                    self.bind_target(element, None, statement);
                }
            }
            Expr::Starred(starred) => self.bind_target(&starred.value, None, statement),
            other => self.visit_expr(other),
        }
    }

    fn bind_parameters(&mut self, parameters: &'a Parameters) {
        for parameter in parameters.iter() {
            let p = parameter.as_parameter();
            self.bind(
                p.name.as_str(),
                BindingKind::Opaque,
                p.range,
                p.range.start(),
            );
        }
    }

    fn import_from_base(&self, import: &StmtImportFrom) -> Option<String> {
        let module = import.module.as_ref().map(|m| m.id.as_str());
        if import.level == 0 {
            return module.map(str::to_string);
        }
        let mut parts: Vec<&str> = self
            .module_name
            .split('.')
            .filter(|p| !p.is_empty())
            .collect();
        if !self.is_package {
            parts.pop()?;
        }
        for _ in 1..import.level {
            parts.pop()?;
        }
        if let Some(module) = module {
            parts.push(module);
        }
        if parts.is_empty() {
            return None;
        }
        Some(parts.join("."))
    }
}

fn has_starred(elements: &[Expr]) -> bool {
    elements.iter().any(Expr::is_starred_expr)
}

impl<'a> Visitor<'a> for Builder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let range = stmt.range();
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    let full = alias.name.id.as_str();
                    self.built.imported.push(full.to_string());
                    match &alias.asname {
                        Some(asname) => self.bind(
                            asname.id.as_str(),
                            BindingKind::Import {
                                qualified: full.to_string(),
                            },
                            range,
                            range.end(),
                        ),
                        None => {
                            let top = full.split('.').next().unwrap_or(full);
                            self.bind(
                                top,
                                BindingKind::Import {
                                    qualified: top.to_string(),
                                },
                                range,
                                range.end(),
                            );
                        }
                    }
                }
            }
            Stmt::ImportFrom(import) => {
                let Some(base) = self.import_from_base(import) else {
                    return;
                };
                for alias in &import.names {
                    let name = alias.name.id.as_str();
                    if name == "*" {
                        self.built.imported.push(base.clone());
                        if self.current == 0 {
                            self.built.star_imports.push(base.clone());
                        }
                        continue;
                    }
                    let qualified = format!("{base}.{name}");
                    self.built.imported.push(qualified.clone());
                    let bound = alias.asname.as_ref().map_or(name, |a| a.id.as_str());
                    self.bind(
                        bound,
                        BindingKind::FromImport { qualified },
                        range,
                        range.end(),
                    );
                }
            }
            Stmt::Assign(assign) => {
                self.visit_expr(&assign.value);
                for target in &assign.targets {
                    self.bind_target(target, Some(&assign.value), range);
                }
            }
            Stmt::AnnAssign(assign) => {
                self.visit_annotation(&assign.annotation);
                if let Some(value) = &assign.value {
                    self.visit_expr(value);
                    self.bind_target(&assign.target, Some(value), range);
                } else if !assign.target.is_name_expr() {
                    self.visit_expr(&assign.target);
                }
            }
            Stmt::AugAssign(assign) => {
                self.visit_expr(&assign.value);
                self.visit_expr(&assign.target);
                if let Expr::Name(name) = assign.target.as_ref() {
                    self.bind(name.id.as_str(), BindingKind::Opaque, range, range.end());
                }
            }
            Stmt::For(for_stmt) => {
                self.visit_expr(&for_stmt.iter);
                self.bind_target(&for_stmt.target, None, for_stmt.target.range());
                self.visit_body(&for_stmt.body);
                self.visit_body(&for_stmt.orelse);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    self.visit_expr(&item.context_expr);
                    if let Some(vars) = &item.optional_vars {
                        self.bind_target(vars, None, vars.range());
                    }
                }
                self.visit_body(&with.body);
            }
            Stmt::Global(global) => {
                let scope = &mut self.built.scopes[self.current as usize];
                for name in &global.names {
                    scope.globals.insert(name.id.to_string());
                }
            }
            Stmt::TypeAlias(alias) => {
                if let Expr::Name(name) = alias.name.as_ref() {
                    self.bind(name.id.as_str(), BindingKind::Opaque, range, range.start());
                }
                scoping::walk_stmt(self, stmt);
            }
            _ => scoping::walk_stmt(self, stmt),
        }
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        let ExceptHandler::ExceptHandler(handler) = handler;
        if let Some(type_) = &handler.type_ {
            self.visit_expr(type_);
        }
        if let Some(name) = &handler.name {
            self.bind(
                name.id.as_str(),
                BindingKind::Opaque,
                name.range,
                name.range.start(),
            );
        }
        self.visit_body(&handler.body);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        let captured = match pattern {
            Pattern::MatchAs(p) => p.name.as_ref(),
            Pattern::MatchStar(p) => p.name.as_ref(),
            Pattern::MatchMapping(p) => p.rest.as_ref(),
            _ => None,
        };
        if let Some(name) = captured {
            self.bind(
                name.id.as_str(),
                BindingKind::Opaque,
                name.range,
                name.range.start(),
            );
        }
        visitor::walk_pattern(self, pattern);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.shallow {
            return;
        }
        match expr {
            Expr::Named(named) => {
                self.visit_expr(&named.value);
                if let Expr::Name(name) = named.target.as_ref() {
                    // The walrus binds in the nearest enclosing non-comprehension scope.
                    let mut scope = self.current;
                    while self.built.scopes[scope as usize].kind == ScopeKind::Comprehension {
                        scope = self.built.scopes[scope as usize].parent.unwrap_or(0);
                    }
                    let value = named.value.as_ref();
                    self.bind_in(
                        scope,
                        name.id.as_str(),
                        BindingKind::Assignment { value },
                        named.range,
                        named.range.end(),
                    );
                }
            }
            _ => scoping::walk_expr(self, expr),
        }
    }
}

impl<'a> ScopedVisitor<'a> for Builder<'a> {
    /// Binds a function's or class's name in the enclosing scope, then opens its scope.
    fn enter_scope(&mut self, kind: ScopeKind, name: &'a str, node: TextRange) -> ScopeId {
        let enclosing = self.current;
        if matches!(kind, ScopeKind::Function | ScopeKind::Class) {
            let scope_qualname = &self.built.scopes[enclosing as usize].qualname;
            let qualified = qualify(self.module_name, scope_qualname, name);
            let binding = if kind == ScopeKind::Function {
                BindingKind::FunctionDef { qualified }
            } else {
                BindingKind::ClassDef { qualified }
            };
            self.bind(name, binding, node, node.start());
        }
        self.push_scope(kind, name, node);
        enclosing
    }

    fn leave_scope(&mut self, enclosing: ScopeId) {
        self.current = enclosing;
    }

    fn parameters(&mut self, parameters: &'a Parameters) {
        self.bind_parameters(parameters);
    }

    fn comprehension_target(&mut self, target: &'a Expr) {
        self.bind_target(target, None, target.range());
    }
}

/// `module.Outer.name`, leaving out empty parts.
fn qualify(module: &str, scope_qualname: &str, name: &str) -> String {
    [module, scope_qualname, name]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(".")
}
