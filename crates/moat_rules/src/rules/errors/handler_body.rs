//! What an `except` clause's body does with the exception it caught: hands it on, reports
//! it, does nothing, leaves the enclosing loop or function. The error-handling rules
//! decide from these facts whether swallowing an exception there has an effect.

use crate::context::Context;
use crate::words;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{ExceptHandlerExceptHandler, Expr, Stmt};

/// Calls that end the program or hand the active exception on by name.
const HANDING_ON_CALLS: &[&str] = &[
    "sys.exit",
    "os._exit",
    "os.abort",
    "sys.exc_info",
    "sys.exception",
    "sys.excepthook",
    "traceback.print_exc",
    "traceback.print_exception",
    "traceback.format_exc",
    "traceback.format_exception",
];

/// Methods whose call reports the active exception with its traceback.
const HANDING_ON_METHODS: &[&str] = &[
    "exception",
    "showtraceback",
    "print_exc",
    "handle_error",
    "handleError",
    "excepthook",
    "_invoke_excepthook",
];

/// Words of a callee's name that make its call a report to a person: printing, logging,
/// warnings, an error message in a user interface.
const REPORTING_WORDS: &[&str] = &[
    "print",
    "log",
    "warn",
    "warning",
    "error",
    "critical",
    "fatal",
    "debug",
    "info",
    "message",
    "msg",
    "report",
    "notify",
    "alert",
    "echo",
    "showerror",
    "showwarning",
    "stderr",
];

/// Whether `handler` re-raises, exits or hands the exception on (`raise`, `sys.exit()`,
/// `sys.exc_info()`, a printed or logged traceback, `log.error(…, exc_info=True)`, any
/// use of its `as` name), outside nested functions and classes.
pub(crate) fn hands_on(ctx: &Context<'_, '_>, handler: &ExceptHandlerExceptHandler) -> bool {
    let mut finder = HandingOn {
        ctx,
        exception: handler.name.as_ref().map(|n| n.as_str()),
        found: false,
    };
    finder.visit_body(&handler.body);
    finder.found
}

/// Whether `body` does nothing at all: only `pass`, `...`, string constants (docstrings,
/// comments written as strings) and `continue`.
pub(crate) fn is_silent(body: &[Stmt]) -> bool {
    body.iter().all(|stmt| match stmt {
        Stmt::Pass(_) | Stmt::Continue(_) => true,
        Stmt::Expr(expr) => matches!(
            expr.value.as_ref(),
            Expr::StringLiteral(_) | Expr::EllipsisLiteral(_)
        ),
        _ => false,
    })
}

/// Whether `body` ends, on every path, by leaving the enclosing loop or function
/// (`return`, `break`, `raise`); a `break` or `continue` of a loop inside `body` does not
/// count.
pub(crate) fn always_leaves(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::Return(_) | Stmt::Break(_) | Stmt::Raise(_) => true,
        Stmt::If(if_) => {
            always_leaves(&if_.body)
                && if_
                    .elif_else_clauses
                    .last()
                    .is_some_and(|last| last.test.is_none())
                && if_
                    .elif_else_clauses
                    .iter()
                    .all(|clause| always_leaves(&clause.body))
        }
        Stmt::With(with) => always_leaves(&with.body),
        _ => false,
    })
}

/// Whether `stmt` (an expression statement) reports something to a person: `print(…)`,
/// a logging call, `warnings.warn(…)`, `sys.stderr.write(…)`, `self.error(…)`,
/// `messagebox.showerror(…)`.
pub(crate) fn is_report(ctx: &Context<'_, '_>, stmt: &Stmt) -> bool {
    let Stmt::Expr(expr) = stmt else {
        return false;
    };
    let Expr::Call(call) = expr.value.as_ref() else {
        return false;
    };
    if matches!(
        ctx.resolve(&call.func).as_deref(),
        Some("builtins.print" | "warnings.warn" | "pprint.pprint")
    ) {
        return true;
    }
    words::identifiers(&call.func).iter().any(|name| {
        words::split(name)
            .iter()
            .any(|w| REPORTING_WORDS.contains(&w.as_str()))
    })
}

/// Whether `body` contains a `yield` outside nested functions and classes.
pub(crate) fn yields(body: &[Stmt]) -> bool {
    let mut finder = Yields { found: false };
    finder.visit_body(body);
    finder.found
}

/// Looks for a `raise`, an exit, a reported traceback or a use of the `as` name outside
/// nested functions and classes.
struct HandingOn<'c, 'x, 'a, 'n> {
    ctx: &'c Context<'x, 'a>,
    /// The `as` name: using it hands the exception on (to a future, a queue, a log).
    exception: Option<&'n str>,
    found: bool,
}

impl<'e> Visitor<'e> for HandingOn<'_, '_, '_, '_> {
    fn visit_stmt(&mut self, stmt: &'e Stmt) {
        match stmt {
            Stmt::Raise(_) => self.found = true,
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'e Expr) {
        if let Expr::Call(call) = expr {
            if self
                .ctx
                .resolve(&call.func)
                .is_some_and(|name| HANDING_ON_CALLS.contains(&name.as_str()))
            {
                self.found = true;
            }
            // `log.exception(...)`, `log.error(..., exc_info=True)`, `self.handle_error()`.
            if let Expr::Attribute(method) = call.func.as_ref()
                && (HANDING_ON_METHODS.contains(&method.attr.as_str())
                    || call.arguments.find_keyword("exc_info").is_some())
            {
                self.found = true;
            }
        }
        if let Expr::Name(name) = expr
            && Some(name.id.as_str()) == self.exception
        {
            self.found = true;
        }
        visitor::walk_expr(self, expr);
    }
}

/// Looks for `yield` and `yield from` outside nested functions and classes.
struct Yields {
    found: bool,
}

impl<'e> Visitor<'e> for Yields {
    fn visit_stmt(&mut self, stmt: &'e Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'e Expr) {
        match expr {
            Expr::Yield(_) | Expr::YieldFrom(_) => self.found = true,
            Expr::Lambda(_) => {}
            _ => visitor::walk_expr(self, expr),
        }
    }
}
