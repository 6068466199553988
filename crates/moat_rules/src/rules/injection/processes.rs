//! What the process rules share: which calls start a process, where their program and
//! command are, and whether a shell runs them.

use crate::context::Context;
use crate::rules::injection::subprocess_shell_true::{ALWAYS_SHELL, SHELL_ARGUMENT};
use moat_python::ast::{Expr, ExprCall};

/// `os` functions that start a program without a shell, with the position of the
/// program's path.
pub(crate) const OS_EXEC: &[(&str, usize)] = &[
    ("os.execl", 0),
    ("os.execle", 0),
    ("os.execlp", 0),
    ("os.execlpe", 0),
    ("os.execv", 0),
    ("os.execve", 0),
    ("os.execvp", 0),
    ("os.execvpe", 0),
    ("os.spawnl", 1),
    ("os.spawnle", 1),
    ("os.spawnlp", 1),
    ("os.spawnlpe", 1),
    ("os.spawnv", 1),
    ("os.spawnve", 1),
    ("os.spawnvp", 1),
    ("os.spawnvpe", 1),
    ("os.posix_spawn", 0),
    ("os.posix_spawnp", 0),
    ("os.startfile", 0),
    ("asyncio.create_subprocess_exec", 0),
];

/// How a call starts a process.
pub(crate) enum Launch<'e> {
    /// Through a shell, with the command line (if given).
    Shell(Option<&'e Expr>),
    /// Without a shell: the program (a path, or an argument list whose first item is it).
    Direct(Option<&'e Expr>),
}

/// How `call` (resolved to `callee`) starts a process, if it does.
pub(crate) fn launch<'e>(
    ctx: &Context<'_, '_>,
    call: &'e ExprCall,
    callee: &str,
) -> Option<Launch<'e>> {
    let command = || {
        call.arguments
            .find_argument_value("args", 0)
            .or_else(|| call.arguments.find_argument_value("cmd", 0))
            .or_else(|| call.arguments.find_argument_value("command", 0))
    };
    if SHELL_ARGUMENT.contains(&callee) {
        let shell = call
            .arguments
            .find_keyword("shell")
            .is_some_and(|k| ctx.constant(&k.value).is_some_and(|v| v.is_truthy()));
        return Some(if shell {
            Launch::Shell(command())
        } else {
            Launch::Direct(command())
        });
    }
    if ALWAYS_SHELL.contains(&callee) {
        return Some(Launch::Shell(command()));
    }
    let &(_, position) = OS_EXEC.iter().find(|(f, _)| *f == callee)?;
    Some(Launch::Direct(call.arguments.find_positional(position)))
}

/// The program a direct launch runs, when it is a constant: the first item of a
/// constant argument list, or a constant path.
pub(crate) fn constant_program(ctx: &Context<'_, '_>, program: &Expr) -> Option<String> {
    let first = match program {
        Expr::List(list) => list.elts.first()?,
        Expr::Tuple(tuple) => tuple.elts.first()?,
        other => other,
    };
    match ctx.constant(first)? {
        moat_semantic::Constant::Str(s) => Some(s),
        moat_semantic::Constant::Tuple(items) => items.first()?.as_str().map(str::to_string),
        _ => None,
    }
}
