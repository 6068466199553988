//! `sql-string-built`: SQL text built from values with string formatting.

use crate::built_strings::{carries_no_data, is_number};
use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::strings::{BuiltString, built_string};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};
use moat_semantic::BindingKind;

const DOCS: &str = r#"## What it does
Flags SQL passed to `execute`, `executemany`, `executescript` or `exec_driver_sql` (of any
DB-API cursor or connection, SQLAlchemy included) or to SQLAlchemy's `text()` when the
statement is built with an f-string, `%`, `str.format`, `+` or `str.replace` (a
template filled in with `"… '[VALUE]'".replace("[VALUE]", value)`) from values that are
not constants, directly or through a variable assigned once. Not reported: SQL that
cannot carry text from outside, built only from constants (also through variables,
`"… %s" % ("x" if c else "")` choices between constants and loop variables over constant
tuples), numbers (`int(n)`, `len(rows)`, values formatted with `%d`, `{n:d}`), identifiers
quoted by the database back-end (any function whose name starts with `quote_name`, also
after underscores:
`connection.ops.quote_name(table)`, `self.quote_name(column)`, `schema_editor.quote_name`,
a local alias `qn = connection.ops.quote_name`; psycopg's `sql.Identifier` and
`sql.Literal`) and placeholder lists (`", ".join(["%s"] * len(ids))`,
`", ".join(qn(c) for c in columns)`); for `%` with a dict (`"… %(name)s" % params`, also a
local variable assigned a dict literal), only the values the template names count. SQL
composed with psycopg's `sql.SQL(…).format(…)` is not text and is not reported. A value
from a parameter, an attribute or a call Moat cannot see into counts as data, except that
SQL formatted only from the enclosing function's own parameters, passed on unchanged
(`def run(cursor, table): cursor.execute("DELETE FROM %s" % table)`), is left to
`sql-injection` when it runs: that rule follows every caller's argument into the wrapper
and reports the flows that start at untrusted input (with `--select sql-string-built`
alone, the wrapper is reported). Only text
that starts like SQL
(`SELECT`, `INSERT`, `UPDATE`, `DELETE`, `WITH`, `CREATE`, `DROP`… after folding the
constant parts) counts, so other `execute` methods are left alone. Parameters passed
separately (`execute("… WHERE id = %s", (id,))`) are the fix and are not flagged. Test
files are not checked.

## Why is this bad?
A value pasted into SQL text becomes SQL. A name such as `x' OR '1'='1` or
`1; DROP TABLE users` changes what the statement does: it reads other users' rows,
bypasses a login, or destroys data (SQL injection). Escaping by hand misses cases
(encodings, numeric contexts, identifiers).

## Example
```python
def find_user(cursor, name):
    cursor.execute(f"SELECT id FROM users WHERE name = '{name}'")
    return cursor.fetchone()
```

## Use instead
Pass values as parameters; the driver sends them apart from the SQL:
```python
def find_user(cursor, name):
    cursor.execute("SELECT id FROM users WHERE name = %s", (name,))
    return cursor.fetchone()
```
With SQLAlchemy, `text("… WHERE name = :name")` with `{"name": name}`. Table and column
names cannot be parameters: pick them from a fixed set of allowed names.

## References
- CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')
- OWASP Top 10 2025: A05 Injection
- PEP 249: Python Database API Specification v2.0 (`paramstyle`)
"#;

/// Metadata of `sql-string-built`.
pub static META: RuleMeta = RuleMeta {
    id: "sql-string-built",
    title: "SQL built with string formatting",
    category: Category::Injection,
    cwe: &[89],
    owasp: Owasp::A05Injection,
    severity: Severity::High,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B608"],
    ruff: &["S608"],
    docs: DOCS,
};

/// The rule: inspects `execute`-style method calls and `sqlalchemy.text`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check)],
    modules: &[],
};

/// Methods that run SQL text given as their first argument.
const EXECUTE_METHODS: &[&str] = &["execute", "executemany", "executescript", "exec_driver_sql"];

/// Functions that wrap SQL text for later execution.
const SQL_TEXT: &[&str] = &[
    "sqlalchemy.text",
    "sqlalchemy.sql.text",
    "sqlalchemy.sql.expression.text",
];

/// Words a SQL statement starts with.
const SQL_VERBS: &[&str] = &[
    "select", "insert", "update", "delete", "replace", "merge", "upsert", "with", "create",
    "alter", "drop", "truncate", "grant", "revoke", "pragma", "exec", "execute", "call",
];

