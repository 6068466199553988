//! Lowering: a module's syntax tree and semantic model → [`ModuleIr`]. Names become local
//! variables, captured variables or qualified names; model sources become
//! [`ExprKind::Source`]; branch conditions are folded or turned into guards
//! (`conditions.rs`); frameworks' entry points get their parameters' sources
//! (`frameworks.rs`).

use crate::conditions::condition;
use crate::frameworks::{HtmlText, entry_parameters};
use crate::ir::*;
use moat_models::{Access, CallbackArg, Models};
use moat_python::ast::{
    self, ExceptHandler, Expr as AstExpr, FStringPart, InterpolatedStringElement, Number,
    Parameters, Stmt as AstStmt,
};
use moat_python::{Ranged, TextRange};
use moat_semantic::{BindingKind, Constant, ScopeId, ScopeKind, SemanticModel};
use rustc_hash::FxHashMap;

/// Calls that never return: the branch holding one ends there.
const NO_RETURN: &[&str] = &[
    "sys.exit",
    "os._exit",
    "builtins.exit",
    "builtins.quit",
    "flask.abort",
    "werkzeug.exceptions.abort",
    "fastapi.HTTPException",
];

/// Lowers one parsed module (the templates it renders are not read).
pub fn lower_module(
    suite: &[AstStmt],
    model: &SemanticModel<'_>,
    models: &Models,
    path: &str,
) -> ModuleIr {
    lower_module_with_templates(suite, model, models, path, &|_, _| None)
}

/// Lowers one parsed module; `templates` gives the text of a template the module renders
/// by name (`render_template("post.html", …)`), when it can be found and read, so that
/// what the template writes unescaped is an `xss` sink (see [`crate::templates`]).
pub fn lower_module_with_templates(
    suite: &[AstStmt],
    model: &SemanticModel<'_>,
    models: &Models,
    path: &str,
    templates: &crate::templates::TemplateReader<'_>,
) -> ModuleIr {
    let mut module = ModuleIr {
        path: path.to_string(),
        module: model.module_name().to_string(),
        functions: Vec::new(),
        classes: Vec::new(),
        routes: Vec::new(),
        tables: Vec::new(),
        callbacks: Vec::new(),
        values: Vec::new(),
        dependencies: Vec::new(),
        safe_cli_options: if model.imports_module("argparse") {
            crate::cli_options::safe_options(suite, model)
        } else {
            Vec::new()
        },
    };
    let mut lowerer = Lowerer {
        model,
        models,
        module: &mut module,
        templates,
        template_folders: if model.imports_module("flask") {
            crate::rendering::flask_template_folders(suite, model)
        } else {
            Vec::new()
        },
    };
    let mut body = FunctionBuilder::new(SemanticModel::MODULE_SCOPE);
    let stmts = lowerer.block(&mut body, suite);
    let range = suite
        .first()
        .map(|s| TextRange::new(s.start(), suite.last().map_or(s.end(), Ranged::end)))
        .unwrap_or_default();
    let name = format!("{}.<module>", model.module_name());
    lowerer.module.functions.push(FunctionIr {
        qualname: name,
        local_name: String::new(),
        params: Vec::new(),
        captures: Vec::new(),
        body: stmts,
        var_names: body.names,
        range,
        mentions: Mentions::default(),
        checks: None,
        ensures: None,
        returns_text: false,
    });
    for function in &mut module.functions {
        function.mentions = Mentions::of(function);
    }
    module
}

pub(crate) struct Lowerer<'m, 'a> {
    model: &'m SemanticModel<'a>,
    models: &'m Models,
    module: &'m mut ModuleIr,
    /// The text of a template the module renders, by name.
    templates: &'m crate::templates::TemplateReader<'m>,
    /// Folders the module's Flask app or blueprints name for their templates.
    template_folders: Vec<String>,
}

/// The function being lowered: its variables and where its names live.
pub(crate) struct FunctionBuilder {
    scope: ScopeId,
    /// Each variable by scope, then name (looked up without building a key).
    vars: FxHashMap<ScopeId, FxHashMap<String, VarId>>,
    names: Vec<String>,
    captures: Vec<(VarId, VarId)>,
    /// Scopes of the comprehensions being lowered, innermost last.
    comprehensions: Vec<ScopeId>,
    /// Whether every `return` so far gave text the function built (`None`: no `return`).
    text_returns: Option<bool>,
    /// Whether the function's returned text is sent as an HTML page (a Flask view, a FastAPI
    /// route declared `response_class=HTMLResponse`).
    html_view: bool,
}

impl FunctionBuilder {
    fn new(scope: ScopeId) -> Self {
        Self {
            scope,
            vars: FxHashMap::default(),
            names: Vec::new(),
            captures: Vec::new(),
            comprehensions: Vec::new(),
            text_returns: None,
            html_view: false,
        }
    }

    fn var(&mut self, scope: ScopeId, name: &str) -> VarId {
        if let Some(&v) = self.vars.get(&scope).and_then(|names| names.get(name)) {
            return v;
        }
        let id = self.names.len() as VarId;
        self.names.push(name.to_string());
        self.vars
            .entry(scope)
            .or_default()
            .insert(name.to_string(), id);
        id
    }

    /// The innermost scope names are looked up in.
    pub(crate) fn current_scope(&self) -> ScopeId {
        self.comprehensions.last().copied().unwrap_or(self.scope)
    }

    /// Links each variable `child` captured from an enclosing function to this (its
    /// parent's) variable of the same scope and name.
    fn link_captures(&mut self, child: &mut FunctionBuilder) {
        let by_var: FxHashMap<VarId, (ScopeId, String)> = child
            .vars
            .iter()
            .flat_map(|(&s, names)| names.iter().map(move |(n, &v)| (v, (s, n.clone()))))
            .collect();
        for capture in &mut child.captures {
            if let Some((scope, name)) = by_var.get(&capture.0) {
                let var = self.var(*scope, name);
                if *scope != self.scope && !self.captures.iter().any(|&(v, _)| v == var) {
                    self.captures.push((var, u32::MAX));
                }
                capture.1 = var;
            }
        }
        child.captures.retain(|c| c.1 != u32::MAX);
    }
}

/// Where a name used in a function lives.
enum NameKind {
    Local(VarId),
    Global,
}

