//! One module per subcommand.

pub mod audit;
mod audit_render;
pub mod check;
pub mod explain;
pub mod rules;