fn check(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let sink = match call.func.as_ref() {
        Expr::Attribute(method) if EXECUTE_METHODS.contains(&method.attr.as_str()) => {
            format!("`.{}()`", method.attr.as_str())
        }
        func => match ctx.resolve(func) {
            Some(name) if SQL_TEXT.contains(&name.as_str()) => format!("`{name}()`"),
            _ => return,
        },
    };
    let Some(sql) = sql_argument(call) else {
        return;
    };
    let Some((built, how)) = built_sql(ctx, sql) else {
        return;
    };
    // Parts that are the function's own parameters, unchanged, are left to
    // `sql-injection` when it runs: it follows every caller's argument to this call.
    let safe_here = |ctx: &Context<'_, '_>, part: &Expr| {
        is_sql_safe(ctx, part) || ctx.leaves_wrapper_to_taint(part)
    };
    if !built.dynamic || !starts_like_sql(&built.prefix) || carries_no_data(ctx, sql, &safe_here) {
        return;
    }
    ctx.report(
        sql.range(),
        format!("{sink} runs SQL {how}; a value containing quotes or SQL changes the statement (SQL injection); pass the values as query parameters instead"),
    );
}

fn sql_argument(call: &ExprCall) -> Option<&Expr> {
    call.arguments
        .find_argument_value("statement", 0)
        .or_else(|| call.arguments.find_argument_value("sql", 0))
        .or_else(|| call.arguments.find_argument_value("operation", 0))
        .or_else(|| call.arguments.find_argument_value("query", 0))
}

/// How `sql` is built, directly or through a variable assigned once, with a description
/// for the message.
fn built_sql(ctx: &Context<'_, '_>, sql: &Expr) -> Option<(BuiltString, String)> {
    if let Some(built) = built_string(ctx, sql) {
        return Some((built, format!("built as `{}`", ctx.snippet(sql))));
    }
    let Expr::Name(name) = sql else {
        return None;
    };
    let value = assigned_value(ctx, sql)?;
    let built = built_string(ctx, value)?;
    let line = ctx.line_of(value.start());
    Some((
        built,
        format!(
            "from `{}`, built on line {line} as `{}`",
            name.id.as_str(),
            ctx.snippet(value)
        ),
    ))
}

/// Whether text starts with a SQL verb (after blanks and opening parentheses).
fn starts_like_sql(text: &str) -> bool {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
    let word: String = text
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    let rest = &text[word.len()..];
    SQL_VERBS.contains(&word.as_str()) && (rest.is_empty() || rest.starts_with(char::is_whitespace))
}

/// Whether a part of SQL text cannot carry a value from outside: a number, or an identifier
/// quoted by the database back-end (see [`is_identifier_quoting`]).
fn is_sql_safe(ctx: &Context<'_, '_>, part: &Expr) -> bool {
    is_number(ctx, part, 0)
        || matches!(part, Expr::Call(call) if is_identifier_quoting(ctx, &call.func))
}

/// psycopg's composable identifiers and literals, quoted when the query is composed.
const PSYCOPG_QUOTED: &[&str] = &[
    "psycopg.sql.Identifier",
    "psycopg.sql.Literal",
    "psycopg2.sql.Identifier",
    "psycopg2.sql.Literal",
];

/// Whether a function's name says it quotes identifiers: `quote_name…`, also behind leading
/// underscores (a private wrapper such as `def _quote_name(self, name)`).
fn is_quote_name(name: &str) -> bool {
    name.trim_start_matches('_').starts_with("quote_name")
}

/// Whether `function` quotes SQL identifiers: a function or method whose name starts with
/// `quote_name` (also `_quote_name`; Django's `connection.ops.quote_name`, `schema_editor.quote_name`,
/// `quote_name_unless_alias`), a local alias of one (`qn = connection.ops.quote_name`), or
/// psycopg's `sql.Identifier` and `sql.Literal`.
pub(crate) fn is_identifier_quoting(ctx: &Context<'_, '_>, function: &Expr) -> bool {
    match function {
        Expr::Attribute(attribute) => {
            is_quote_name(attribute.attr.id.as_str())
                || ctx
                    .resolve(function)
                    .is_some_and(|name| PSYCOPG_QUOTED.contains(&name.as_str()))
        }
        Expr::Name(name) => {
            is_quote_name(name.id.as_str())
                || ctx
                    .resolve(function)
                    .is_some_and(|name| PSYCOPG_QUOTED.contains(&name.as_str()))
                || ctx.assigned_value(name).is_some_and(|value| {
                    matches!(value, Expr::Attribute(_)) && is_identifier_quoting(ctx, value)
                })
        }
        _ => false,
    }
}

/// The value a name was assigned, when it is bound exactly once in its scope.
fn assigned_value<'a>(ctx: &Context<'_, 'a>, expr: &Expr) -> Option<&'a Expr> {
    let Expr::Name(name) = expr else {
        return None;
    };
    let model = ctx.model;
    let id = model.lookup(name.id.as_str(), ctx.scope, name.start())?;
    let binding = model.binding(id);
    if model.scope(binding.scope).bindings_of(&binding.name).len() > 1 {
        return None;
    }
    match binding.kind {
        BindingKind::Assignment { value } => Some(value),
        _ => None,
    }
}
