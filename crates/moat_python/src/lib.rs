//! Python source handling for Moat: bytes → text (PEP 263, BOM), text → AST (Ruff's
//! parser, with nesting bounds), offsets → line/column, and the comment directives that
//! suppress findings.
//!
//! This crate does no I/O: callers hand it bytes or text.

mod bounds;
mod decode;
mod line_index;
mod parse;
mod suppression;

pub use bounds::{ANALYSIS_STACK_SIZE, MAX_BRACKET_DEPTH, MAX_TREE_DEPTH};
pub use decode::{DecodeError, decode_source};
pub use line_index::LineIndex;
pub use parse::{ParseFailure, ParsedModule, parse_module, reparse_module};
pub use suppression::{Directive, DirectiveKind, Suppressions};

pub use ruff_python_ast as ast;
pub use ruff_text_size::{Ranged, TextRange, TextSize};
