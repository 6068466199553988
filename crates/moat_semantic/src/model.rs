//! Queries over one module's scopes and bindings.

use crate::aliases;
use crate::builder::{Builder, Built};
use crate::builtins::is_builtin;
use crate::constant::{Constant, fold};
use crate::project::ProjectIndex;
use crate::scope::{Binding, BindingId, BindingKind, Scope, ScopeId, ScopeKind};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::{FxHashMap, FxHashSet as HashSet};
use std::cell::RefCell;

/// How many alias hops (`a = b`, `b = c`…) resolution follows before giving up.
const MAX_ALIAS_HOPS: usize = 16;

/// Scopes, bindings and name resolution for one module.
pub struct SemanticModel<'a> {
    module_name: String,
    scopes: Vec<Scope>,
    bindings: Vec<Binding<'a>>,
    visible_from: Vec<TextSize>,
    scope_by_node: FxHashMap<TextRange, ScopeId>,
    star_imports: Vec<String>,
    /// Top-level modules this file imports, after following project re-exports.
    imported_roots: HashSet<String>,
    project: Option<&'a ProjectIndex>,
    /// Answers of [`Self::resolve_qualified_name`] by node and scope: the rule walker,
    /// many rules and the taint lowering ask about the same callees.
    resolved: RefCell<FxHashMap<(TextRange, ScopeId), Option<String>>>,
}

impl<'a> SemanticModel<'a> {
    /// The module scope's id.
    pub const MODULE_SCOPE: ScopeId = 0;

    /// Builds the model of `suite`, the module named `module_name` (dotted; `is_package`
    /// for an `__init__.py`). With a `project`, names imported from project modules are
    /// followed to what those modules bind them to.
    pub fn new(
        suite: &'a [Stmt],
        module_name: &'a str,
        is_package: bool,
        project: Option<&'a ProjectIndex>,
    ) -> Self {
        Self::build(suite, module_name, is_package, project, false)
    }

    /// Builds a model of what statements bind, skipping expressions (so lambdas,
    /// comprehensions and walrus bindings are not seen): enough for
    /// [`crate::ModuleExports::from_model`], at a fraction of the cost. Function and class
    /// bodies are walked only for their statements, as one may bind a name it declares
    /// `global`.
    pub fn module_level(suite: &'a [Stmt], module_name: &'a str, is_package: bool) -> Self {
        Self::build(suite, module_name, is_package, None, true)
    }

    fn build(
        suite: &'a [Stmt],
        module_name: &'a str,
        is_package: bool,
        project: Option<&'a ProjectIndex>,
        shallow: bool,
    ) -> Self {
        let Built {
            scopes,
            bindings,
            visible_from,
            scope_by_node,
            star_imports,
            imported,
        } = Builder::build(suite, module_name, is_package, shallow);
        let imported_roots = imported
            .iter()
            .flat_map(|name| {
                let canonical = project.and_then(|p| p.canonical(name));
                // An instance imported from a project module (`from web import app`, where
                // `app = Flask(__name__)`) brings in its constructor's library.
                let made_by = project.and_then(|p| p.constructor(name));
                [Some(name.clone()), canonical, made_by]
            })
            .flatten()
            .flat_map(|name| {
                // `import six` brings in the standard-library modules `six.moves` names.
                let implied = aliases::implied_roots(&name)
                    .into_iter()
                    .map(str::to_string);
                std::iter::once(name.split('.').next().unwrap_or_default().to_string())
                    .chain(implied)
            })
            .collect();
        Self {
            module_name: module_name.to_string(),
            scopes,
            bindings,
            visible_from,
            scope_by_node,
            star_imports,
            imported_roots,
            project,
            resolved: RefCell::default(),
        }
    }

    /// The module's dotted name.
    pub fn module_name(&self) -> &str {
        &self.module_name
    }