impl<'a> Lowerer<'_, 'a> {
    fn block(&mut self, f: &mut FunctionBuilder, suite: &'a [AstStmt]) -> Vec<Stmt> {
        let mut out = Vec::new();
        for stmt in suite {
            self.stmt(f, stmt, &mut out);
        }
        out
    }

    fn stmt(&mut self, f: &mut FunctionBuilder, stmt: &'a AstStmt, out: &mut Vec<Stmt>) {
        match stmt {
            AstStmt::FunctionDef(def) => {
                let qualname = self.function(f, def);
                let var = self.bind_name(f, def.name.id.as_str());
                out.push(Stmt::Assign {
                    target: Target::Var(var, def.name.range),
                    value: Expr {
                        kind: ExprKind::Function(qualname.into()),
                        range: def.range,
                    },
                });
            }
            AstStmt::ClassDef(class) => self.class(f, class),
            AstStmt::Assign(assign) => {
                if f.scope == SemanticModel::MODULE_SCOPE {
                    self.dispatch_table(&assign.targets, &assign.value);
                    self.typed_module_value(&assign.targets, &assign.value);
                }
                let mut value = self.expr(f, &assign.value);
                if assign.targets.len() > 1 {
                    value = self.spill(f, value, out);
                }
                for target in &assign.targets {
                    self.assign(f, target, value.clone(), out);
                }
            }
            AstStmt::AnnAssign(assign) => {
                if let Some(value) = &assign.value {
                    let value = self.expr(f, value);
                    self.assign(f, &assign.target, value, out);
                }
            }
            AstStmt::AugAssign(assign) => {
                let current = self.expr(f, &assign.target);
                let added = self.text_part(f, &assign.value, false);
                let text = assign.op == ast::Operator::Add && !is_sequence(&assign.value);
                let value = Expr {
                    kind: if text {
                        ExprKind::Text(vec![current, added])
                    } else {
                        ExprKind::Join(vec![current, added])
                    },
                    range: assign.range,
                };
                self.assign(f, &assign.target, value, out);
            }
            AstStmt::Expr(e) => {
                let value = self.expr(f, &e.value);
                let no_return = self.is_no_return(&e.value, f.current_scope());
                out.push(Stmt::Expr(value));
                if no_return {
                    out.push(Stmt::Raise);
                } else if let AstExpr::Call(call) = e.value.as_ref()
                    && let Some(check) = crate::conditions::validator_call(self, f, call)
                {
                    // `validate(x)`: past it, the project function's checks held.
                    out.push(Stmt::If {
                        test: Box::new(Expr {
                            kind: ExprKind::Const(None),
                            range: e.range,
                        }),
                        condition: Box::new(check),
                        then: Vec::new(),
                        orelse: vec![Stmt::Raise],
                    });
                }
            }
            AstStmt::Return(ret) => {
                let mut value = ret.value.as_ref().map(|v| self.expr(f, v));
                let text = ret
                    .value
                    .as_ref()
                    .is_some_and(|v| crate::frameworks::is_text(self, v, f.current_scope(), 0));
                f.text_returns = Some(f.text_returns.unwrap_or(true) && text);
                if f.html_view
                    && let (Some(returned), Some(lowered)) = (&ret.value, value.take())
                {
                    value = Some(self.view_response(f, returned, lowered, out));
                }
                out.push(Stmt::Return(value, ret.range));
            }
            AstStmt::If(if_stmt) => {
                let mut clauses: Vec<(Option<&'a AstExpr>, &'a [AstStmt])> =
                    vec![(Some(&if_stmt.test), &if_stmt.body)];
                for clause in &if_stmt.elif_else_clauses {
                    clauses.push((clause.test.as_ref(), &clause.body));
                }
                out.push(self.if_chain(f, &clauses));
            }
            AstStmt::While(w) => {
                let cond = condition(self, f, &w.test);
                if matches!(cond, Condition::Constant(false)) {
                    let orelse = self.block(f, &w.orelse);
                    out.extend(orelse);
                    return;
                }
                let test = self.expr(f, &w.test);
                let mut body = vec![Stmt::Expr(test)];
                body.extend(self.block(f, &w.body));
                let orelse = self.block(f, &w.orelse);
                out.push(Stmt::Loop { body, orelse });
            }
            AstStmt::For(for_stmt) => {
                let iter = self.expr(f, &for_stmt.iter);
                let element = Expr {
                    range: iter.range,
                    kind: ExprKind::Element(Box::new(iter)),
                };
                let mut body = Vec::new();
                self.assign(f, &for_stmt.target, element, &mut body);
                body.extend(self.block(f, &for_stmt.body));
                let orelse = self.block(f, &for_stmt.orelse);
                out.push(Stmt::Loop { body, orelse });
            }
            AstStmt::With(with) => {
                for item in &with.items {
                    let value = self.expr(f, &item.context_expr);
                    match &item.optional_vars {
                        Some(target) => self.assign(f, target, value, out),
                        None => out.push(Stmt::Expr(value)),
                    }
                }
                let body = self.block(f, &with.body);
                out.extend(body);
            }
            AstStmt::Try(try_stmt) => {
                let body = self.block(f, &try_stmt.body);
                let handlers = try_stmt
                    .handlers
                    .iter()
                    .map(|handler| {
                        let ExceptHandler::ExceptHandler(handler) = handler;
                        let mut stmts = Vec::new();
                        if let Some(name) = &handler.name {
                            let var = self.bind_name(f, name.id.as_str());
                            stmts.push(Stmt::Assign {
                                target: Target::Var(var, name.range),
                                value: Expr::constant(name.range),
                            });
                        }
                        stmts.extend(self.block(f, &handler.body));
                        stmts
                    })
                    .collect();
                let orelse = self.block(f, &try_stmt.orelse);
                let finalbody = self.block(f, &try_stmt.finalbody);
                out.push(Stmt::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                });
            }
            AstStmt::Raise(raise) => {
                // The exception is built before it is raised (`raise web.HTTPFound(url)`
                // sends a redirect).
                if let Some(exc) = &raise.exc {
                    let value = self.expr(f, exc);
                    out.push(Stmt::Expr(value));
                }
                out.push(Stmt::Raise);
            }
            AstStmt::Break(_) => out.push(Stmt::Break),
            AstStmt::Continue(_) => out.push(Stmt::Continue),
            AstStmt::Assert(assert) => {
                let cond = condition(self, f, &assert.test);
                let test = self.expr(f, &assert.test);
                out.push(Stmt::If {
                    test: Box::new(test),
                    condition: Box::new(cond),
                    then: Vec::new(),
                    orelse: vec![Stmt::Raise],
                });
            }
            AstStmt::Match(m) => {
                let subject = self.expr(f, &m.subject);
                let mut chain: Option<Stmt> = None;
                for case in m.cases.iter().rev() {
                    let mut body = Vec::new();
                    for name in pattern_captures(&case.pattern) {
                        let var = self.bind_name(f, name.id.as_str());
                        body.push(Stmt::Assign {
                            target: Target::Var(var, name.range),
                            value: Expr {
                                range: subject.range,
                                kind: ExprKind::Element(Box::new(subject.clone())),
                            },
                        });
                    }
                    body.extend(self.block(f, &case.body));
                    chain = Some(Stmt::If {
                        test: Box::new(Expr::constant(case.range)),
                        condition: Box::new(Condition::Unknown),
                        then: body,
                        orelse: chain.into_iter().collect(),
                    });
                }
                out.push(Stmt::Expr(subject));
                out.extend(chain);
            }
            AstStmt::Delete(delete) => {
                for target in &delete.targets {
                    if let AstExpr::Name(name) = target
                        && let NameKind::Local(var) = self.name_kind(f, name.id.as_str())
                    {
                        out.push(Stmt::Assign {
                            target: Target::Var(var, name.range),
                            value: Expr::constant(name.range),
                        });
                    }
                }
            }
            _ => {}
        }
    }

    fn if_chain(
        &mut self,
        f: &mut FunctionBuilder,
        clauses: &[(Option<&'a AstExpr>, &'a [AstStmt])],
    ) -> Stmt {
        let Some(((test, body), rest)) = clauses.split_first() else {
            return Stmt::Expr(Expr::constant(TextRange::default()));
        };
        match test {
            None => Stmt::If {
                test: Box::new(Expr::constant(TextRange::default())),
                condition: Box::new(Condition::Constant(true)),
                then: self.block(f, body),
                orelse: Vec::new(),
            },
            Some(test) => {
                let cond = condition(self, f, test);
                let test_expr = self.expr(f, test);
                let then = self.block(f, body);
                let orelse = if rest.is_empty() {
                    Vec::new()
                } else {
                    vec![self.if_chain(f, rest)]
                };
                Stmt::If {
                    test: Box::new(test_expr),
                    condition: Box::new(cond),
                    then,
                    orelse,
                }
            }
        }
    }

    /// Lowers `def` into its own function; returns its qualified name.
    fn function(&mut self, parent: &mut FunctionBuilder, def: &'a ast::StmtFunctionDef) -> String {
        let Some(scope) = self.model.scope_of_node(def.range) else {
            return String::new();
        };
        let local_name = self.model.scope(scope).qualname.clone();
        let qualname = format!("{}.{}", self.model.module_name(), local_name);
        let class = self.enclosing_class(scope);
        let decorators: Vec<&'a AstExpr> =
            def.decorator_list.iter().map(|d| &d.expression).collect();
        let entry = entry_parameters(self, scope, def, &decorators, class.as_deref());
        let html_view = crate::frameworks::returns_html(self, scope, &decorators);
        let dependencies = crate::frameworks::fastapi_dependencies(self, def, scope);
        self.module
            .dependencies
            .extend(dependencies.iter().map(|(_, f, _)| f.clone()));
        self.lower_function(
            parent,
            scope,
            qualname.clone(),
            local_name,
            &def.parameters,
            FunctionBody::Suite(&def.body),
            def.range,
            entry,
            &dependencies,
            html_view,
        );
        qualname
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_function(
        &mut self,
        parent: &mut FunctionBuilder,
        scope: ScopeId,
        qualname: String,
        local_name: String,
        parameters: &'a Parameters,
        body: FunctionBody<'a>,
        range: TextRange,
        entry: Vec<(Option<SourceSite>, Option<String>)>,
        dependencies: &[(usize, String, TextRange)],
        html_view: bool,
    ) {
        let mut f = FunctionBuilder::new(scope);
        f.html_view = html_view;
        let params = self.params(&mut f, scope, parameters, entry);
        // `x = Depends(f)`: FastAPI calls `f` (with request input) and passes its result.
        let mut stmts: Vec<Stmt> = dependencies
            .iter()
            .filter_map(|(index, function, at)| {
                let param = params.get(*index)?;
                Some(Stmt::Assign {
                    target: Target::Var(param.var, *at),
                    value: Expr {
                        range: *at,
                        kind: ExprKind::Call(Box::new(Call {
                            callee: Callee::Qualified(function.as_str().into()),
                            args: Vec::new(),
                            keywords: Vec::new(),
                            range: *at,
                            statement: *at,
                        })),
                    },
                })
            })
            .collect();
        stmts.extend(match body {
            FunctionBody::Suite(suite) => self.block(&mut f, suite),
            FunctionBody::Expr(e) => {
                let value = self.expr(&mut f, e);
                vec![Stmt::Return(Some(value), e.range())]
            }
        });
        let (checks, ensures) = match body {
            FunctionBody::Suite(suite) => {
                crate::conditions::function_checks(self, &mut f, suite, &params)
            }
            FunctionBody::Expr(_) => (None, None),
        };
        parent.link_captures(&mut f);
        self.module.functions.push(FunctionIr {
            qualname,
            local_name,
            params,
            captures: f.captures,
            body: stmts,
            var_names: f.names,
            range,
            mentions: Mentions::default(),
            checks,
            ensures,
            returns_text: f.text_returns == Some(true),
        });
    }

    fn params(
        &mut self,
        f: &mut FunctionBuilder,
        scope: ScopeId,
        parameters: &'a Parameters,
        entry: Vec<(Option<SourceSite>, Option<String>)>,
    ) -> Vec<Param> {
        let mut params = Vec::new();
        let mut push = |f: &mut FunctionBuilder, name: &str, kind: ParamKind| {
            let var = f.var(scope, name);
            let (source, class) = entry.get(params.len()).cloned().unwrap_or((None, None));
            params.push(Param {
                name: name.to_string(),
                var,
                kind,
                source,
                class,
            });
        };
        for p in &parameters.posonlyargs {
            push(f, p.parameter.name.id.as_str(), ParamKind::PositionalOnly);
        }
        for p in &parameters.args {
            push(f, p.parameter.name.id.as_str(), ParamKind::Positional);
        }
        if let Some(p) = &parameters.vararg {
            push(f, p.name.id.as_str(), ParamKind::VarArgs);
        }
        for p in &parameters.kwonlyargs {
            push(f, p.parameter.name.id.as_str(), ParamKind::KeywordOnly);
        }
        if let Some(p) = &parameters.kwarg {
            push(f, p.name.id.as_str(), ParamKind::VarKeywords);
        }
        params
    }

    fn class(&mut self, f: &mut FunctionBuilder, class: &'a ast::StmtClassDef) {
        let Some(scope) = self.model.scope_of_node(class.range) else {
            return;
        };
        let qualname = format!(
            "{}.{}",
            self.model.module_name(),
            self.model.scope(scope).qualname
        );
        let bases = class
            .arguments
            .iter()
            .flat_map(|a| a.args.iter())
            .filter_map(|b| self.qualified(b, f.current_scope()))
            .collect();
        let fields = class
            .body
            .iter()
            .filter_map(|stmt| match stmt {
                AstStmt::AnnAssign(a) => {
                    let AstExpr::Name(name) = a.target.as_ref() else {
                        return None;
                    };
                    let annotation = crate::frameworks::annotation_class(
                        self,
                        &a.annotation,
                        f.current_scope(),
                    )?;
                    Some((name.id.to_string(), annotation))
                }
                AstStmt::Assign(a) => {
                    let [AstExpr::Name(name)] = &a.targets[..] else {
                        return None;
                    };
                    let AstExpr::Call(call) = a.value.as_ref() else {
                        return None;
                    };
                    let made_by = self.qualified(&call.func, f.current_scope())?;
                    let class = match self.models.type_of(&made_by) {
                        Some(t) => t.name.clone(),
                        None => made_by,
                    };
                    Some((name.id.to_string(), class))
                }
                _ => None,
            })
            .collect();
        self.module.classes.push(ClassIr {
            qualname,
            bases,
            fields,
        });
        for stmt in &class.body {
            match stmt {
                AstStmt::FunctionDef(def) => {
                    self.function(f, def);
                }
                AstStmt::ClassDef(inner) => self.class(f, inner),
                _ => {}
            }
        }
    }

    /// Records `NAME = {key: function, …}` (or a list or tuple of names) at module level
    /// as a dispatch table; the project keeps the ones whose entries are its functions.
    fn dispatch_table(&mut self, targets: &[AstExpr], value: &'a AstExpr) {
        let [AstExpr::Name(name)] = targets else {
            return;
        };
        let scope = SemanticModel::MODULE_SCOPE;
        let key_text = |key: &AstExpr| match self.model.constant_value(key, scope)? {
            Constant::Str(s) => Some(Name::from(s)),
            Constant::Int(i) => Some(Name::from(i.to_string())),
            _ => None,
        };
        let items: Vec<(Option<Name>, &AstExpr)> = match value {
            AstExpr::Dict(d) => {
                let mut items = Vec::with_capacity(d.items.len());
                for item in &d.items {
                    // `**other`: entries this module does not show.
                    let Some(key) = &item.key else {
                        return;
                    };
                    items.push((key_text(key), &item.value));
                }
                items
            }
            AstExpr::List(ast::ExprList { elts, .. })
            | AstExpr::Tuple(ast::ExprTuple { elts, .. }) => elts
                .iter()
                .enumerate()
                .map(|(i, e)| (Some(Name::from(i.to_string())), e))
                .collect(),
            _ => return,
        };
        if items.is_empty() {
            return;
        }
        let mut entries = Vec::with_capacity(items.len());
        for (key, value) in items {
            if !matches!(value, AstExpr::Name(_) | AstExpr::Attribute(_)) {
                return;
            }
            let Some(function) = self.qualified(value, scope) else {
                return;
            };
            entries.push((key, function));
        }
        self.module.tables.push(DispatchTable {
            name: format!("{}.{}", self.model.module_name(), name.id),
            entries,
        });
    }

    /// Records `NAME = base[…]`, `NAME = base.attr` or `NAME = base.method(…)` at module
    /// level when the models give the object's class (`db = client["shop"]`), for other
    /// modules.
    fn typed_module_value(&mut self, targets: &[AstExpr], value: &'a AstExpr) {
        let [AstExpr::Name(name)] = targets else {
            return;
        };
        // `client["shop"]`, `client.shop`, or a method's result (`client.get_database("shop")`).
        let method_result = |call: &ast::ExprCall| {
            matches!(call.func.as_ref(), AstExpr::Attribute(_))
                && self
                    .qualified(&call.func, SemanticModel::MODULE_SCOPE)
                    .is_none()
        };
        let reached = match value {
            AstExpr::Subscript(_) | AstExpr::Attribute(_) => true,
            AstExpr::Call(call) => method_result(call),
            _ => false,
        };
        if !reached {
            return;
        }
        if let Some(class) = self.module_value_class(value, SemanticModel::MODULE_SCOPE, 0) {
            let qualname = format!("{}.{}", self.model.module_name(), name.id);
            self.module.values.push((qualname, class));
        }
    }

    /// The qualified name of the class directly holding the function scope `scope`.
    pub(crate) fn enclosing_class(&self, scope: ScopeId) -> Option<String> {
        let parent = self.model.scope(scope).parent?;
        let p = self.model.scope(parent);
        (p.kind == ScopeKind::Class).then(|| format!("{}.{}", self.model.module_name(), p.qualname))
    }

    /// Whether the module's class `class` has one of `ancestors` among its bases, directly
    /// or through classes of the same module (at most four levels).
    pub(crate) fn inherits_from(&self, class: &str, ancestors: &[&str]) -> bool {
        let mut current = vec![class];
        for _ in 0..4 {
            let bases: Vec<&str> = self
                .module
                .classes
                .iter()
                .filter(|c| current.contains(&c.qualname.as_str()))
                .flat_map(|c| c.bases.iter().map(String::as_str))
                .collect();
            if bases.iter().any(|b| ancestors.contains(b)) {
                return true;
            }
            if bases.is_empty() {
                return false;
            }
            current = bases;
        }
        false
    }

    fn assign(
        &mut self,
        f: &mut FunctionBuilder,
        target: &'a AstExpr,
        value: Expr,
        out: &mut Vec<Stmt>,
    ) {
        match target {
            AstExpr::Name(name) => {
                let var = self.bind_name(f, name.id.as_str());
                out.push(Stmt::Assign {
                    target: Target::Var(var, name.range),
                    value,
                });
            }
            AstExpr::Tuple(t) => self.unpack(f, &t.elts, value, out),
            AstExpr::List(l) => self.unpack(f, &l.elts, value, out),
            AstExpr::Starred(s) => self.assign(f, &s.value, value, out),
            AstExpr::Attribute(_) | AstExpr::Subscript(_) => {
                // `x[k] = v` also calls `x.__setitem__(k, v)`: the sink of
                // `session[k] = v` and `response.headers[k] = v`.
                let value = if matches!(target, AstExpr::Subscript(_)) {
                    self.spill(f, value, out)
                } else {
                    value
                };
                if let AstExpr::Subscript(sub) = target {
                    let receiver = self.expr(f, &sub.value);
                    let key = self.expr(f, &sub.slice);
                    out.push(Stmt::Expr(Expr {
                        range: target.range(),
                        kind: ExprKind::Call(Box::new(Call {
                            callee: Callee::Method {
                                receiver,
                                name: "__setitem__".to_string().into(),
                            },
                            args: vec![
                                Arg {
                                    value: key,
                                    starred: false,
                                },
                                Arg {
                                    value: value.clone(),
                                    starred: false,
                                },
                            ],
                            keywords: Vec::new(),
                            range: target.range(),
                            statement: target.range(),
                        })),
                    }));
                }
                let target = match self.place_of(f, target) {
                    Some(place) if !place.path.is_empty() => Target::Field {
                        base: place.var,
                        path: place.path,
                    },
                    _ => Target::Ignore,
                };
                out.push(Stmt::Assign { target, value });
            }
            _ => out.push(Stmt::Expr(value)),
        }
    }

    fn unpack(
        &mut self,
        f: &mut FunctionBuilder,
        elts: &'a [AstExpr],
        value: Expr,
        out: &mut Vec<Stmt>,
    ) {
        let starred = elts.iter().any(|e| e.is_starred_expr());
        let value = self.spill(f, value, out);
        for (i, elt) in elts.iter().enumerate() {
            let key = if starred {
                Key::Any
            } else {
                Key::Item(i.to_string().into())
            };
            let part = Expr {
                range: value.range,
                kind: ExprKind::Field(Box::new(value.clone()), key),
            };
            self.assign(f, elt, part, out);
        }
    }

    /// `value` stored in a fresh variable (unless it is one already or a constant), so a
    /// value used several times (`a = b = f()`, `x, y = f()`) is evaluated once.
    fn spill(&mut self, f: &mut FunctionBuilder, value: Expr, out: &mut Vec<Stmt>) -> Expr {
        if matches!(value.kind, ExprKind::Var(_) | ExprKind::Const(_)) {
            return value;
        }
        let range = value.range;
        let var = f.var(u32::MAX, &format!("<tmp {}>", u32::from(range.start())));
        out.push(Stmt::Assign {
            target: Target::Var(var, range),
            value,
        });
        Expr {
            kind: ExprKind::Var(var),
            range,
        }
    }

    /// What a view that returns HTML returns (`returned`, lowered as `lowered`), with a
    /// [`VIEW_RESPONSE`] call first when its body is text built in the view.
    fn view_response(
        &mut self,
        f: &mut FunctionBuilder,
        returned: &'a AstExpr,
        lowered: Expr,
        out: &mut Vec<Stmt>,
    ) -> Expr {
        let scope = f.current_scope();
        let Some(body) = crate::frameworks::html_body(self, returned, scope) else {
            return lowered;
        };
        let range = lowered.range;
        let value = self.spill(f, lowered, out);
        let mut args = vec![if body.first {
            Expr {
                kind: ExprKind::Field(Box::new(value.clone()), Key::Item("0".into())),
                range,
            }
        } else {
            value.clone()
        }];
        let why = match body.text {
            HtmlText::Built => None,
            HtmlText::ReturnedBy(function) => Some(ConstValue::Str(function)),
            HtmlText::Read => Some(ConstValue::Bool(true)),
        };
        if let Some(why) = why {
            args.push(Expr {
                kind: ExprKind::Const(Some(why)),
                range,
            });
        }
        out.push(Stmt::Expr(synthetic_call(VIEW_RESPONSE, args, range)));
        value
    }

    /// A variable (and constant field path under it) for `expr`, if it is one.
    pub(crate) fn place_of(&mut self, f: &mut FunctionBuilder, expr: &'a AstExpr) -> Option<Place> {
        match expr {
            AstExpr::Name(name) => match self.name_kind(f, name.id.as_str()) {
                NameKind::Local(var) => Some(Place {
                    var,
                    path: Vec::new(),
                }),
                NameKind::Global => None,
            },
            AstExpr::Attribute(attr) => {
                let mut place = self.place_of(f, &attr.value)?;
                place.path.push(Key::Attr(attr.attr.id.to_string().into()));
                Some(place)
            }
            AstExpr::Subscript(sub) => {
                let mut place = self.place_of(f, &sub.value)?;
                place
                    .path
                    .push(self.constant_key(f, &sub.slice).unwrap_or(Key::Any));
                Some(place)
            }
            _ => None,
        }
    }

    fn constant_key(&self, f: &FunctionBuilder, expr: &AstExpr) -> Option<Key> {
        match self.model.constant_value(expr, f.current_scope())? {
            Constant::Str(s) => Some(Key::Item(s.into())),
            Constant::Int(i) => Some(Key::Item(i.to_string().into())),
            _ => None,
        }
    }

    /// The variable a name bound in the current function is.
    fn bind_name(&mut self, f: &mut FunctionBuilder, name: &str) -> VarId {
        match self.name_kind(f, name) {
            NameKind::Local(var) => var,
            // A global declared in the function: track it as a local of the function.
            NameKind::Global => f.var(f.scope, name),
        }
    }

    fn name_kind(&mut self, f: &mut FunctionBuilder, name: &str) -> NameKind {
        for &scope in f.comprehensions.iter().rev() {
            if !self.model.scope(scope).bindings_of(name).is_empty() {
                return NameKind::Local(f.var(scope, name));
            }
        }
        let own = self.model.scope(f.scope);
        let bindings = own.bindings_of(name);
        if own.kind != ScopeKind::Module && !bindings.is_empty() {
            // A function-level `import os` names a module, not a value to track.
            let all_imports = bindings.iter().all(|&b| {
                matches!(
                    self.model.binding(b).kind,
                    BindingKind::Import { .. } | BindingKind::FromImport { .. }
                )
            });
            if all_imports {
                return NameKind::Global;
            }
            return NameKind::Local(f.var(f.scope, name));
        }
        if own.kind == ScopeKind::Module {
            // Module-level code: module variables are its locals, except imports,
            // functions and classes, which resolve to qualified names.
            let bindings = own.bindings_of(name);
            // A dispatch table (`TOOLS = {"run": run}`): its functions are qualified names.
            if let [only] = bindings
                && let BindingKind::Assignment { value } = &self.model.binding(*only).kind
                && is_table_literal(value)
                && self.module.tables.iter().any(|t| {
                    t.name
                        .strip_prefix(self.model.module_name())
                        .and_then(|rest| rest.strip_prefix('.'))
                        == Some(name)
                })
            {
                return NameKind::Global;
            }
            if !bindings.is_empty()
                && bindings.iter().all(|&b| {
                    matches!(
                        self.model.binding(b).kind,
                        BindingKind::Assignment { .. } | BindingKind::Opaque
                    )
                })
            {
                return NameKind::Local(f.var(f.scope, name));
            }
            return NameKind::Global;
        }
        // Enclosing function scopes: a closure variable.
        let mut current = own.parent;
        while let Some(id) = current {
            let s = self.model.scope(id);
            if matches!(s.kind, ScopeKind::Function | ScopeKind::Lambda)
                && !s.bindings_of(name).is_empty()
            {
                let var = f.var(id, name);
                if !f.captures.iter().any(|&(v, _)| v == var) {
                    f.captures.push((var, u32::MAX));
                }
                return NameKind::Local(var);
            }
            current = s.parent;
        }
        NameKind::Global
    }

    /// The qualified name of a name or attribute chain rooted in a global.
    pub(crate) fn qualified(&self, expr: &AstExpr, scope: ScopeId) -> Option<String> {
        self.model.resolve_qualified_name(expr, scope)
    }

    fn is_no_return(&self, expr: &AstExpr, scope: ScopeId) -> bool {
        if let AstExpr::Call(call) = expr {
            return self
                .model
                .resolve_qualified_name(&call.func, scope)
                .is_some_and(|q| NO_RETURN.contains(&q.as_str()));
        }
        false
    }

    /// Whether the root name of `expr` (a name or attribute chain) is a local variable.
    fn rooted_in_local(&mut self, f: &mut FunctionBuilder, expr: &AstExpr) -> bool {
        match expr {
            AstExpr::Name(name) => {
                matches!(self.name_kind(f, name.id.as_str()), NameKind::Local(_))
            }
            AstExpr::Attribute(attr) => self.rooted_in_local(f, &attr.value),
            _ => true,
        }
    }

    pub(crate) fn expr(&mut self, f: &mut FunctionBuilder, expr: &'a AstExpr) -> Expr {
        let range = expr.range();
        let kind = match expr {
            AstExpr::Name(name) => match self.name_kind(f, name.id.as_str()) {
                NameKind::Local(var) => ExprKind::Var(var),
                NameKind::Global => self.global(f, expr),
            },
            AstExpr::Attribute(attr) => {
                if !self.rooted_in_local(f, expr)
                    && let Some(q) = self.qualified(expr, f.current_scope())
                    && self
                        .models
                        .source(&q)
                        .is_some_and(|s| s.access == Access::Value)
                {
                    self.source(&q, range)
                } else {
                    let base = self.expr(f, &attr.value);
                    match base.kind {
                        ExprKind::Global(_) => self.global(f, expr),
                        _ => ExprKind::Field(
                            Box::new(base),
                            Key::Attr(attr.attr.id.to_string().into()),
                        ),
                    }
                }
            }
            AstExpr::Call(call) => match self.format_text(f, call) {
                Some(parts) => ExprKind::Text(parts),
                None => return self.call(f, call),
            },
            AstExpr::StringLiteral(s) => {
                ExprKind::Const(Some(ConstValue::Str(s.value.to_str().to_string())))
            }
            AstExpr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => ExprKind::Const(i.as_i64().map(ConstValue::Int)),
                _ => ExprKind::Const(None),
            },
            AstExpr::BooleanLiteral(b) => ExprKind::Const(Some(ConstValue::Bool(b.value))),
            AstExpr::NoneLiteral(_) => ExprKind::Const(Some(ConstValue::None)),
            AstExpr::BytesLiteral(_) | AstExpr::EllipsisLiteral(_) => ExprKind::Const(None),
            AstExpr::FString(fstring) => {
                // The literal pieces and the interpolations in the order they appear.
                let mut parts = Vec::new();
                let mut literal = String::new();
                for part in fstring.value.iter() {
                    match part {
                        FStringPart::Literal(text) => literal.push_str(text),
                        FStringPart::FString(fs) => {
                            for element in &fs.elements {
                                match element {
                                    InterpolatedStringElement::Literal(text) => {
                                        literal.push_str(text)
                                    }
                                    InterpolatedStringElement::Interpolation(i) => {
                                        push_literal(&mut parts, &mut literal, range);
                                        let numeric = i
                                            .format_spec
                                            .as_ref()
                                            .and_then(|spec| literal_spec(&spec.elements))
                                            .is_some_and(|spec| is_numeric_spec(&spec));
                                        parts.push(self.text_part(f, &i.expression, numeric));
                                    }
                                }
                            }
                        }
                    }
                }
                push_literal(&mut parts, &mut literal, range);
                ExprKind::Text(parts)
            }
            AstExpr::TString(_) => ExprKind::Const(None),
            AstExpr::BinOp(b) => {
                // `"https://host/" + path` and `"/users/%s" % name` keep their parts in
                // text order, for prefix checks.
                let left = self.text_part(f, &b.left, false);
                match (b.op, &left.kind) {
                    (ast::Operator::Mod, ExprKind::Const(Some(ConstValue::Str(format)))) => {
                        let format = format.clone();
                        ExprKind::Text(self.printf_text(f, &format, &b.right, range))
                    }
                    (ast::Operator::Add, _) if !is_sequence(&b.left) && !is_sequence(&b.right) => {
                        let mut parts = match left.kind {
                            ExprKind::Text(parts) => parts,
                            _ => vec![left],
                        };
                        parts.push(self.text_part(f, &b.right, false));
                        ExprKind::Text(parts)
                    }
                    _ => ExprKind::Join(vec![left, self.expr(f, &b.right)]),
                }
            }
            AstExpr::UnaryOp(u) => match u.op {
                ast::UnaryOp::Not => {
                    let _ = self.expr(f, &u.operand);
                    ExprKind::Const(None)
                }
                _ => ExprKind::Join(vec![self.expr(f, &u.operand)]),
            },
            AstExpr::BoolOp(b) => {
                ExprKind::Join(b.values.iter().map(|v| self.expr(f, v)).collect())
            }
            AstExpr::Compare(c) => {
                // The result is a boolean; the operands are still evaluated (walrus, calls).
                let mut parts = vec![self.expr(f, &c.left)];
                parts.extend(c.comparators.iter().map(|v| self.expr(f, v)));
                return synthetic_call("builtins.bool", parts, range);
            }
            AstExpr::If(if_expr) => match condition(self, f, &if_expr.test) {
                Condition::Constant(true) => return self.expr(f, &if_expr.body),
                Condition::Constant(false) => return self.expr(f, &if_expr.orelse),
                condition => ExprKind::Choice(Box::new(Choice {
                    test: self.expr(f, &if_expr.test),
                    condition,
                    body: self.expr(f, &if_expr.body),
                    orelse: self.expr(f, &if_expr.orelse),
                })),
            },
            AstExpr::Dict(d) => {
                let mut items = Vec::new();
                for item in &d.items {
                    let value = self.expr(f, &item.value);
                    match &item.key {
                        Some(key) => match self.constant_key(f, key) {
                            Some(k) => items.push((Some(k), value)),
                            None => {
                                let key = self.expr(f, key);
                                let value = dict_value(value);
                                items.push((
                                    None,
                                    Expr {
                                        range: value.range,
                                        kind: ExprKind::Join(vec![key, value]),
                                    },
                                ));
                            }
                        },
                        None => items.push((None, value)),
                    }
                }
                ExprKind::Dict(items)
            }
            AstExpr::List(l) => {
                ExprKind::Sequence(l.elts.iter().map(|e| self.expr(f, e)).collect())
            }
            AstExpr::Tuple(t) => {
                ExprKind::Sequence(t.elts.iter().map(|e| self.expr(f, e)).collect())
            }
            AstExpr::Set(s) => ExprKind::Join(s.elts.iter().map(|e| self.expr(f, e)).collect()),
            AstExpr::ListComp(c) => self.comprehension(f, c.range, &c.generators, &[&c.elt]),
            AstExpr::SetComp(c) => self.comprehension(f, c.range, &c.generators, &[&c.elt]),
            AstExpr::Generator(c) => self.comprehension(f, c.range, &c.generators, &[&c.elt]),
            AstExpr::DictComp(c) => match &c.key {
                Some(key) => self.comprehension(f, c.range, &c.generators, &[key, &c.value]),
                None => self.comprehension(f, c.range, &c.generators, &[&c.value]),
            },
            AstExpr::Lambda(lambda) => {
                let Some(scope) = self.model.scope_of_node(lambda.range) else {
                    return Expr::constant(range);
                };
                let local_name = self.model.scope(scope).qualname.clone();
                let qualname = format!(
                    "{}.{}@{}",
                    self.model.module_name(),
                    local_name,
                    u32::from(lambda.range.start())
                );
                static EMPTY: std::sync::OnceLock<Parameters> = std::sync::OnceLock::new();
                let parameters = lambda
                    .parameters
                    .as_deref()
                    .unwrap_or_else(|| EMPTY.get_or_init(empty_parameters));
                self.lower_function(
                    f,
                    scope,
                    qualname.clone(),
                    local_name,
                    parameters,
                    FunctionBody::Expr(&lambda.body),
                    lambda.range,
                    Vec::new(),
                    &[],
                    false,
                );
                ExprKind::Function(qualname.into())
            }
            AstExpr::Await(a) => return self.expr(f, &a.value),
            AstExpr::Yield(y) => {
                let value = y.value.as_ref().map(|v| self.expr(f, v));
                return synthetic_call("<yield>", value.into_iter().collect(), range);
            }
            AstExpr::YieldFrom(y) => {
                let value = self.expr(f, &y.value);
                return Expr {
                    range,
                    kind: ExprKind::Call(Box::new(Call {
                        callee: Callee::Qualified("<yield>".to_string().into()),
                        args: vec![Arg {
                            value: Expr {
                                range,
                                kind: ExprKind::Element(Box::new(value)),
                            },
                            starred: false,
                        }],
                        keywords: Vec::new(),
                        range,
                        statement: range,
                    })),
                };
            }
            AstExpr::Subscript(sub) => {
                let base = self.expr(f, &sub.value);
                if let AstExpr::Slice(_) = sub.slice.as_ref() {
                    ExprKind::Join(vec![base])
                } else {
                    match self.constant_key(f, &sub.slice) {
                        Some(key) => ExprKind::Field(Box::new(base), key),
                        None => {
                            let index = self.expr(f, &sub.slice);
                            ExprKind::Index(Box::new(base), Box::new(index))
                        }
                    }
                }
            }
            AstExpr::Starred(s) => ExprKind::Element(Box::new(self.expr(f, &s.value))),
            AstExpr::Named(named) => {
                let value = self.expr(f, &named.value);
                match named.target.as_ref() {
                    AstExpr::Name(name) => {
                        let var = self.bind_name(f, name.id.as_str());
                        ExprKind::Walrus(var, Box::new(value))
                    }
                    _ => return value,
                }
            }
            AstExpr::Slice(_) | AstExpr::IpyEscapeCommand(_) => ExprKind::Const(None),
        };
        Expr { kind, range }
    }

    /// A part of built text: its constant value when it folds to a string (a literal, a
    /// name bound once to one), else the expression; a value formatted as a number
    /// (`numeric`: `{n:d}`, `%d`, where anything else raises) is lowered as `int(expr)`.
    fn text_part(&mut self, f: &mut FunctionBuilder, expr: &'a AstExpr, numeric: bool) -> Expr {
        match self.model.constant_value(expr, f.current_scope()) {
            Some(Constant::Str(s)) => Expr {
                kind: ExprKind::Const(Some(ConstValue::Str(s))),
                range: expr.range(),
            },
            _ if numeric => {
                let value = self.expr(f, expr);
                synthetic_call(NUMBER_CONVERSION, vec![value], expr.range())
            }
            _ => self.expr(f, expr),
        }
    }

    /// The parts of `format % right` in text order: the format's literal pieces with the
    /// arguments between them. When the arguments cannot be placed (a tuple held in a
    /// variable, a mapping), the text before the first conversion and then the arguments.
    fn printf_text(
        &mut self,
        f: &mut FunctionBuilder,
        format: &str,
        right: &'a AstExpr,
        range: TextRange,
    ) -> Vec<Expr> {
        let (pieces, numeric) = match printf_pieces(format) {
            Some((pieces, numeric)) if pieces.len() > 1 => (Some(pieces), numeric),
            _ => (None, Vec::new()),
        };
        let arguments: Option<Vec<&'a AstExpr>> = match (&pieces, right) {
            (Some(pieces), AstExpr::Tuple(t))
                if t.elts.len() == pieces.len() - 1
                    && !t.elts.iter().any(|e| matches!(e, AstExpr::Starred(_))) =>
            {
                Some(t.elts.iter().collect())
            }
            (Some(pieces), other)
                if pieces.len() == 2 && !matches!(other, AstExpr::Tuple(_) | AstExpr::Dict(_)) =>
            {
                Some(vec![other])
            }
            _ => None,
        };
        match (pieces, arguments) {
            (Some(pieces), Some(arguments)) => {
                let (tail, before) = pieces.split_last().expect("two pieces or more");
                self.interleaved(
                    f,
                    before.iter().map(String::as_str),
                    &arguments,
                    &numeric,
                    tail,
                    range,
                )
            }
            _ => {
                let mut parts = Vec::new();
                let mut literal = format[..format.find('%').unwrap_or(format.len())].to_string();
                push_literal(&mut parts, &mut literal, range);
                parts.push(self.expr(f, right));
                parts
            }
        }
    }

    /// Text parts of a template: each literal piece of `before`, then the argument that
    /// follows it (formatted as a number where `numeric` says so), and `tail` at the end
    /// (empty pieces are left out).
    fn interleaved<'p>(
        &mut self,
        f: &mut FunctionBuilder,
        before: impl Iterator<Item = &'p str>,
        arguments: &[&'a AstExpr],
        numeric: &[bool],
        tail: &str,
        range: TextRange,
    ) -> Vec<Expr> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        for (i, (piece, argument)) in before.zip(arguments).enumerate() {
            literal.push_str(piece);
            push_literal(&mut parts, &mut literal, range);
            let number = numeric.get(i).copied().unwrap_or(false);
            parts.push(self.text_part(f, argument, number));
        }
        literal.push_str(tail);
        push_literal(&mut parts, &mut literal, range);
        parts
    }

    /// The parts of `"https://{}/{}".format(host, path)` in text order, like an f-string:
    /// when the template is a constant and each argument fills exactly one of its fields
    /// (no `*args` or `**kwargs`, so every argument is lowered once).
    fn format_text(
        &mut self,
        f: &mut FunctionBuilder,
        call: &'a ast::ExprCall,
    ) -> Option<Vec<Expr>> {
        let AstExpr::Attribute(method) = call.func.as_ref() else {
            return None;
        };
        if method.attr.id.as_str() != "format" {
            return None;
        }
        let Some(Constant::Str(template)) =
            self.model.constant_value(&method.value, f.current_scope())
        else {
            return None;
        };
        let args = &call.arguments.args;
        let keywords = &call.arguments.keywords;
        if args.iter().any(AstExpr::is_starred_expr) || keywords.iter().any(|k| k.arg.is_none()) {
            return None;
        }
        let (fields, tail) = format_fields(&template)?;
        let mut filled: Vec<&'a AstExpr> = Vec::with_capacity(fields.len());
        for TemplateField { field, .. } in &fields {
            let argument = match field {
                FormatField::Index(i) => args.get(*i)?,
                FormatField::Name(name) => {
                    &keywords
                        .iter()
                        .find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == name))?
                        .value
                }
            };
            if filled.iter().any(|e| std::ptr::eq(*e, argument)) {
                return None;
            }
            filled.push(argument);
        }
        if filled.len() != args.len() + keywords.len() {
            return None;
        }
        let before = fields.iter().map(|t| t.before.as_str());
        let numeric: Vec<bool> = fields.iter().map(|t| t.numeric).collect();
        Some(self.interleaved(f, before, &filled, &numeric, &tail, call.range()))
    }

    /// A name or attribute chain that is not a local: a source, a constant, or a global.
    fn global(&mut self, f: &FunctionBuilder, expr: &AstExpr) -> ExprKind {
        let scope = f.current_scope();
        // An object made at module level, here or in a project module (`storage` after
        // `from pkg import storage`, where `storage = LocalStorage(…)`).
        if let AstExpr::Name(name) = expr
            && let Some(made_by) = self.model.constructor_of(expr, scope)
        {
            return ExprKind::Instance {
                made_by: made_by.into(),
                keywords: self.constructor_keywords(name, scope).into(),
            };
        }
        if let Some(q) = self.qualified(expr, scope) {
            if self
                .models
                .source(&q)
                .is_some_and(|s| s.access == Access::Value)
            {
                return self.source(&q, expr.range());
            }
            return ExprKind::Global(q.into());
        }
        // `HANDLERS`, a module-level dict or list of names: maybe a dispatch table.
        if let AstExpr::Name(name) = expr
            && let Some(binding) = self
                .model
                .lookup(name.id.as_str(), scope, name.range.start())
            && let binding = self.model.binding(binding)
            && binding.scope == SemanticModel::MODULE_SCOPE
            && let BindingKind::Assignment { value } = &binding.kind
            && is_table_literal(value)
        {
            return ExprKind::Global(format!("{}.{}", self.model.module_name(), name.id).into());
        }
        // `db = MongoClient(…)["shop"]`: an object reached from a module-level object by
        // items and attributes, typed through the models.
        if let AstExpr::Name(_) = expr
            && let Some(class) = self.module_value_class(expr, scope, 0)
        {
            return ExprKind::Instance {
                made_by: class.into(),
                keywords: Box::default(),
            };
        }
        if let Some(constant) = self.model.constant_value(expr, scope) {
            return ExprKind::Const(const_value(&constant));
        }
        ExprKind::Const(None)
    }

    /// The class of a module-level value built by a call, then items and attributes
    /// (`MongoClient(…)["analytics"]["events"]`), when the models say what each step gives.
    fn module_value_class(&self, expr: &AstExpr, scope: ScopeId, depth: usize) -> Option<String> {
        if depth > 8 {
            return None;
        }
        let member = |base: &AstExpr, member: &str| -> Option<String> {
            let class = self.module_value_class(base, scope, depth + 1)?;
            let typed = |m: &str| {
                self.models
                    .type_of(&format!("{class}.{m}"))
                    .map(|t| t.name.clone())
            };
            typed(member).or_else(|| typed("*"))
        };
        match expr {
            AstExpr::Call(call) => match self.qualified(&call.func, scope) {
                Some(q) => Some(self.models.type_of(&q).map_or(q, |t| t.name.clone())),
                // `client.get_database("shop")`: what the method of a typed object gives.
                None => match call.func.as_ref() {
                    AstExpr::Attribute(method) => member(&method.value, method.attr.id.as_str()),
                    _ => None,
                },
            },
            AstExpr::Subscript(sub) => member(&sub.value, "__getitem__"),
            AstExpr::Attribute(attr) => member(&attr.value, attr.attr.id.as_str()),
            AstExpr::Name(name) => {
                let binding = self
                    .model
                    .lookup(name.id.as_str(), scope, name.range.start())?;
                let binding = self.model.binding(binding);
                match &binding.kind {
                    BindingKind::Assignment { value } => {
                        self.module_value_class(value, binding.scope, depth + 1)
                    }
                    _ => self.model.constructor_of(expr, scope),
                }
            }
            _ => None,
        }
    }

    /// The constant keywords of the call `name` was assigned from in this module.
    fn constructor_keywords(
        &self,
        name: &ast::ExprName,
        scope: ScopeId,
    ) -> Vec<(String, ConstValue)> {
        let Some(binding) = self
            .model
            .lookup(name.id.as_str(), scope, name.range.start())
        else {
            return Vec::new();
        };
        let binding = self.model.binding(binding);
        let BindingKind::Assignment {
            value: AstExpr::Call(call),
        } = &binding.kind
        else {
            return Vec::new();
        };
        call.arguments
            .keywords
            .iter()
            .filter_map(|k| {
                let name = k.arg.as_ref()?.id.to_string();
                let value = self.model.constant_value(&k.value, binding.scope)?;
                Some((name, const_value(&value)?))
            })
            .collect()
    }

    fn source(&self, q: &str, range: TextRange) -> ExprKind {
        let source = self.models.source(q).expect("caller checked the source");
        ExprKind::Source(Box::new(SourceSite {
            range,
            description: format!("`{q}`"),
            threat: source.threat,
            safe_for: source.safe_for(),
            class: Some(q.to_string()),
            needs_view: false,
            needs_dependency: false,
        }))
    }

    fn comprehension(
        &mut self,
        f: &mut FunctionBuilder,
        range: TextRange,
        generators: &'a [ast::Comprehension],
        elements: &[&'a AstExpr],
    ) -> ExprKind {
        let scope = self.model.scope_of_node(range);
        // The first iterable is evaluated in the enclosing scope.
        let mut clauses = Vec::new();
        let mut conditions = Vec::new();
        let mut pushed = false;
        for (i, generator) in generators.iter().enumerate() {
            let iter = self.expr(f, &generator.iter);
            if i == 0
                && let Some(scope) = scope
            {
                f.comprehensions.push(scope);
                pushed = true;
            }
            let element = Expr {
                range: iter.range,
                kind: ExprKind::Element(Box::new(iter)),
            };
            let mut assigns = Vec::new();
            self.assign(f, &generator.target, element.clone(), &mut assigns);
            let target = match assigns.as_slice() {
                [Stmt::Assign { target, .. }] => target.clone(),
                _ => match &generator.target {
                    AstExpr::Tuple(t) => Target::Unpack(
                        t.elts
                            .iter()
                            .map(|e| match self.place_of(f, e) {
                                Some(p) if p.path.is_empty() => Target::Var(p.var, e.range()),
                                _ => Target::Ignore,
                            })
                            .collect(),
                    ),
                    _ => Target::Ignore,
                },
            };
            clauses.push((target, element));
            for test in &generator.ifs {
                let guard = condition(self, f, test);
                let test = self.expr(f, test);
                conditions.push((test, guard));
            }
        }
        let mut parts: Vec<Expr> = elements.iter().map(|e| self.expr(f, e)).collect();
        // `{k: v for …}`: the values never choose the keys.
        if let Some(value) = parts.get_mut(1) {
            *value = dict_value(std::mem::replace(value, Expr::constant(range)));
        }
        if pushed {
            f.comprehensions.pop();
        }
        ExprKind::Comprehension(Box::new(Comprehension {
            clauses,
            conditions,
            element: Expr {
                range,
                kind: ExprKind::Join(parts),
            },
        }))
    }

    fn call(&mut self, f: &mut FunctionBuilder, call: &'a ast::ExprCall) -> Expr {
        let range = call.range();
        let scope = f.current_scope();
        if let Some(route) = crate::frameworks::django_route(self, call, scope) {
            self.module.routes.push(route);
        }
        let callee = match call.func.as_ref() {
            func @ (AstExpr::Name(_) | AstExpr::Attribute(_)) if !self.rooted_in_local(f, func) => {
                match self.qualified(func, scope) {
                    Some(q) => {
                        if self
                            .models
                            .source(&q)
                            .is_some_and(|s| s.access == Access::Call)
                        {
                            return Expr {
                                range,
                                kind: self.source(&q, range),
                            };
                        }
                        match func {
                            // `request.args.get(…)`: a method of a source (also when a
                            // `[[type]]` row says what it gives: `request.files.get(…)`).
                            AstExpr::Attribute(attr)
                                if !self.models.mentions(&q)
                                    || self.models.type_of(&q).is_some() =>
                            {
                                let receiver = self.expr(f, &attr.value);
                                match receiver.kind {
                                    ExprKind::Global(_) | ExprKind::Const(_) => {
                                        Callee::Qualified(q.into())
                                    }
                                    _ => Callee::Method {
                                        receiver,
                                        name: attr.attr.id.to_string().into(),
                                    },
                                }
                            }
                            // `Session()` where `Session = sessionmaker(…)` at module level,
                            // here or imported: the object is called (its `__call__`).
                            AstExpr::Name(_)
                                if self.model.constructor_of(func, scope).is_some() =>
                            {
                                Callee::Value(self.expr(f, func))
                            }
                            _ => Callee::Qualified(q.into()),
                        }
                    }
                    None => match func {
                        AstExpr::Attribute(attr) => Callee::Method {
                            receiver: self.expr(f, &attr.value),
                            name: attr.attr.id.to_string().into(),
                        },
                        _ => Callee::Value(self.expr(f, func)),
                    },
                }
            }
            AstExpr::Attribute(attr) => Callee::Method {
                receiver: self.expr(f, &attr.value),
                name: attr.attr.id.to_string().into(),
            },
            func => Callee::Value(self.expr(f, func)),
        };
        let args = call
            .arguments
            .args
            .iter()
            .map(|a| match a {
                AstExpr::Starred(s) => Arg {
                    value: self.expr(f, &s.value),
                    starred: true,
                },
                _ => Arg {
                    value: self.expr(f, a),
                    starred: false,
                },
            })
            .collect();
        let keywords = call
            .arguments
            .keywords
            .iter()
            .map(|k| Keyword {
                name: k.arg.as_ref().map(|a| a.id.to_string()),
                value: self.expr(f, &k.value),
            })
            .collect();
        let mut outer = Call {
            callee,
            args,
            keywords,
            range,
            statement: range,
        };
        crate::rendering::mark_unescaped_context(
            &mut outer,
            self.templates,
            &self.template_folders,
        );
        self.register_callbacks(f, call);
        let invoked = self.invoked_call(f, call, &outer);
        let outer = Expr {
            range,
            kind: ExprKind::Call(Box::new(outer)),
        };
        match invoked {
            // The callback's call is evaluated too; what it returns may come back
            // (`executor.submit(f, x).result()`).
            Some(inner) => Expr {
                range,
                kind: ExprKind::Join(vec![outer, inner]),
            },
            None => outer,
        }
    }

    /// Records the project functions `call` hands to a library that calls them back
    /// with arguments of known classes (`asyncio.start_server(handle, …)`), as
    /// `[[callback]]` model rows say.
    fn register_callbacks(&mut self, f: &mut FunctionBuilder, call: &'a ast::ExprCall) {
        let name = match call.func.as_ref() {
            AstExpr::Name(name) => name.id.as_str(),
            AstExpr::Attribute(attr) => attr.attr.id.as_str(),
            _ => return,
        };
        let models = self.models;
        if !models.may_call_back(name) {
            return;
        }
        let scope = f.current_scope();
        let Some(callee) = self.model_callee(&call.func, scope) else {
            return;
        };
        for callback in models.callbacks(&callee) {
            let CallbackArg::Argument { position, keyword } = &callback.arg else {
                continue;
            };
            let by_keyword = keyword.as_deref().and_then(|k| {
                call.arguments
                    .keywords
                    .iter()
                    .find(|kw| kw.arg.as_ref().is_some_and(|a| a.id.as_str() == k))
                    .map(|kw| &kw.value)
            });
            // A position counts only before any `*args`.
            let by_position = position.and_then(|p| {
                let args = &call.arguments.args;
                args.iter()
                    .take(p as usize + 1)
                    .all(|a| !matches!(a, AstExpr::Starred(_)))
                    .then(|| args.get(p as usize))
                    .flatten()
            });
            let Some(function) = by_keyword.or(by_position) else {
                continue;
            };
            if !matches!(function, AstExpr::Name(_) | AstExpr::Attribute(_))
                || self.rooted_in_local(f, function)
            {
                continue;
            }
            if let Some(function) = self.qualified(function, scope) {
                self.module
                    .callbacks
                    .push((function, callback.parameters.clone()));
            }
        }
    }

    /// The name model rows know what `func` calls by: its qualified name, or for a method
    /// of an object whose class the models give, `Class.method`
    /// (`app.router.add_get` → `aiohttp.web.UrlDispatcher.add_get`).
    pub(crate) fn model_callee(&self, func: &AstExpr, scope: ScopeId) -> Option<String> {
        if let Some(q) = self.qualified(func, scope) {
            return Some(q);
        }
        let AstExpr::Attribute(attr) = func else {
            return None;
        };
        let class = self.module_value_class(&attr.value, scope, 0)?;
        Some(format!("{class}.{}", attr.attr.id))
    }

    /// The call of the function that `call` runs later with arguments it was given:
    /// `background_tasks.add_task(send, to, body)` calls `send(to, body)`, likewise
    /// `executor.submit(f, …)`, `loop.run_in_executor(pool, f, …)`, `asyncio.to_thread(f, …)`
    /// and `threading.Thread(target=f, args=(…), kwargs={…})` (and `multiprocessing`'s
    /// `Process`). The arguments are the outer call's, already lowered.
    fn invoked_call(
        &mut self,
        f: &mut FunctionBuilder,
        call: &'a ast::ExprCall,
        outer: &Call,
    ) -> Option<Expr> {
        let scope = f.current_scope();
        let positional_from = |start: usize| -> Option<(&'a AstExpr, Vec<Arg>, Vec<Keyword>)> {
            let function = call.arguments.args.get(start)?;
            let args = outer.args.get(start + 1..).unwrap_or_default().to_vec();
            Some((function, args, outer.keywords.clone()))
        };
        let (function, args, keywords) = match &outer.callee {
            Callee::Qualified(q) if q.as_str() == "asyncio.to_thread" => positional_from(0)?,
            Callee::Qualified(q)
                if matches!(q.as_str(), "threading.Thread" | "multiprocessing.Process") =>
            {
                let keyword = |name: &str| {
                    call.arguments
                        .keywords
                        .iter()
                        .position(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == name))
                };
                let function = &call.arguments.keywords[keyword("target")?].value;
                let args = keyword("args").map_or_else(Vec::new, |i| {
                    match &outer.keywords[i].value.kind {
                        ExprKind::Sequence(items) => items
                            .iter()
                            .map(|value| Arg {
                                value: value.clone(),
                                starred: false,
                            })
                            .collect(),
                        _ => vec![Arg {
                            value: outer.keywords[i].value.clone(),
                            starred: true,
                        }],
                    }
                });
                let keywords = keyword("kwargs").map_or_else(Vec::new, |i| {
                    match &outer.keywords[i].value.kind {
                        ExprKind::Dict(items) if items.iter().all(|(k, _)| k.is_some()) => items
                            .iter()
                            .filter_map(|(key, value)| match key {
                                Some(Key::Item(name)) => Some(Keyword {
                                    name: Some(name.to_string()),
                                    value: value.clone(),
                                }),
                                _ => None,
                            })
                            .collect(),
                        _ => vec![Keyword {
                            name: None,
                            value: outer.keywords[i].value.clone(),
                        }],
                    }
                });
                (function, args, keywords)
            }
            Callee::Method { name, .. } if matches!(name.as_str(), "add_task" | "submit") => {
                positional_from(0)?
            }
            Callee::Method { name, .. } if name.as_str() == "run_in_executor" => {
                positional_from(1)?
            }
            _ => return None,
        };
        let callee = match function {
            AstExpr::Name(_) | AstExpr::Attribute(_) if !self.rooted_in_local(f, function) => {
                Callee::Qualified(self.qualified(function, scope)?.into())
            }
            // `tasks.add_task(self.notify, user)`.
            AstExpr::Attribute(attr) if matches!(attr.value.as_ref(), AstExpr::Name(_)) => {
                Callee::Method {
                    receiver: self.expr(f, &attr.value),
                    name: attr.attr.id.to_string().into(),
                }
            }
            _ => return None,
        };
        let range = function.range();
        Some(Expr {
            range,
            kind: ExprKind::Call(Box::new(Call {
                callee,
                args,
                keywords,
                range,
                statement: outer.statement,
            })),
        })
    }

    /// The semantic model, for conditions and frameworks.
    pub(crate) fn model(&self) -> &SemanticModel<'a> {
        self.model
    }

    /// The models, for conditions.
    pub(crate) fn models(&self) -> &Models {
        self.models
    }
}

