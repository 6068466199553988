//! The project module graph: dotted module names of the files being checked and what
//! each binds at module level, so that `from app import run` can be followed to
//! `subprocess.call` when `app/__init__.py` does `from subprocess import call as run`.

use crate::constant::Constant;
use crate::model::SemanticModel;
use crate::scope::BindingKind;
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

/// How many re-export hops [`ProjectIndex::canonical`] follows.
const MAX_REEXPORT_HOPS: usize = 16;

/// Index of a module in a [`ProjectIndex`].
pub type ModuleId = u32;

/// What a module binds a top-level name to.
#[derive(Debug, Clone, PartialEq)]
pub enum Export {
    /// An import or alias of another qualified name.
    Alias(String),
    /// A constant value.
    Constant(Constant),
    /// The value a call returned: `app = Flask(__name__)` exports `app` as an instance
    /// made by `flask.Flask`.
    Instance(String),
    /// A function or class defined in the module, or anything else it binds.
    Defined,
}

/// The top-level names of one module.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModuleExports {
    names: HashMap<String, Export>,
}

impl ModuleExports {
    /// Extracts the module-level bindings of a model built without a project index.
    pub fn from_model(model: &SemanticModel<'_>) -> Self {
        let module = model.scope(SemanticModel::MODULE_SCOPE);
        let mut names = HashMap::default();
        for name in module.names() {
            let bindings = module.bindings_of(name);
            let Some(&last) = bindings.last() else {
                continue;
            };
            let binding = model.binding(last);
            let export = match &binding.kind {
                BindingKind::Import { .. } | BindingKind::FromImport { .. } => model
                    .binding_qualified_name(last)
                    .map_or(Export::Defined, Export::Alias),
                BindingKind::Assignment { value } => {
                    let constant = (bindings.len() == 1)
                        .then(|| model.constant_value(value, SemanticModel::MODULE_SCOPE))
                        .flatten();
                    match constant {
                        Some(constant) => Export::Constant(constant),
                        None => match model.binding_qualified_name(last) {
                            Some(target) => Export::Alias(target),
                            None => model
                                .constructor_of(value, SemanticModel::MODULE_SCOPE)
                                .map_or(Export::Defined, Export::Instance),
                        },
                    }
                }
                _ => Export::Defined,
            };
            names.insert(name.to_string(), export);
        }
        Self { names }
    }

    /// What the module binds `name` to.
    pub fn get(&self, name: &str) -> Option<&Export> {
        self.names.get(name)
    }
}

/// Every project module by dotted name, with its exports.
#[derive(Debug, Default)]
pub struct ProjectIndex {
    modules: HashMap<String, ModuleExports>,
    /// First segments of every module name, to reject most names at once.
    roots: rustc_hash::FxHashSet<String>,
}

impl ProjectIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a module.
    pub fn insert(&mut self, module: String, exports: ModuleExports) {
        let root = module.split('.').next().unwrap_or_default();
        self.roots.insert(root.to_string());
        self.modules.insert(module, exports);
    }

    /// Whether `qualified` names a function or class defined at the top level of a project
    /// module (`app.checks.require_slug`), not an import or a value.
    pub fn defines(&self, qualified: &str) -> bool {
        qualified.rsplit_once('.').is_some_and(|(module, name)| {
            self.modules
                .get(module)
                .is_some_and(|m| matches!(m.get(name), Some(Export::Defined)))
        })
    }

    /// Whether `module` is a project module.
    pub fn contains(&self, module: &str) -> bool {
        self.modules.contains_key(module)
    }

    /// Number of modules.
    pub fn len(&self) -> usize {
        self.modules.len()
    }

    /// Whether the index has no modules.
    pub fn is_empty(&self) -> bool {
        self.modules.is_empty()
    }

    /// Follows re-exports: `app.run` → `subprocess.call` when module `app` binds `run` to
    /// `subprocess.call`. `None` when nothing changes.
    pub fn canonical(&self, qualified: &str) -> Option<String> {
        let mut current = self.step(qualified)?;
        for _ in 1..MAX_REEXPORT_HOPS {
            match self.step(&current) {
                Some(next) if next != current => current = next,
                _ => break,
            }
        }
        (current != qualified).then_some(current)
    }

    /// One hop of [`Self::canonical`]: finds the longest module prefix and what it binds
    /// the next segment to. Allocates only for the answer: it runs for every name the
    /// semantic model resolves.
    fn step(&self, qualified: &str) -> Option<String> {
        let root = qualified.split('.').next().unwrap_or_default();
        if !self.roots.contains(root) {
            return None;
        }
        // Module prefixes end at a dot; try the longest first.
        let mut end = qualified.len();
        while let Some(dot) = qualified[..end].rfind('.') {
            end = dot;
            let Some(exports) = self.modules.get(&qualified[..dot]) else {
                continue;
            };
            let after = &qualified[dot + 1..];
            let (name, rest) = match after.find('.') {
                Some(at) => (&after[..at], Some(&after[at + 1..])),
                None => (after, None),
            };
            return match exports.get(name) {
                Some(Export::Alias(target)) => Some(match rest {
                    None => target.clone(),
                    Some(rest) => format!("{target}.{rest}"),
                }),
                _ => None,
            };
        }
        None
    }

    /// The callable whose call made the value a project module binds `qualified` to
    /// (`flask.Flask` for `app.app` when `app.py` does `app = Flask(__name__)`).
    pub fn constructor(&self, qualified: &str) -> Option<String> {
        let qualified = self
            .canonical(qualified)
            .unwrap_or_else(|| qualified.to_string());
        let (module, name) = qualified.rsplit_once('.')?;
        match self.modules.get(module)?.get(name)? {
            Export::Instance(callee) => {
                Some(self.canonical(callee).unwrap_or_else(|| callee.clone()))
            }
            _ => None,
        }
    }

    /// The constant a project module binds `qualified` to (`app.config.USE_SHELL`).
    pub fn constant(&self, qualified: &str) -> Option<Constant> {
        let qualified = self
            .canonical(qualified)
            .unwrap_or_else(|| qualified.to_string());
        let (module, name) = qualified.rsplit_once('.')?;
        match self.modules.get(module)?.get(name)? {
            Export::Constant(constant) => Some(constant.clone()),
            _ => None,
        }
    }
}

/// The dotted module name of the file at `path` and whether it is a package
/// (`__init__.py`): parent directories count while `is_package_dir` says they hold an
/// `__init__.py` and their names are identifiers.
pub fn module_name_for_path(path: &Path, is_package_dir: &dyn Fn(&Path) -> bool) -> (String, bool) {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let is_package = stem == "__init__";
    let mut parts: Vec<String> = Vec::new();
    if !is_package {
        parts.push(stem);
    }
    let mut dir = path.parent();
    let mut first = true;
    while let Some(d) = dir {
        let Some(name) = d.file_name().and_then(|n| n.to_str()) else {
            break;
        };
        // An `__init__.py` names its own directory even before it is known to be a package.
        let counts = (is_package && first) || is_package_dir(d);
        if !counts {
            break;
        }
        if !is_identifier(name) {
            break;
        }
        parts.push(name.to_string());
        first = false;
        dir = d.parent();
    }
    parts.reverse();
    (parts.join("."), is_package)
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}
