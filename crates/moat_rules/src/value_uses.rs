//! Where a value goes: the local data flow forward from one expression through the
//! function it is in. The value is followed through what keeps it (string building,
//! conversions, `.hexdigest()` and other methods called on it, slicing, joins and
//! comprehensions), into the variables it is assigned to and on to their later reads, and
//! into the containers a method such as `.append()` adds it to. What is recorded is each
//! place the value ends up: a name it is stored under (a variable, an attribute, a
//! constant key, a keyword argument, a dictionary key), a `return`, a comparison, an
//! argument of another call.
//!
//! `weak-hash` asks it whether a digest ends up in a password, a signature or a
//! comparison with a token; `insecure-random` whether a random value ends up in a name
//! that says it is a secret. Only the function's own variables are followed, not
//! attributes or globals; [`caller_flows`] goes one step up, to the calls of the function
//! in the same module (the taint rules follow values across modules).

use crate::context::Context;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{CmpOp, Expr, ExprCall, Keyword, Operator, Stmt};
use moat_python::{Ranged, TextRange};
use moat_semantic::{BindingId, ScopeId};

/// Most variables followed from one value.
const MAX_VARIABLES: usize = 12;
/// Most places recorded for one value.
const MAX_USES: usize = 48;

/// One place the value ends up.
#[derive(Debug, Clone)]
pub enum Use<'a> {
    /// Stored under a name: a variable, attribute or constant key it is assigned to
    /// (`token = …`, `user.api_key = …`, `data["otp"] = …`).
    Stored {
        name: &'a str,
        /// The container, for a subscript or attribute store (`session` in
        /// `session["csrf"] = …`).
        container: Option<&'a Expr>,
    },
    /// Passed as the keyword argument `name=`.
    Keyword { name: &'a str },
    /// The value of the constant key `name` of a dictionary display.
    DictKey { name: &'a str },
    /// Passed as a positional argument of `call` (with [`Calls::Keep`], the call's result
    /// is followed too).
    Argument { call: &'a ExprCall, position: usize },
    /// Compared for (in)equality with `other` (`==`, `!=`).
    Compared { other: &'a Expr },
    /// Returned or yielded from the enclosing function.
    Returned,
}

/// What the flow saw besides the places: the arguments of calls that feed the value
/// (`h.update(password)`), for rules that look at what was hashed.
#[derive(Debug, Default)]
pub struct Flow<'a> {
    pub uses: Vec<Use<'a>>,
    /// Arguments of methods called on the value that add to it (`update`).
    pub fed: Vec<&'a Expr>,
}

/// Methods that add their argument to the receiver (a container or a hash object).
const ADDING_METHODS: &[&str] = &["append", "extend", "add", "insert", "update", "write"];

/// Functions whose result holds their argument (a conversion or an encoding).
const KEEPING_FUNCTIONS: &[&str] = &[
    "builtins.str",
    "builtins.int",
    "builtins.hex",
    "builtins.bytes",
    "builtins.bytearray",
    "builtins.list",
    "builtins.tuple",
    "builtins.sorted",
    "builtins.format",
    "builtins.repr",
    "base64.b64encode",
    "base64.urlsafe_b64encode",
    "base64.b32encode",
    "base64.b16encode",
    "base64.encodebytes",
    "binascii.hexlify",
    "binascii.b2a_hex",
];

/// Whether a call's result holds what its arguments hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calls {
    /// Only for conversions, encodings and string joins ([`KEEPING_FUNCTIONS`]); any other
    /// call is a place the value ends ([`Use::Argument`]). For a digest, whose meaning a
    /// call changes.
    Convert,
    /// For every call: a hash or a format of a random number is as predictable as the
    /// number.
    Keep,
}

/// Where the value of the expression at `expr` (one of the node the rule inspects) goes
/// in the function (or module body) it is in.
pub fn flow_of<'a>(ctx: &Context<'_, 'a>, expr: TextRange, calls: Calls) -> Flow<'a> {
    let (body, scope) = enclosing_body(ctx);
    trace(ctx, body, scope, calls, expr)
}

/// Where the value of the expression at `expr`, in `body` (of `scope`), goes.
fn trace<'a>(
    ctx: &Context<'_, 'a>,
    body: &'a [Stmt],
    scope: ScopeId,
    calls: Calls,
    expr: TextRange,
) -> Flow<'a> {
    let mut tracer = Tracer {
        ctx,
        body,
        scope,
        calls,
        flow: Flow::default(),
        followed: Vec::new(),
    };
    tracer.climb(expr);
    tracer.flow
}