/// An HTML view's response body: the callee of a call the lowering adds before a view
/// returns text (see [`Lowerer::view_response`]); the text is an `xss` sink. A second
/// argument, when there is one, says the body may not be text: a name is the project
/// function whose result it is (a sink only when that function returns text,
/// [`FunctionIr::returns_text`]); `True` marks a value read from input as it is (a sink
/// only for input that is text).
pub(crate) const VIEW_RESPONSE: &str = "<view response>";

/// The callee of [`dict_value`].
pub(crate) const DICT_VALUE: &str = "<dict value>";

/// A value stored under a key that is not a constant (`{k: v for …}`): it is lowered with
/// its key into one part of the dict, but cannot choose keys (`mass-assignment`).
fn dict_value(value: Expr) -> Expr {
    let range = value.range;
    synthetic_call(DICT_VALUE, vec![value], range)
}

/// Whether `value` may be a dispatch table: a non-empty dict, list or tuple of names.
fn is_table_literal(value: &AstExpr) -> bool {
    let is_name = |e: &AstExpr| matches!(e, AstExpr::Name(_) | AstExpr::Attribute(_));
    match value {
        AstExpr::Dict(d) => !d.items.is_empty() && d.items.iter().all(|i| is_name(&i.value)),
        AstExpr::List(ast::ExprList { elts, .. }) | AstExpr::Tuple(ast::ExprTuple { elts, .. }) => {
            !elts.is_empty() && elts.iter().all(is_name)
        }
        _ => false,
    }
}

