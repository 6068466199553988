//! Injection: OS commands.

pub mod subprocess_import;
pub mod subprocess_shell_true;
