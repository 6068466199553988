//! Parsing with Ruff's parser, behind the nesting bounds of [`crate::bounds`].

use crate::bounds::{self, MAX_BRACKET_DEPTH, MAX_OPERATOR_RUN, MAX_TREE_DEPTH, ScanViolation};
use moat_diagnostics::ProblemKind;
use ruff_python_ast::token::Tokens;
use ruff_python_ast::{ModModule, PythonVersion, Stmt};
use ruff_python_parser::{Mode, ParseOptions, Parsed};
use ruff_text_size::TextSize;

/// A module that parsed without syntax errors.
pub struct ParsedModule {
    parsed: Parsed<ModModule>,
}

impl ParsedModule {
    /// The module's top-level statements.
    pub fn suite(&self) -> &[Stmt] {
        &self.parsed.syntax().body
    }

    /// The module's tokens (comments included).
    pub fn tokens(&self) -> &Tokens {
        self.parsed.tokens()
    }
}

/// Why a module could not be parsed or may not be analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseFailure {
    pub kind: ProblemKind,
    pub message: String,
    /// Byte offset of the error in the source.
    pub offset: TextSize,
}

/// Parses `source` as a module of the newest Python version the parser knows (so every
/// syntax from 3.8 to 3.14 is accepted).
///
/// Must run on a thread with [`ANALYSIS_STACK_SIZE`] of stack: input within the bounds
/// can still nest a few thousand levels deep.
pub fn parse_module(source: &str) -> Result<ParsedModule, ParseFailure> {
    if let Some(violation) = bounds::scan(source) {
        let (offset, message) = match violation {
            ScanViolation::Brackets { offset } => (
                offset,
                format!(
                    "too many nested brackets (more than {MAX_BRACKET_DEPTH}, which CPython also refuses)"
                ),
            ),
            ScanViolation::Operators { offset } => (
                offset,
                format!(
                    "expression nests more than {MAX_OPERATOR_RUN} operators deep; not analysed"
                ),
            ),
        };
        return Err(ParseFailure {
            kind: ProblemKind::TooDeep,
            message,
            offset: TextSize::try_from(offset).unwrap_or_default(),
        });
    }
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY314);
    let parsed = ruff_python_parser::parse_unchecked(source, options)
        .try_into_module()
        .expect("parsing in module mode yields a module");
    if let Some(error) = parsed.errors().first() {
        return Err(ParseFailure {
            kind: ProblemKind::SyntaxError,
            message: error.error.to_string(),
            offset: error.location.start(),
        });
    }
    if let Some(offset) = bounds::tree_depth_exceeds(&parsed.syntax().body, MAX_TREE_DEPTH) {
        // Dropping a tree this deep would recurse as deep as the tree itself; the memory
        // is given up instead, which is bounded by the size of the file.
        std::mem::forget(parsed);
        return Err(ParseFailure {
            kind: ProblemKind::TooDeep,
            message: format!(
                "syntax tree nests more than {MAX_TREE_DEPTH} levels deep; not analysed"
            ),
            offset,
        });
    }
    Ok(ParsedModule { parsed })
}

/// Parses `source` again after [`parse_module`] accepted exactly this text, skipping the
/// bounds checks it already passed.
pub fn reparse_module(source: &str) -> Result<ParsedModule, ParseFailure> {
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY314);
    let parsed = ruff_python_parser::parse_unchecked(source, options)
        .try_into_module()
        .expect("parsing in module mode yields a module");
    match parsed.errors().first() {
        Some(error) => Err(ParseFailure {
            kind: ProblemKind::SyntaxError,
            message: error.error.to_string(),
            offset: error.location.start(),
        }),
        None => Ok(ParsedModule { parsed }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ANALYSIS_STACK_SIZE;

    fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(ANALYSIS_STACK_SIZE)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap()
    }

    #[test]
    fn modern_syntax_parses() {
        let source = "type X = list[int]\ndef f[T](x: T) -> T:\n    match x:\n        case [a, *_]: return a\nprint(t'{x}')\n";
        assert!(parse_module(source).is_ok());
    }

    #[test]
    fn syntax_error_has_offset() {
        let err = parse_module("x = 1\ndef f(:\n").err().unwrap();
        assert_eq!(err.kind, ProblemKind::SyntaxError);
        assert_eq!(err.offset, TextSize::from(12));
    }

    #[test]
    fn hostile_nesting_is_refused_without_overflow() {
        let cases: Vec<String> = vec![
            format!("x = {}1{}", "(".repeat(100_000), ")".repeat(100_000)),
            format!("x = {}1", "not ".repeat(100_000)),
            format!("x = {}1", "-".repeat(100_000)),
            format!("x = 2{}", "**2".repeat(100_000)),
            format!("x = 1{}", "+1".repeat(100_000)),
            format!("x = a{}", ".b".repeat(100_000)),
            format!("x = f{}", "()".repeat(100_000)),
            format!("x = {}0", "lambda: ".repeat(100_000)),
            format!("x = 1{}", " if c else 2".repeat(100_000)),
        ];
        for case in cases {
            let head: String = case.chars().take(12).collect();
            let result = on_big_stack(move || parse_module(&case).err());
            let failure = result.unwrap_or_else(|| panic!("{head}… was accepted"));
            assert_eq!(failure.kind, ProblemKind::TooDeep, "{head}…");
        }
    }
}