/// What a function's body is: statements, or a lambda's expression.
#[derive(Clone, Copy)]
enum FunctionBody<'a> {
    Suite(&'a [AstStmt]),
    Expr(&'a AstExpr),
}

/// A call the lowering makes up (`builtins.bool` for a comparison, `<yield>`), with
/// positional arguments only.
pub(crate) fn synthetic_call(callee: &str, args: Vec<Expr>, range: TextRange) -> Expr {
    Expr {
        range,
        kind: ExprKind::Call(Box::new(Call {
            callee: Callee::Qualified(callee.into()),
            args: args
                .into_iter()
                .map(|value| Arg {
                    value,
                    starred: false,
                })
                .collect(),
            keywords: Vec::new(),
            range,
            statement: range,
        })),
    }
}

fn empty_parameters() -> Parameters {
    Parameters {
        range: TextRange::default(),
        node_index: Default::default(),
        posonlyargs: Default::default(),
        args: Default::default(),
        vararg: None,
        kwonlyargs: Default::default(),
        kwarg: None,
    }
}

fn pattern_captures(pattern: &ast::Pattern) -> Vec<&ast::Identifier> {
    let mut names = Vec::new();
    collect_captures(pattern, &mut names);
    names
}

fn collect_captures<'p>(pattern: &'p ast::Pattern, names: &mut Vec<&'p ast::Identifier>) {
    use ast::Pattern;
    match pattern {
        Pattern::MatchAs(p) => {
            names.extend(p.name.iter());
            if let Some(inner) = &p.pattern {
                collect_captures(inner, names);
            }
        }
        Pattern::MatchStar(p) => names.extend(p.name.iter()),
        Pattern::MatchMapping(p) => {
            for inner in &p.patterns {
                collect_captures(inner, names);
            }
            names.extend(p.rest.iter());
        }
        Pattern::MatchSequence(p) => {
            for inner in &p.patterns {
                collect_captures(inner, names);
            }
        }
        Pattern::MatchClass(p) => {
            for inner in &p.arguments.patterns {
                collect_captures(inner, names);
            }
            for keyword in &p.arguments.keywords {
                collect_captures(&keyword.pattern, names);
            }
        }
        Pattern::MatchOr(p) => {
            for inner in &p.patterns {
                collect_captures(inner, names);
            }
        }
        Pattern::MatchValue(_) | Pattern::MatchSingleton(_) => {}
    }
}

