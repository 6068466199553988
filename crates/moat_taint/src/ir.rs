//! The taint IR: each function's body as structured statements over local variables,
//! with every name already resolved (a local variable, a qualified name, a source) and
//! every constant condition already folded. It owns its data, so the syntax trees can be
//! dropped once a module is lowered.

use moat_models::{KindSet, Threat};
use moat_python::TextRange;

/// A local variable of one function.
pub type VarId = u32;

/// A name in the IR (qualified names, attributes, keys): reference-counted, so the values
/// of the analysis copy a field key or a callee name without allocating.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name(std::sync::Arc<str>);

impl Name {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Self {
        Name(s.into())
    }
}

impl From<String> for Name {
    fn from(s: String) -> Self {
        Name(s.into())
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub use crate::mentions::Mentions;

/// One module, lowered.
#[derive(Debug, Clone)]
pub struct ModuleIr {
    /// Display path of the file.
    pub path: String,
    /// Dotted module name.
    pub module: String,
    /// Every function of the module, nested ones and lambdas included; the module body
    /// itself is the function `<module>`.
    pub functions: Vec<FunctionIr>,
    /// Every class, with its bases.
    pub classes: Vec<ClassIr>,
    /// Django URL routes declared here: a view (`pkg.views.detail`, or `pkg.views.Detail.*`
    /// for a class-based view) and its parameters that a converter makes numeric.
    pub routes: Vec<(String, Vec<String>)>,
    /// `argparse` options declared here whose values carry no text (`type=int`,
    /// constant `choices`, flags), sorted: reading them from a namespace is clean.
    pub safe_cli_options: Vec<(String, crate::cli_options::CliValue)>,
    /// Module-level dicts, lists and tuples of functions (`HANDLERS = {"run": run}`):
    /// calling what is looked up in one (`HANDLERS[verb](…)`) calls one of them.
    pub tables: Vec<DispatchTable>,
    /// Functions handed to a library that calls them later with arguments of known
    /// classes (`asyncio.start_server(handle, …)`, a `[[callback]]` model row): the
    /// function's qualified name and the class of each positional parameter.
    pub callbacks: Vec<(String, Vec<String>)>,
    /// Module-level objects reached from another by items and attributes
    /// (`db = client["shop"]`), whose class the models give: qualified name and class, for
    /// the modules that import them (objects made by a call are the semantic model's).
    pub values: Vec<(String, String)>,
    /// Functions named in `Depends(f)` here: FastAPI calls them with request input.
    pub dependencies: Vec<String>,
}

/// A module-level collection of functions, by the key each is stored under.
#[derive(Debug, Clone)]
pub struct DispatchTable {
    /// Qualified name of the variable (`gateway.commands.HANDLERS`).
    pub name: String,
    /// Each entry's constant key (a dict key, or a list index as text) when it has one,
    /// and the qualified name of the function stored there.
    pub entries: Vec<(Option<Name>, String)>,
}

/// A class and its bases' qualified names.
#[derive(Debug, Clone)]
pub struct ClassIr {
    pub qualname: String,
    pub bases: Vec<String>,
    /// Annotated class attributes (`rating: int` in a pydantic model or dataclass) and
    /// the class each annotation names; also class attributes set to a call
    /// (`client = WebhookClient()`, `session = requests.Session()`) and the class of what
    /// the call makes.
    pub fields: Vec<(String, String)>,
}

/// One function (or lambda, or module body).
#[derive(Debug, Clone)]
pub struct FunctionIr {
    /// Qualified name: `pkg.views.Handler.get`.
    pub qualname: String,
    /// Name within the module (`Handler.get`), used in fingerprints.
    pub local_name: String,
    pub params: Vec<Param>,
    /// Variables of the enclosing function this one reads (a closure), as
    /// `(variable here, variable there)`.
    pub captures: Vec<(VarId, VarId)>,
    pub body: Vec<Stmt>,
    pub var_names: Vec<String>,
    pub range: TextRange,
    /// What the body names, for choosing what to analyse.
    pub mentions: Mentions,
    /// What a true result says about the parameters, for a function whose body is one
    /// `return <check>` (`def is_allowed(name): return name in ALLOWED`), possibly after
    /// `if <test>: return False` and `if <test>: raise …` statements: the check, over
    /// this function's parameter variables. A caller's `if is_allowed(x):` applies it to
    /// `x`.
    pub checks: Option<Box<Condition>>,
    /// What returning at all says about the parameters, for a validator whose body is
    /// `if <test>: raise …` statements (then `return`, `return True` or a returned
    /// parameter): the negated tests. A caller's statement `validate(x)` applies it.
    pub ensures: Option<Box<Condition>>,
    /// Whether every `return` of the function gives text it built (an f-string, `+`/`%`/
    /// `.format` text, or a local assigned one): a view returning its result returns HTML.
    pub returns_text: bool,
}

/// A parameter.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub var: VarId,
    pub kind: ParamKind,
    /// Untrusted input the framework passes here (a route's `<name>`), if any.
    pub source: Option<SourceSite>,
    /// Class of the argument when known (annotation, `self`, a framework's request).
    pub class: Option<String>,
}

/// How a parameter receives arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    Positional,
    PositionalOnly,
    KeywordOnly,
    VarArgs,
    VarKeywords,
}