/// One call, in the same module, of the function the inspected node is in, and where its
/// result goes there.
#[derive(Debug)]
pub struct CallerFlow<'a> {
    pub call: &'a ExprCall,
    /// The qualified name (within the module) of the function holding the call, `""` at
    /// module level.
    pub caller: String,
    pub flow: Flow<'a>,
}

/// Most calls of a function followed to their callers.
const MAX_CALLERS: usize = 8;

/// Where the result of the function the inspected node is in goes, at each of its calls in
/// the same module (at most [`MAX_CALLERS`]): for a value that a helper returns
/// (`def _digest(text): return md5(text).hexdigest()`), the names its callers give it
/// (`user.password_hash = _digest(password)`). A module-level function is found by name,
/// a method through `self.`/`cls.` in its own class.
pub fn caller_flows<'a>(ctx: &Context<'_, 'a>, calls: Calls) -> Vec<CallerFlow<'a>> {
    let Some(function) = ctx.enclosing_function() else {
        return Vec::new();
    };
    let local_name = ctx.function_name();
    let mut finder = CallFinder {
        ctx,
        function: function.range,
        name: function.name.id.as_str(),
        method_of: local_name
            .rsplit_once('.')
            .map(|(class, _)| class.to_string()),
        found: Vec::new(),
        bodies: Vec::new(),
    };
    for stmt in ctx.module_body() {
        finder.visit_stmt(stmt);
    }
    finder
        .found
        .into_iter()
        .map(|(call, body, scope)| CallerFlow {
            call,
            caller: ctx.model.function_qualname(scope).to_string(),
            flow: trace(ctx, body, scope, calls, call.range()),
        })
        .collect()
}

/// Finds the calls of one function in a module, with the body and scope holding each.
struct CallFinder<'c, 'x, 'a> {
    ctx: &'c Context<'x, 'a>,
    /// The function's `def`.
    function: TextRange,
    name: &'a str,
    /// The class (local qualified name) when the function is a method.
    method_of: Option<String>,
    found: Vec<(&'a ExprCall, &'a [Stmt], ScopeId)>,
    /// The enclosing function bodies and scopes, innermost last.
    bodies: Vec<(&'a [Stmt], ScopeId)>,
}

impl<'a> CallFinder<'_, '_, 'a> {
    fn calls_the_function(&self, call: &ExprCall, scope: ScopeId) -> bool {
        let model = self.ctx.model;
        match call.func.as_ref() {
            Expr::Name(name) if self.method_of.is_none() && name.id.as_str() == self.name => model
                .lookup(self.name, scope, name.start())
                .is_some_and(|b| model.binding(b).range == self.function),
            Expr::Attribute(attribute) if attribute.attr.id.as_str() == self.name => {
                let Some(class) = self.method_of.as_deref() else {
                    return false;
                };
                matches!(attribute.value.as_ref(), Expr::Name(receiver) if matches!(receiver.id.as_str(), "self" | "cls"))
                    && model
                        .function_qualname(scope)
                        .rsplit_once('.')
                        .is_some_and(|(owner, _)| owner == class)
            }
            _ => false,
        }
    }
}

impl<'a> Visitor<'a> for CallFinder<'_, '_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if let Stmt::FunctionDef(function) = stmt {
            let scope = self
                .ctx
                .model
                .scope_of_node(function.range)
                .unwrap_or(self.ctx.scope);
            self.bodies.push((&function.body, scope));
            visitor::walk_stmt(self, stmt);
            self.bodies.pop();
            return;
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            let (body, scope) = self.bodies.last().copied().unwrap_or((
                self.ctx.module_body(),
                moat_semantic::SemanticModel::MODULE_SCOPE,
            ));
            if self.found.len() < MAX_CALLERS && self.calls_the_function(call, scope) {
                self.found.push((call, body, scope));
            }
        }
        visitor::walk_expr(self, expr);
    }
}