/// What a replacement field of a `str.format` template refers to.
#[derive(Debug, PartialEq)]
enum FormatField {
    /// A positional argument (`{}` numbered automatically, or `{1}`).
    Index(usize),
    /// A keyword argument (`{host}`).
    Name(String),
}

/// A replacement field of a `str.format` template, with the literal text before it.
#[derive(Debug, PartialEq)]
struct TemplateField {
    before: String,
    field: FormatField,
    /// The field's spec formats a number (`{:d}`, `{total:.2f}`).
    numeric: bool,
}

/// A `str.format` template split into the literal text before each replacement field
/// and the field, plus the text after the last one. `None` for templates this does not
/// follow: nested fields in a format spec, automatic and manual numbering mixed, or
/// unbalanced braces. A field's attribute or index (`{0.name}`, `{user[id]}`) stands
/// for its whole argument. Each field comes with whether its spec formats a number
/// (`{:d}`, `{total:.2f}`).
fn format_fields(template: &str) -> Option<(Vec<TemplateField>, String)> {
    let mut fields = Vec::new();
    let mut literal = String::new();
    let mut automatic = None;
    let mut next_index = 0;
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '}' => return None,
            '{' => {
                let mut content = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        '{' => return None,
                        c => content.push(c),
                    }
                }
                let name = content
                    .split(['!', ':'])
                    .next()
                    .unwrap_or_default()
                    .split(['.', '['])
                    .next()
                    .unwrap_or_default();
                let field = if name.is_empty() {
                    if automatic == Some(false) {
                        return None;
                    }
                    automatic = Some(true);
                    next_index += 1;
                    FormatField::Index(next_index - 1)
                } else if let Ok(index) = name.parse::<usize>() {
                    if automatic == Some(true) {
                        return None;
                    }
                    automatic = Some(false);
                    FormatField::Index(index)
                } else {
                    FormatField::Name(name.to_string())
                };
                let numeric = content
                    .split_once(':')
                    .is_some_and(|(_, spec)| is_numeric_spec(spec));
                fields.push(TemplateField {
                    before: std::mem::take(&mut literal),
                    field,
                    numeric,
                });
            }
            c => literal.push(c),
        }
    }
    Some((fields, literal))
}