/// Where untrusted data enters, as seen at one place of the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSite {
    pub range: TextRange,
    /// What it is, for messages (`flask.request.args`, "route parameter `name`").
    pub description: String,
    pub threat: Threat,
    /// Kinds this input is already safe for (a FastAPI `int` parameter: all).
    pub safe_for: KindSet,
    /// The class of the value, for the model rows of its methods and items: a model
    /// source's target (`flask.request.files`).
    pub class: Option<String>,
    /// Only untrusted if the function is a Django view (routed in a URLconf, in a views
    /// module, or a method of a class-based view): other functions taking a `request`
    /// get their other arguments from code, not from the URL.
    pub needs_view: bool,
    /// Only untrusted if the function is a FastAPI dependency (`Depends(f)` in a route or
    /// another dependency, in any module): FastAPI fills its parameters from the request.
    pub needs_dependency: bool,
}

/// A statement.
#[derive(Debug, Clone)]
pub enum Stmt {
    Assign {
        target: Target,
        value: Expr,
    },
    Expr(Expr),
    /// (The test and condition are boxed: they are large, and most statements are not
    /// `if`s.)
    If {
        test: Box<Expr>,
        condition: Box<Condition>,
        then: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `for`/`while`: the body runs zero or more times (a `for` body starts by assigning
    /// the iterated element), then `orelse` unless a `break` left the loop.
    Loop {
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Vec<Stmt>>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    Return(Option<Expr>, TextRange),
    /// `raise`, or a call that never returns (`abort(404)`, `sys.exit()`).
    Raise,
    Break,
    Continue,
}

/// What an assignment writes.
#[derive(Debug, Clone)]
pub enum Target {
    Var(VarId, TextRange),
    /// `base.attr = …`, `base["key"] = …`; a `Key::Any` step is a weak update.
    Field {
        base: VarId,
        path: Vec<Key>,
    },
    /// `a, b = …`: element `i` of the value goes to target `i`.
    Unpack(Vec<Target>),
    /// A target Moat does not track (an attribute of a global).
    Ignore,
}

/// A step into a value: an attribute, a constant key or index, or any element.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Attr(Name),
    Item(Name),
    Any,
}

/// What a branch condition tells about values.
#[derive(Debug, Clone)]
pub enum Condition {
    /// Folded to a constant: only one branch runs.
    Constant(bool),
    /// In branch `branch`, `place` is safe for `kinds` (`if name in ALLOWED:`).
    Guard {
        place: Place,
        branch: bool,
        kinds: KindSet,
        /// The guard applies only to values that went through a normalisation.
        needs_normalized: bool,
    },
    /// `place in collection`: in branch `branch`, the place is one of the collection's
    /// elements, so safe if the collection holds no untrusted data.
    MemberOf {
        place: Place,
        branch: bool,
        collection: Expr,
    },
    /// A call of a function whose result is a check of its parameters
    /// ([`FunctionIr::checks`], known once the project is lowered): in branch `branch` the
    /// function returned true, for the arguments at `args` (positional, `None` where an
    /// argument is not a variable or field).
    Check {
        callee: Name,
        args: Vec<Option<Place>>,
        branch: bool,
        /// The check is [`FunctionIr::ensures`], and `branch` is the one where the call
        /// returned (a validator called as a statement), not where its result was true.
        returned: bool,
    },
    /// Several conditions that all hold in the true branch (`and`).
    All(Vec<Condition>),
    /// Several conditions that all fail in the false branch (`or`).
    Any(Vec<Condition>),
    Unknown,
}

/// A variable, or a field path under one.
#[derive(Debug, Clone)]
pub struct Place {
    pub var: VarId,
    pub path: Vec<Key>,
}

/// An expression.
#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub range: TextRange,
}

/// What an expression computes.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// A constant, or anything whose value carries no data (a comparison, `len(x)`).
    Const(Option<ConstValue>),
    Var(VarId),
    /// A qualified name that is not a source: a project function or class, a library
    /// object, a module-level value.
    Global(Name),
    Source(Box<SourceSite>),
    /// A module-level object made by calling `made_by` (`app = Flask(…)`), with the
    /// constant keywords of that call (`XMLParser(resolve_entities=True)`).
    Instance {
        made_by: Name,
        keywords: Box<[(String, ConstValue)]>,
    },
    Field(Box<Expr>, Key),
    /// `base[index]` with a non-constant index.
    Index(Box<Expr>, Box<Expr>),
    Call(Box<Call>),
    /// Operators and other combinations: the result carries all the parts' taint.
    Join(Vec<Expr>),
    /// Text built from parts in the order they appear in it (concatenation, f-strings,
    /// `%` formatting): it carries all the parts' taint, and what comes first can fix a
    /// URL's destination or a name's prefix for the parts after it.
    Text(Vec<Expr>),
    /// A tuple or list literal: element `i` is field `Item(i)`.
    Sequence(Vec<Expr>),
    /// A dict literal; `None` keys are `**spread` or non-constant keys.
    Dict(Vec<(Option<Key>, Expr)>),
    /// An element of the iterable (a `for` target, `*args` unpacking).
    Element(Box<Expr>),
    /// `name := value`.
    Walrus(VarId, Box<Expr>),
    /// A comprehension: each `(target, iterable)` binds, then `element` is evaluated.
    Comprehension(Box<Comprehension>),
    /// A lambda or nested `def` used as a value: the function's qualified name.
    Function(Name),
    /// `body if test else orelse`.
    Choice(Box<Choice>),
}

