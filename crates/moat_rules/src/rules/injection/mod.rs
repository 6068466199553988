//! Injection: OS commands.

pub mod subprocess_shell_true;