/// Appends the pending literal text of an f-string as a constant part, if any.
fn push_literal(parts: &mut Vec<Expr>, literal: &mut String, range: TextRange) {
    if !literal.is_empty() {
        parts.push(Expr {
            kind: ExprKind::Const(Some(ConstValue::Str(std::mem::take(literal)))),
            range,
        });
    }
}

/// Whether an operand is a list or tuple display (`+` on it joins sequences, not text).
fn is_sequence(expr: &AstExpr) -> bool {
    matches!(
        expr,
        AstExpr::List(_) | AstExpr::Tuple(_) | AstExpr::ListComp(_) | AstExpr::Generator(_)
    )
}

/// The literal pieces of a printf-style format around its conversions (`%%` read as `%`):
/// one more piece than conversions. `None` for formats this cannot place arguments in
/// (`%(key)s` mappings, `*` widths, a dangling `%`).
pub(crate) fn printf_pieces(format: &str) -> Option<(Vec<String>, Vec<bool>)> {
    let mut pieces = Vec::new();
    let mut numeric = Vec::new();
    let mut current = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            current.push(c);
            continue;
        }
        let mut converted = false;
        for c in chars.by_ref() {
            match c {
                '%' if !converted => {
                    current.push('%');
                    converted = true;
                    break;
                }
                '(' | '*' => return None,
                c if c.is_ascii_alphabetic() && !matches!(c, 'h' | 'l' | 'L') => {
                    pieces.push(std::mem::take(&mut current));
                    numeric.push(PRINTF_NUMBERS.contains(c));
                    converted = true;
                    break;
                }
                _ => {}
            }
        }
        if !converted {
            return None;
        }
    }
    pieces.push(current);
    Some((pieces, numeric))
}

