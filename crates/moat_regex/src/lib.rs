//! ReDoS analysis of Python regular expressions.
//!
//! [`parse`] reads a pattern as Python 3.11+'s `re` does. [`analyze`] decides how a
//! backtracking matcher's running time can grow with the input: it builds the pattern's
//! position automaton, looks for ambiguity (two ways around one loop: exponential; chains of
//! loops that can split the same text: polynomial), builds an attack string from the
//! ambiguity and confirms it with a step-counting simulator of `re`'s backtracking. No I/O.

pub mod ambiguity;
pub mod analysis;
pub mod ast;
pub mod attack;
pub mod charset;
pub mod classes;
pub mod escape;
pub mod flags;
pub mod nfa;
pub mod parse;
pub mod rewrite;
pub mod simulate;

pub use analysis::{Analysis, Measurement, Options, Verdict, analyze};
pub use attack::Attack;
pub use flags::Flags;
pub use nfa::MatchMode;
pub use parse::{Pattern, PatternText, SyntaxError, parse};
pub use rewrite::Rewrite;