/// The statements of the innermost enclosing function (the module's, at top level) and
/// that function's scope.
fn enclosing_body<'a>(ctx: &Context<'_, 'a>) -> (&'a [Stmt], ScopeId) {
    match ctx.enclosing_function() {
        Some(function) => (
            &function.body,
            ctx.model.scope_of_node(function.range).unwrap_or(ctx.scope),
        ),
        None => (ctx.module_body(), ctx.scope),
    }
}

struct Tracer<'c, 'x, 'a> {
    ctx: &'c Context<'x, 'a>,
    body: &'a [Stmt],
    scope: ScopeId,
    calls: Calls,
    flow: Flow<'a>,
    followed: Vec<BindingId>,
}

impl<'a> Tracer<'_, '_, 'a> {
    fn record(&mut self, place: Use<'a>) {
        if self.flow.uses.len() < MAX_USES {
            self.flow.uses.push(place);
        }
    }

    /// Follows the value of the expression at `range` up through the expressions that
    /// keep it, and records where it ends.
    fn climb(&mut self, range: TextRange) {
        let Some(path) = path_to(self.body, range) else {
            return;
        };
        // `path` runs from a statement of the body down to the expression itself.
        let mut index = path.len() - 1;
        let mut current = range;
        while index > 0 {
            let parent = &path[index - 1];
            match parent {
                Node::Expr(parent_expr) => match self.step(parent_expr, current, &path, index) {
                    Step::Keep => {}
                    Step::Stop => return,
                },
                Node::Keyword(keyword) => {
                    if let Some(name) = &keyword.arg {
                        self.record(Use::Keyword {
                            name: name.id.as_str(),
                        });
                    }
                    // With `Calls::Keep` the call's result holds the value too.
                    match index.checked_sub(2).map(|i| &path[i]) {
                        Some(call @ Node::Expr(Expr::Call(_))) if self.calls == Calls::Keep => {
                            current = call.range();
                            index -= 2;
                            continue;
                        }
                        _ => return,
                    }
                }
                Node::Stmt(stmt) => {
                    self.statement(stmt, current);
                    return;
                }
            }
            current = parent.range();
            index -= 1;
        }
    }

