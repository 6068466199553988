//! Injection: OS commands, SQL and markup.

pub mod sql_string_built;
pub mod subprocess_shell_true;
