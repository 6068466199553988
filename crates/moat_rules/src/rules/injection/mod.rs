//! Injection: OS commands, SQL and markup.

pub mod jinja2_autoescape_off;
pub mod mako_template_unescaped;
pub mod markup_unsafe;
pub mod paramiko_exec_command;
pub mod partial_executable_path;
pub mod process_without_shell;
mod processes;
pub mod shell_true_call;
pub mod sql_string_built;
pub mod subprocess_import;
pub mod subprocess_shell_true;
pub mod wildcard_injection;
