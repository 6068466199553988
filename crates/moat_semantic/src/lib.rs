//! The semantic model Moat's rules query: scopes and bindings of one module, every name
//! resolved to a qualified name through all import forms and simple aliases, cheap
//! constant folding, and the project module graph that resolves re-exports across files.
//!
//! This crate does no I/O.

mod aliases;
mod builder;
mod builtins;
mod constant;
mod imports;
mod model;
mod project;
mod scope;
mod scoping;
mod walker;

pub use constant::Constant;
pub use imports::{ImportSite, absolute_imports};
pub use model::SemanticModel;
pub use project::{Export, ModuleExports, ModuleId, ProjectIndex, module_name_for_path};
pub use scope::{Binding, BindingId, BindingKind, Scope, ScopeId, ScopeKind};
pub use walker::{SemanticHooks, walk_module};