    /// The project's modules, when the model was built with them.
    pub fn project(&self) -> Option<&'a ProjectIndex> {
        self.project
    }

    /// A scope by id.
    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id as usize]
    }

    /// A binding by id.
    pub fn binding(&self, id: BindingId) -> &Binding<'a> {
        &self.bindings[id as usize]
    }

    /// The scope opened by the function, class, lambda or comprehension at `range`.
    pub fn scope_of_node(&self, range: TextRange) -> Option<ScopeId> {
        self.scope_by_node.get(&range).copied()
    }

    /// Whether this module imports `root` (a top-level module name such as `subprocess`),
    /// directly, through a project module that re-exports from it, or as an instance a
    /// project module made with it (`from web import app`, `app = flask.Flask(…)`).
    pub fn imports_module(&self, root: &str) -> bool {
        self.imported_roots.contains(root)
    }

    /// The nearest enclosing function's qualified name within the module (`Class.method`),
    /// or `""` at module level.
    pub fn function_qualname(&self, scope: ScopeId) -> &str {
        let mut current = Some(scope);
        while let Some(id) = current {
            let s = self.scope(id);
            if matches!(s.kind, ScopeKind::Function) {
                return &s.qualname;
            }
            current = s.parent;
        }
        ""
    }

    /// The binding that `name`, used at `at` in `scope`, refers to, following Python's
    /// rules: the use's own scope (latest binding before the use), then enclosing function
    /// scopes (class scopes are skipped), then the module (latest binding anywhere, as a
    /// function body runs after the module has been executed).
    pub fn lookup(&self, name: &str, scope: ScopeId, at: TextSize) -> Option<BindingId> {
        let mut current = Some(scope);
        let mut first = true;
        if self.scope(scope).globals.contains(name) {
            current = Some(Self::MODULE_SCOPE);
            first = false;
        }
        while let Some(id) = current {
            let s = self.scope(id);
            if first || s.kind != ScopeKind::Class {
                let candidates = s.bindings_of(name);
                // A comprehension's targets are bound before its element runs, though the
                // element comes first in the source.
                let found = if first && s.kind != ScopeKind::Comprehension {
                    candidates
                        .iter()
                        .rev()
                        .find(|&&b| self.visible_from[b as usize] <= at)
                        .copied()
                } else {
                    candidates.last().copied()
                };
                if found.is_some() {
                    return found;
                }
            }
            first = false;
            current = s.parent;
        }
        None
    }

    /// The fully qualified name `expr` refers to (`subprocess.call`, `builtins.eval`,
    /// `app.views.handler`), through imports, aliases and project re-exports, with other
    /// names of standard-library modules replaced by theirs
    /// (`six.moves.urllib.request.urlopen` is `urllib.request.urlopen`); `None` for
    /// anything else (calls, subscripts, locals of unknown value).
    pub fn resolve_qualified_name(&self, expr: &Expr, scope: ScopeId) -> Option<String> {
        if !matches!(expr, Expr::Name(_) | Expr::Attribute(_)) {
            return None;
        }
        let key = (expr.range(), scope);
        if let Some(known) = self.resolved.borrow().get(&key) {
            return known.clone();
        }
        let name = self.resolve_uncached(expr, scope);
        self.resolved.borrow_mut().insert(key, name.clone());
        name
    }

    fn resolve_uncached(&self, expr: &Expr, scope: ScopeId) -> Option<String> {
        let local = self.resolve_local(expr, scope, expr.start(), 0)?;
        let name = match self.project.and_then(|p| p.canonical(&local)) {
            Some(canonical) => canonical,
            None => local,
        };
        Some(aliases::canonical(&name).unwrap_or(name))
    }

    /// The qualified name of the callable whose call produced `expr`'s value: for a call
    /// itself (`flask.Flask(__name__)`), its callee; for a name, what the call it was last
    /// bound to by assignment calls (`app` after `app = Flask(__name__)` gives
    /// `flask.Flask`, through aliases such as `other = app`, and through
    /// `from project.module import app` with a project index). `None` when the value does
    /// not come from a call Moat can resolve (parameters, `with … as`, loop targets).
    ///
    /// It says which callable made the value, not what type the value has: a rule that
    /// asks about instances lists the constructors and factory functions it trusts.
    pub fn constructor_of(&self, expr: &Expr, scope: ScopeId) -> Option<String> {
        self.constructor_at(expr, scope, expr.start(), 0)
    }

    fn constructor_at(
        &self,
        expr: &Expr,
        scope: ScopeId,
        at: TextSize,
        hops: usize,
    ) -> Option<String> {
        if hops > MAX_ALIAS_HOPS {
            return None;
        }
        match expr {
            Expr::Call(call) => self.resolve_qualified_name(&call.func, scope),
            Expr::Named(named) => self.constructor_at(&named.value, scope, at, hops + 1),
            Expr::Name(name) => {
                let binding = self.binding(self.lookup(name.id.as_str(), scope, at)?);
                match &binding.kind {
                    BindingKind::Assignment { value } => {
                        self.constructor_at(value, binding.scope, binding.range.start(), hops + 1)
                    }
                    BindingKind::FromImport { qualified } => {
                        self.project.and_then(|p| p.constructor(qualified))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The qualified name a binding gives its name, if any.
    pub fn binding_qualified_name(&self, id: BindingId) -> Option<String> {
        self.binding_target(id, 0)
    }

    /// Resolves within this module only.
    fn resolve_local(
        &self,
        expr: &Expr,
        scope: ScopeId,
        at: TextSize,
        hops: usize,
    ) -> Option<String> {
        if hops > MAX_ALIAS_HOPS {
            return None;
        }
        match expr {
            Expr::Name(name) => {
                let id = name.id.as_str();
                match self.lookup(id, scope, at) {
                    Some(binding) => self.binding_target(binding, hops),
                    None => self.unbound(id),
                }
            }
            Expr::Attribute(attribute) => {
                let mut name = self.resolve_local(&attribute.value, scope, at, hops)?;
                name.push('.');
                name.push_str(attribute.attr.id.as_str());
                Some(name)
            }
            _ => None,
        }
    }

    fn binding_target(&self, id: BindingId, hops: usize) -> Option<String> {
        let binding = self.binding(id);
        match &binding.kind {
            BindingKind::Import { qualified }
            | BindingKind::FromImport { qualified }
            | BindingKind::FunctionDef { qualified }
            | BindingKind::ClassDef { qualified } => Some(qualified.clone()),
            BindingKind::Assignment { value } => {
                self.resolve_local(value, binding.scope, binding.range.start(), hops + 1)
            }
            BindingKind::Opaque => None,
        }
    }

    /// What a name bound nowhere in the module refers to.
    fn unbound(&self, name: &str) -> Option<String> {
        if is_builtin(name) {
            return Some(["builtins.", name].concat());
        }
        // `from m import *` may have bound it; with several, the last one wins.
        self.star_imports
            .last()
            .map(|module| [module, ".", name].concat())
    }

    /// The value of `expr` when it is a constant expression, following names bound to
    /// constants in this module and in project modules.
    pub fn constant_value(&self, expr: &Expr, scope: ScopeId) -> Option<Constant> {
        self.constant_at(expr, scope, expr.start(), 0)
    }

    fn constant_at(
        &self,
        expr: &Expr,
        scope: ScopeId,
        at: TextSize,
        hops: usize,
    ) -> Option<Constant> {
        if hops > MAX_ALIAS_HOPS {
            return None;
        }
        let mut lookup = |e: &Expr| self.constant_of_reference(e, scope, at, hops);
        fold(expr, &mut lookup)
    }

    fn constant_of_reference(
        &self,
        expr: &Expr,
        scope: ScopeId,
        at: TextSize,
        hops: usize,
    ) -> Option<Constant> {
        if let Expr::Name(name) = expr
            && let Some(id) = self.lookup(name.id.as_str(), scope, at)
        {
            let binding = self.binding(id);
            // A name rebound anywhere in its scope is not a constant we can trust.
            if self.scope(binding.scope).bindings_of(&binding.name).len() > 1 {
                return None;
            }
            return match &binding.kind {
                BindingKind::Assignment { value } => {
                    self.constant_at(value, binding.scope, binding.range.start(), hops + 1)
                }
                BindingKind::FromImport { qualified } => {
                    self.project.and_then(|p| p.constant(qualified))
                }
                _ => None,
            };
        }
        let qualified = self.resolve_local(expr, scope, at, hops)?;
        self.project.and_then(|p| p.constant(&qualified))
    }
}