/// `body if test else orelse`: the test runs, then the branch it chooses, in which what
/// the test checked holds (`verb if verb in HANDLERS else "unknown"`).
#[derive(Debug, Clone)]
pub struct Choice {
    pub test: Expr,
    pub condition: Condition,
    pub body: Expr,
    pub orelse: Expr,
}

/// A comprehension: each `(target, iterable)` clause binds, then `element` is evaluated.
#[derive(Debug, Clone)]
pub struct Comprehension {
    pub clauses: Vec<(Target, Expr)>,
    /// The `if` clauses: evaluated (they may call sinks), and their guards hold for the
    /// element.
    pub conditions: Vec<(Expr, Condition)>,
    pub element: Expr,
}

/// The constants `when` conditions compare with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConstValue {
    Bool(bool),
    Int(i64),
    Str(String),
    None,
}

/// A call.
#[derive(Debug, Clone)]
pub struct Call {
    pub callee: Callee,
    pub args: Vec<Arg>,
    pub keywords: Vec<Keyword>,
    /// The range a finding at this call is reported on and suppressed by: the call.
    pub range: TextRange,
    /// The statement holding the call, for suppression comments on its other lines.
    pub statement: TextRange,
}

impl Call {
    /// The constant text of positional argument `index`, if it is one.
    pub fn str_arg(&self, index: usize) -> Option<&str> {
        match &self.args.get(index)?.value.kind {
            ExprKind::Const(Some(ConstValue::Str(s))) => Some(s),
            _ => None,
        }
    }
}

/// What is called.
#[derive(Debug, Clone)]
pub enum Callee {
    /// A resolved qualified name (`subprocess.run`, `pkg.db.run_query`).
    Qualified(Name),
    /// `receiver.name(…)` on a value whose class is found during the analysis.
    Method { receiver: Expr, name: Name },
    /// Calling a value (`handler(x)` where `handler` is a variable).
    Value(Expr),
}

/// A positional argument.
#[derive(Debug, Clone)]
pub struct Arg {
    pub value: Expr,
    pub starred: bool,
}

/// A keyword argument; `name` is `None` for `**kwargs`.
#[derive(Debug, Clone)]
pub struct Keyword {
    pub name: Option<String>,
    pub value: Expr,
}

impl Expr {
    /// An expression that carries nothing.
    pub fn constant(range: TextRange) -> Expr {
        Expr {
            kind: ExprKind::Const(None),
            range,
        }
    }
}
