//! What a rule is to the checker.

use crate::context::Context;
use crate::handed_out::HandedOut;
use moat_diagnostics::RuleMeta;
use moat_python::ast::{ExceptHandlerExceptHandler, Expr, ExprCall, Stmt};

/// One way a rule inspects code; the checker builds its dispatch tables from these.
#[derive(Clone, Copy)]
pub enum Check {
    /// Called for every call whose callee resolves to a qualified name (passed along).
    Call(fn(&mut Context<'_, '_>, &ExprCall, &str)),
    /// Called for every expression.
    Expr(fn(&mut Context<'_, '_>, &Expr)),
    /// Called for every statement.
    Stmt(fn(&mut Context<'_, '_>, &Stmt)),
    /// Called for every `except` clause.
    ExceptHandler(fn(&mut Context<'_, '_>, &ExceptHandlerExceptHandler)),
    /// Called once per module with its top-level statements, before the walk; for rules
    /// that read the source text itself (`ctx.source_text()`) or the module as a whole.
    Module(fn(&mut Context<'_, '_>, &[Stmt])),
    /// Called, in the second look at a module (see [`crate::handed_out`]), for every call
    /// of a function in another module that handed out a value for this rule.
    CallerOf(fn(&mut Context<'_, '_>, &ExprCall, &HandedOut)),
}

/// A rule: its metadata, the syntax it inspects and the modules it needs.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub checks: &'static [Check],
    /// Top-level modules of which at least one must be imported (directly or through a
    /// project re-export) for the rule to run at all; empty means always run.
    pub modules: &'static [&'static str],
}