/// `%` conversions that format a number (any other value raises `TypeError`); not `%c`,
/// which also takes a one-character string.
pub(crate) const PRINTF_NUMBERS: &str = "diouxXeEfFgG";

/// The callee the lowering puts around a value that built text formats as a number
/// (`f"{n:d}"`, `"%d" % n`, `"{:.2f}".format(n)`): a numeric conversion.
const NUMBER_CONVERSION: &str = "builtins.int";

/// Whether a format spec (`>8d`, `.2f`, `,`) ends in a type that formats a number: `b`,
/// `c`, `d`, `o`, `x`, `X`, `n`, `e`, `E`, `f`, `F`, `g`, `G` or `%`. Text given any of
/// these raises `ValueError` (`c` makes one character of an integer); only `s` or no type
/// keeps text.
fn is_numeric_spec(spec: &str) -> bool {
    spec.chars()
        .last()
        .is_some_and(|t| "bcdoxXneEfFgG%".contains(t))
}

/// The text of an f-string format spec that holds no replacement field (`.2f`, not
/// `{width}`).
fn literal_spec(elements: &ast::InterpolatedStringElements) -> Option<String> {
    let mut spec = String::new();
    for element in elements.iter() {
        match element {
            InterpolatedStringElement::Literal(text) => spec.push_str(text),
            InterpolatedStringElement::Interpolation(_) => return None,
        }
    }
    Some(spec)
}

