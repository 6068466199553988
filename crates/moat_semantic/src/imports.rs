//! The modules a file imports by absolute name, wherever the import is (module level,
//! inside functions, `try:` blocks, `if TYPE_CHECKING:`), for `moat audit`'s import-level
//! reachability.

use crate::constant::Constant;
use crate::model::SemanticModel;
use crate::scope::ScopeId;
use crate::walker::{SemanticHooks, walk_module};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextSize};

/// One absolute import: the dotted module (or module attribute) it names, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSite {
    /// `yaml` for `import yaml`, `google.protobuf.message` for
    /// `from google.protobuf import message`, `a.b` for `importlib.import_module("a.b")`.
    pub module: String,
    /// Byte offset of the import statement or call.
    pub offset: TextSize,
}

/// Every absolute import of `suite` in source order: `import X`, `from X import …` (level 0
/// only; relative imports name the project itself) and `importlib.import_module("X")` (or
/// `__import__("X")`) with a constant, absolute name. `model` must be built from `suite`.
pub fn absolute_imports(model: &SemanticModel<'_>, suite: &[Stmt]) -> Vec<ImportSite> {
    let mut collector = Collector {
        model,
        sites: Vec::new(),
    };
    walk_module(model, suite, &mut collector);
    collector.sites
}

struct Collector<'m> {
    model: &'m SemanticModel<'m>,
    sites: Vec<ImportSite>,
}

impl<'a> SemanticHooks<'a> for Collector<'_> {
    fn enter_stmt(&mut self, stmt: &'a Stmt, _scope: ScopeId) {
        let offset = stmt.start();
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    self.sites.push(ImportSite {
                        module: alias.name.id.to_string(),
                        offset,
                    });
                }
            }
            Stmt::ImportFrom(import) if import.level == 0 => {
                let Some(module) = &import.module else {
                    return;
                };
                for alias in &import.names {
                    let module = if alias.name.id.as_str() == "*" {
                        module.id.to_string()
                    } else {
                        format!("{}.{}", module.id, alias.name.id)
                    };
                    self.sites.push(ImportSite { module, offset });
                }
            }
            _ => {}
        }
    }

    fn expr(&mut self, expr: &'a Expr, scope: ScopeId) {
        let Expr::Call(call) = expr else {
            return;
        };
        let callee = self.model.resolve_qualified_name(&call.func, scope);
        if !matches!(
            callee.as_deref(),
            Some("importlib.import_module" | "builtins.__import__")
        ) {
            return;
        }
        let Some(first) = call.arguments.args.first() else {
            return;
        };
        if let Some(Constant::Str(name)) = self.model.constant_value(first, scope)
            && !name.is_empty()
            && !name.starts_with('.')
        {
            self.sites.push(ImportSite {
                module: name,
                offset: expr.start(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::absolute_imports;
    use crate::SemanticModel;
    use moat_python::parse_module;

    fn imports(source: &str) -> Vec<(String, usize)> {
        let parsed = parse_module(source).unwrap();
        let model = SemanticModel::new(parsed.suite(), "app.views", false, None);
        absolute_imports(&model, parsed.suite())
            .into_iter()
            .map(|site| {
                let line = source[..site.offset.to_usize()].matches('\n').count() + 1;
                (site.module, line)
            })
            .collect()
    }

    #[test]
    fn every_absolute_import_form_with_its_line() {
        let source = r#"import os, yaml as y
from google.protobuf import message
from . import sibling
from .models import User
try:
    import ujson as json
except ImportError:
    import json

def load():
    from PIL import Image
    import importlib
    mod = importlib.import_module("cryptography.fernet")
    name = "lxml"
    other = importlib.import_module(name)
    rel = importlib.import_module(".local", "app")
    return __import__("dateutil")

from bs4 import *
"#;
        assert_eq!(
            imports(source),
            [
                ("os".to_string(), 1),
                ("yaml".to_string(), 1),
                ("google.protobuf.message".to_string(), 2),
                ("ujson".to_string(), 6),
                ("json".to_string(), 8),
                ("PIL.Image".to_string(), 11),
                ("importlib".to_string(), 12),
                ("cryptography.fernet".to_string(), 13),
                ("lxml".to_string(), 15),
                ("dateutil".to_string(), 17),
                ("bs4".to_string(), 19),
            ]
        );
    }

    #[test]
    fn names_that_only_look_like_imports_are_not_imports() {
        let source = r#"import_module = lambda name: name
import_module("yaml")
text = "import yaml"
class importlib:
    pass
"#;
        assert!(imports(source).is_empty(), "{:?}", imports(source));
    }
}
