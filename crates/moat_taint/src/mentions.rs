//! What a function's IR names, gathered once when it is lowered (while its IR is still in
//! the cache), so that choosing which functions to analyse does not walk every function's
//! IR again. Resolving the names against the project is left to `project.rs`.

use crate::ir::{Callee, Comprehension, Expr, ExprKind, FunctionIr, Name, Stmt};
use moat_models::Threat;

/// The names a function's body uses, each list sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mentions {
    /// Callees of qualified calls (`pkg.db.find`, `sqlite3.connect`, a class).
    pub calls: Vec<Name>,
    /// Functions and globals referred to as values (`callback=handle`).
    pub refs: Vec<Name>,
    /// Methods called on the first parameter when it has a class (`self.save()`).
    pub self_methods: Vec<Name>,
    /// Methods called on any other receiver (`obj.save()`).
    pub methods: Vec<Name>,
    /// What made the objects built here (`argparse.ArgumentParser`).
    pub instances: Vec<Name>,
    /// Threats of the sources read here.
    pub source_threats: Vec<Threat>,
}

impl Mentions {
    /// Gathers what `function`'s body names.
    pub(crate) fn of(function: &FunctionIr) -> Mentions {
        let self_var = function
            .params
            .first()
            .and_then(|p| p.class.as_ref().map(|_| p.var));
        let mut out = Mentions::default();
        let mut exprs: Vec<&Expr> = Vec::new();
        let mut stmts: Vec<&Stmt> = function.body.iter().collect();
        while let Some(stmt) = stmts.pop() {
            match stmt {
                Stmt::Assign { value, .. } | Stmt::Expr(value) => exprs.push(value),
                Stmt::If {
                    test, then, orelse, ..
                } => {
                    exprs.push(test);
                    stmts.extend(then.iter().chain(orelse));
                }
                Stmt::Loop { body, orelse } => stmts.extend(body.iter().chain(orelse)),
                Stmt::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                } => {
                    stmts.extend(body.iter().chain(orelse).chain(finalbody));
                    stmts.extend(handlers.iter().flatten());
                }
                Stmt::Return(Some(value), _) => exprs.push(value),
                _ => {}
            }
        }
        while let Some(expr) = exprs.pop() {
            match &expr.kind {
                ExprKind::Call(call) => {
                    match &call.callee {
                        Callee::Qualified(q) => out.calls.push(q.clone()),
                        Callee::Method { receiver, name } => {
                            match (&receiver.kind, self_var) {
                                (ExprKind::Var(var), Some(self_var)) if *var == self_var => {
                                    out.self_methods.push(name.clone())
                                }
                                _ => out.methods.push(name.clone()),
                            }
                            exprs.push(receiver);
                        }
                        Callee::Value(value) => exprs.push(value),
                    }
                    exprs.extend(call.args.iter().map(|a| &a.value));
                    exprs.extend(call.keywords.iter().map(|k| &k.value));
                }
                ExprKind::Field(base, _) | ExprKind::Element(base) | ExprKind::Walrus(_, base) => {
                    exprs.push(base)
                }
                ExprKind::Index(base, index) => {
                    exprs.push(base);
                    exprs.push(index);
                }
                ExprKind::Join(parts) | ExprKind::Text(parts) | ExprKind::Sequence(parts) => {
                    exprs.extend(parts)
                }
                ExprKind::Dict(items) => exprs.extend(items.iter().map(|(_, v)| v)),
                ExprKind::Comprehension(comprehension) => {
                    let Comprehension {
                        clauses,
                        conditions,
                        element,
                    } = comprehension.as_ref();
                    exprs.extend(clauses.iter().map(|(_, e)| e));
                    exprs.extend(conditions.iter().map(|(e, _)| e));
                    exprs.push(element);
                }
                ExprKind::Choice(choice) => {
                    exprs.extend([&choice.test, &choice.body, &choice.orelse]);
                }
                ExprKind::Source(site) => out.source_threats.push(site.threat),
                ExprKind::Instance { made_by, .. } => out.instances.push(made_by.clone()),
                ExprKind::Global(q) | ExprKind::Function(q) => out.refs.push(q.clone()),
                _ => {}
            }
        }
        for list in [
            &mut out.calls,
            &mut out.refs,
            &mut out.self_methods,
            &mut out.methods,
            &mut out.instances,
        ] {
            list.sort_unstable();
            list.dedup();
        }
        out.source_threats.sort_unstable();
        out.source_threats.dedup();
        out
    }
}
