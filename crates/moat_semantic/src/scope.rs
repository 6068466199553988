//! Scopes and the bindings they hold.

use ruff_python_ast::Expr;
use ruff_text_size::TextRange;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Index of a scope in a [`crate::SemanticModel`].
pub type ScopeId = u32;

/// Index of a binding in a [`crate::SemanticModel`].
pub type BindingId = u32;

/// What kind of block opened a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

/// One Python scope.
#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    /// Dotted name of what opened it within the module (`Handler.get`, `<lambda>`), empty
    /// for the module scope.
    pub qualname: String,
    /// The node that opened it.
    pub range: TextRange,
    /// Every binding of each name in this scope, in source order.
    pub(crate) bindings: HashMap<String, Vec<BindingId>>,
    /// Names declared `global` here.
    pub(crate) globals: HashSet<String>,
}

impl Scope {
    pub(crate) fn new(
        kind: ScopeKind,
        parent: Option<ScopeId>,
        qualname: String,
        range: TextRange,
    ) -> Self {
        Self {
            kind,
            parent,
            qualname,
            range,
            bindings: HashMap::default(),
            globals: HashSet::default(),
        }
    }

    /// The bindings of `name` in this scope, in source order.
    pub fn bindings_of(&self, name: &str) -> &[BindingId] {
        self.bindings.get(name).map_or(&[], Vec::as_slice)
    }

    /// The names bound in this scope.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.bindings.keys().map(String::as_str)
    }
}

/// What a binding binds a name to.
#[derive(Debug, Clone)]
pub enum BindingKind<'a> {
    /// `import a.b` (binds `a` to `a`) or `import a.b as c` (binds `c` to `a.b`).
    Import { qualified: String },
    /// `from a import b as c`: binds `c` to `a.b` (relative imports made absolute).
    FromImport { qualified: String },
    /// `name = value` (also annotated and walrus assignments) with a single target.
    Assignment { value: &'a Expr },
    /// `def name`: the function's qualified name (`module.Class.method`).
    FunctionDef { qualified: String },
    /// `class name`: the class's qualified name.
    ClassDef { qualified: String },
    /// Any binding whose value Moat does not follow: parameters, loop targets, `with … as`,
    /// `except … as`, tuple unpacking, augmented assignment, match captures, `del`.
    Opaque,
}

/// One binding of a name.
#[derive(Debug, Clone)]
pub struct Binding<'a> {
    pub name: String,
    pub kind: BindingKind<'a>,
    /// The node that binds (the statement, or the target for opaque bindings).
    pub range: TextRange,
    pub scope: ScopeId,
}