/// A folded constant as the IR's constant.
pub(crate) fn const_value(constant: &Constant) -> Option<ConstValue> {
    match constant {
        Constant::Bool(b) => Some(ConstValue::Bool(*b)),
        Constant::Int(i) => i64::try_from(*i).ok().map(ConstValue::Int),
        Constant::Str(s) => Some(ConstValue::Str(s.clone())),
        Constant::None => Some(ConstValue::None),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{FormatField, TemplateField, format_fields, printf_pieces};

    #[test]
    fn format_templates_split_into_literals_and_fields() {
        let field = |before: &str, field, numeric| TemplateField {
            before: before.to_string(),
            field,
            numeric,
        };
        let (fields, tail) = format_fields("https://{}/{}?q={{x}}").expect("a template");
        assert_eq!(
            fields,
            vec![
                field("https://", FormatField::Index(0), false),
                field("/", FormatField::Index(1), false),
            ]
        );
        assert_eq!(tail, "?q={x}");
        let (fields, tail) = format_fields("{host!r:>10}:{0.port}{path[0]}").expect("a template");
        assert_eq!(
            fields,
            vec![
                field("", FormatField::Name("host".to_string()), false),
                field(":", FormatField::Index(0), false),
                field("", FormatField::Name("path".to_string()), false),
            ]
        );
        assert_eq!(tail, "");
        let (fields, _) = format_fields("{:d} {total:.2f} {n:>8} {c:c}").expect("a template");
        let numeric: Vec<bool> = fields.iter().map(|f| f.numeric).collect();
        assert_eq!(numeric, [true, true, false, true]);
    }

    #[test]
    fn printf_conversions_that_format_numbers() {
        let (pieces, numeric) =
            printf_pieces("id=%d name=%s total=%.2f pct=%3i%% ch=%c").expect("a format");
        assert_eq!(pieces.len(), 6);
        assert_eq!(numeric, [true, false, true, true, false]);
    }

    #[test]
    fn templates_it_cannot_follow_are_left_alone() {
        assert_eq!(
            format_fields("{}{1}"),
            None,
            "automatic and manual numbering mixed"
        );
        assert_eq!(format_fields("{:{width}}"), None, "a nested field");
        assert_eq!(format_fields("{unclosed"), None);
        assert_eq!(format_fields("stray }"), None);
    }
}