    /// One step up from the child at `child` to `parent`.
    fn step(
        &mut self,
        parent: &'a Expr,
        child: TextRange,
        path: &[Node<'a>],
        index: usize,
    ) -> Step {
        match parent {
            Expr::Attribute(attribute) if attribute.value.range() == child => {
                // A method called on the value: `.hexdigest()`, `.encode()`, `.update(x)`.
                let call = index.checked_sub(2).and_then(|i| match &path[i] {
                    Node::Expr(Expr::Call(call)) if call.func.range() == parent.range() => {
                        Some(call)
                    }
                    _ => None,
                });
                match call {
                    Some(call) if ADDING_METHODS.contains(&attribute.attr.id.as_str()) => {
                        self.flow.fed.extend(call.arguments.args.iter());
                        Step::Stop
                    }
                    // The method's result (the call, one level further up) keeps it.
                    Some(_) => Step::Keep,
                    // `value.attr`: an attribute of the value says little; keep it.
                    None => Step::Keep,
                }
            }
            Expr::Call(call) => {
                if call.func.range() == child {
                    return Step::Keep;
                }
                let Some(position) = call.arguments.args.iter().position(|a| a.range() == child)
                else {
                    return Step::Keep;
                };
                if let Expr::Attribute(attribute) = call.func.as_ref()
                    && ADDING_METHODS.contains(&attribute.attr.id.as_str())
                    && let Expr::Name(container) = attribute.value.as_ref()
                {
                    // `parts.append(value)`: `parts` holds it from here on.
                    self.follow_name(container.id.as_str(), call.range());
                    return Step::Stop;
                }
                if self.keeps_argument(call) {
                    return Step::Keep;
                }
                self.record(Use::Argument { call, position });
                if self.calls == Calls::Keep {
                    Step::Keep
                } else {
                    Step::Stop
                }
            }
            Expr::Compare(compare) => {
                let operands: Vec<&'a Expr> = std::iter::once(compare.left.as_ref())
                    .chain(compare.comparators.iter())
                    .collect();
                if let Some(at) = operands.iter().position(|o| o.range() == child) {
                    // The operator to the left of operand `at` is `ops[at - 1]`, the one to
                    // its right `ops[at]`.
                    let left = at.checked_sub(1).map(|i| (i, i));
                    let right = Some((at, at + 1));
                    for (op, other) in [left, right].into_iter().flatten() {
                        if matches!(compare.ops.get(op), Some(CmpOp::Eq | CmpOp::NotEq))
                            && let Some(other) = operands.get(other)
                        {
                            self.record(Use::Compared { other });
                        }
                    }
                }
                Step::Stop
            }
            Expr::Dict(dict) => {
                for item in &dict.items {
                    if item.value.range() == child
                        && let Some(Expr::StringLiteral(key)) = &item.key
                    {
                        self.record(Use::DictKey {
                            name: key.value.to_str(),
                        });
                        return Step::Stop;
                    }
                }
                Step::Keep
            }
            Expr::BinOp(binop) => {
                if matches!(binop.op, Operator::Add | Operator::Mod | Operator::Mult) {
                    Step::Keep
                } else {
                    Step::Stop
                }
            }
            Expr::Subscript(subscript) => {
                // `digest[:8]` keeps it; `table[value]` uses it as a key.
                if subscript.value.range() == child {
                    Step::Keep
                } else {
                    Step::Stop
                }
            }
            Expr::FString(_)
            | Expr::Generator(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::Tuple(_)
            | Expr::List(_)
            | Expr::Set(_)
            | Expr::Starred(_)
            | Expr::Await(_)
            | Expr::Named(_)
            | Expr::BoolOp(_)
            | Expr::UnaryOp(_) => Step::Keep,
            Expr::If(if_expr) => {
                if if_expr.test.range() == child {
                    Step::Stop
                } else {
                    Step::Keep
                }
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                self.record(Use::Returned);
                Step::Stop
            }
            _ => Step::Stop,
        }
    }

    /// Whether the call's result holds its positional arguments: a conversion or an
    /// encoding, `"".join(…)`, `"…".format(…)`.
    fn keeps_argument(&self, call: &ExprCall) -> bool {
        if let Expr::Attribute(attribute) = call.func.as_ref()
            && matches!(attribute.attr.id.as_str(), "join" | "format")
            && matches!(attribute.value.as_ref(), Expr::StringLiteral(_))
        {
            return true;
        }
        self.ctx
            .model
            .resolve_qualified_name(&call.func, self.scope)
            .is_some_and(|name| KEEPING_FUNCTIONS.contains(&name.as_str()))
    }

    /// The statement holding the value at its top: an assignment, a `return`.
    fn statement(&mut self, stmt: &'a Stmt, value: TextRange) {
        let targets: Vec<&'a Expr> = match stmt {
            Stmt::Assign(assign) if assign.value.range() == value => {
                assign.targets.iter().collect()
            }
            Stmt::AnnAssign(assign)
                if assign.value.as_ref().is_some_and(|v| v.range() == value) =>
            {
                vec![assign.target.as_ref()]
            }
            Stmt::AugAssign(assign) if assign.value.range() == value => {
                vec![assign.target.as_ref()]
            }
            Stmt::Return(_) => {
                self.record(Use::Returned);
                return;
            }
            _ => return,
        };
        for target in targets {
            self.store(target, stmt.range());
        }
    }

    fn store(&mut self, target: &'a Expr, stmt: TextRange) {
        match target {
            Expr::Name(name) => {
                self.record(Use::Stored {
                    name: name.id.as_str(),
                    container: None,
                });
                self.follow_name(name.id.as_str(), stmt);
            }
            Expr::Attribute(attribute) => self.record(Use::Stored {
                name: attribute.attr.id.as_str(),
                container: Some(attribute.value.as_ref()),
            }),
            Expr::Subscript(subscript) => {
                if let Expr::StringLiteral(key) = subscript.slice.as_ref() {
                    self.record(Use::Stored {
                        name: key.value.to_str(),
                        container: Some(subscript.value.as_ref()),
                    });
                }
            }
            Expr::Tuple(tuple) => {
                for element in &tuple.elts {
                    self.store(element, stmt);
                }
            }
            Expr::List(list) => {
                for element in &list.elts {
                    self.store(element, stmt);
                }
            }
            _ => {}
        }
    }

    /// Follows the variable `name` as bound (or added to) by the statement at `at`: every
    /// later read of that binding in the function.
    fn follow_name(&mut self, name: &str, at: TextRange) {
        let Some(binding) = self.ctx.model.lookup(name, self.scope, at.end()) else {
            return;
        };
        if self.followed.contains(&binding) || self.followed.len() >= MAX_VARIABLES {
            return;
        }
        if self.ctx.model.binding(binding).scope != self.scope {
            return;
        }
        self.followed.push(binding);
        let mut reads = Reads {
            name,
            after: at,
            found: Vec::new(),
        };
        for stmt in self.body {
            reads.visit_stmt(stmt);
        }
        for read in reads.found {
            if self.ctx.model.lookup(name, self.scope, read.start()) == Some(binding) {
                self.climb(read);
            }
        }
    }
}

/// What a parent does with the child's value.
enum Step {
    /// Its value holds the child's: go on up.
    Keep,
    /// The value ends (or was recorded) here.
    Stop,
}

/// A node on the way down to an expression.
#[derive(Clone, Copy)]
enum Node<'a> {
    Stmt(&'a Stmt),
    Expr(&'a Expr),
    Keyword(&'a Keyword),
}

impl Node<'_> {
    fn range(&self) -> TextRange {
        match self {
            Node::Stmt(s) => s.range(),
            Node::Expr(e) => e.range(),
            Node::Keyword(k) => k.range(),
        }
    }
}

/// The nodes from a statement of `body` down to the expression at `range`.
fn path_to(body: &[Stmt], range: TextRange) -> Option<Vec<Node<'_>>> {
    let mut finder = PathFinder {
        target: range,
        path: Vec::new(),
        done: false,
    };
    for stmt in body {
        finder.visit_stmt(stmt);
        if finder.done {
            return Some(finder.path);
        }
    }
    None
}

struct PathFinder<'a> {
    target: TextRange,
    path: Vec<Node<'a>>,
    done: bool,
}

