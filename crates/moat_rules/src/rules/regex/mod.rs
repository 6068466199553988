//! Regular expressions: patterns that backtrack catastrophically, and patterns that do not
//! compile. Both rules find the patterns the same way (`calls.rs`).

pub mod calls;
pub mod regex_redos;
pub mod regex_syntax_error;