impl<'a> PathFinder<'a> {
    /// Descends into `node` when it holds the target, keeping it on the path while the
    /// target is looked for under it (`walk` visits its children).
    fn descend(&mut self, node: Node<'a>, walk: impl FnOnce(&mut Self)) {
        if self.done || !node.range().contains_range(self.target) {
            return;
        }
        self.path.push(node);
        if matches!(node, Node::Expr(_)) && node.range() == self.target {
            self.done = true;
            return;
        }
        walk(self);
        if !self.done {
            self.path.pop();
        }
    }
}

impl<'a> Visitor<'a> for PathFinder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.descend(Node::Stmt(stmt), |s| visitor::walk_stmt(s, stmt));
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.descend(Node::Expr(expr), |s| visitor::walk_expr(s, expr));
    }

    fn visit_keyword(&mut self, keyword: &'a Keyword) {
        self.descend(Node::Keyword(keyword), |s| {
            visitor::walk_keyword(s, keyword)
        });
    }
}

/// Reads of a variable after a statement, outside nested functions and classes.
struct Reads<'n> {
    name: &'n str,
    after: TextRange,
    found: Vec<TextRange>,
}

impl<'a> Visitor<'a> for Reads<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            return;
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Lambda(_) => return,
            Expr::Name(name)
                if name.id.as_str() == self.name
                    && name.ctx.is_load()
                    && name.start() >= self.after.end() =>
            {
                self.found.push(name.range());
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}
