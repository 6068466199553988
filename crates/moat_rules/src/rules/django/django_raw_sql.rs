//! `django-raw-sql`: SQL built from data and handed to Django's raw-SQL entry points.

use crate::built_strings::{Building, built_from_data};
use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::injection::sql_string_built::is_identifier_quoting;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::visitor::{Visitor, walk_expr};
use moat_python::ast::{Expr, ExprCall, Stmt};

const DOCS: &str = r#"## What it does
Flags SQL text built with an f-string, `%` formatting, `str.format` or `+` from values
that are not constants (also through a local variable: `sql = f"…"; ….raw(sql)`) and
passed to:
- `Model.objects.raw(sql)` (any manager or queryset reached through `.objects`);
- `.extra(select=…, where=[…], tables=[…], order_by=[…])` on such a queryset;
- `RawSQL(sql, params)` from `django.db.models`;
- `cursor.execute(sql)` / `executemany(sql)` on a cursor of `django.db.connection` or
  `django.db.connections[alias]`, whether bound with `with connection.cursor() as cursor`
  or `cursor = connection.cursor()`.

Constant SQL with the values passed separately (`raw("… WHERE id = %s", [user_id])`) is
the safe form and is not flagged, nor is SQL in a variable whose origin Moat cannot see.
Parts that are SQL rather than values are accepted: identifiers quoted by the backend
(`connection.ops.quote_name(table)`, `quote_name_unless_alias`), placeholder lists
(`", ".join(["%s"] * len(ids))`) and variables named `sql` or `…_sql` (Django's
convention for compiled fragments whose values travel as `params`). Test files are not
checked: the SQL they build comes from the tests' own constants and schema.

## Why is this bad?
Django's ORM quotes every value; these entry points take SQL text as it is. A value
spliced into that text — a search term, a sort column, an id from the URL — can close the
string or the expression and add its own SQL: read other users' rows, bypass a login
check, change or delete data (SQL injection).

## Example
```python
from django.db import connection

def search(request):
    term = request.GET["q"]
    people = Person.objects.raw(f"SELECT * FROM app_person WHERE name = '{term}'")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM app_log WHERE user = '%s'" % request.user.username)
    return people
```

## Use instead
Pass values as parameters; the database driver quotes them:
```python
from django.db import connection

def search(request):
    term = request.GET["q"]
    people = Person.objects.raw("SELECT * FROM app_person WHERE name = %s", [term])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM app_log WHERE user = %s", [request.user.username])
    return people
```
Identifiers (table or column names) cannot be parameters: check them against a fixed
list.

## References
- CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')
- OWASP Top 10 2025: A05 Injection
- Django documentation: Performing raw SQL queries; `QuerySet.extra()`; `RawSQL`
"#;

/// Metadata of `django-raw-sql`.
pub static META: RuleMeta = RuleMeta {
    id: "django-raw-sql",
    title: "Django raw SQL built from data",
    category: Category::Django,
    cwe: &[89],
    owasp: Owasp::A05Injection,
    severity: Severity::High,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B610", "B611"],
    ruff: &["S610", "S611"],
    docs: DOCS,
};

/// The rule: inspects raw-SQL calls and `with connection.cursor()` blocks.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check_call), Check::Stmt(check_with)],
    modules: &["django"],
};

const RAW_SQL: &[&str] = &[
    "django.db.models.RawSQL",
    "django.db.models.expressions.RawSQL",
];

/// Cursor factories: what `constructor_of` gives for `connection.cursor()`.
const CURSOR_FACTORIES: &[&str] = &["django.db.connection.cursor"];

/// Whether a part of SQL text is itself SQL rather than a value: an identifier quoted by
/// the database backend (`connection.ops.quote_name(name)`, `quote_name_unless_alias`,
/// or a local alias of one such as `qn = self.quote_name_unless_alias`), or a variable
/// named `sql` or `…_sql`, Django's convention for compiled fragments whose values travel
/// separately as `params`.
fn is_sql_fragment(ctx: &Context<'_, '_>, part: &Expr) -> bool {
    let is_sql_name = |name: &str| name == "sql" || name.ends_with("_sql");
    match part {
        Expr::Name(name) => is_sql_name(name.id.as_str()),
        Expr::Attribute(attribute) => is_sql_name(attribute.attr.id.as_str()),
        Expr::Call(call) => is_identifier_quoting(ctx, &call.func),
        _ => false,
    }
}

/// Whether `expr` reaches a model manager: `Model.objects`, `Model.objects.filter(…)`.
fn is_queryset(expr: &Expr) -> bool {
    match expr {
        Expr::Attribute(attribute) => {
            attribute.attr.id.as_str() == "objects" || is_queryset(&attribute.value)
        }
        Expr::Call(call) => is_queryset(&call.func),
        _ => false,
    }
}

/// Whether `expr` is `connections[alias]` from `django.db`.
fn is_connections_item(ctx: &Context<'_, '_>, expr: &Expr) -> bool {
    matches!(expr, Expr::Subscript(subscript)
        if ctx.resolve(&subscript.value).is_some_and(|n| n == "django.db.connections"))
}

/// Whether `expr` is a call that opens a Django database cursor.
fn opens_cursor(ctx: &Context<'_, '_>, expr: &Expr) -> bool {
    let Expr::Call(call) = expr else {
        return false;
    };
    ctx.resolve(&call.func)
        .is_some_and(|c| CURSOR_FACTORIES.contains(&c.as_str()))
        || matches!(call.func.as_ref(), Expr::Attribute(method)
            if method.attr.id.as_str() == "cursor" && is_connections_item(ctx, &method.value))
}

fn report(ctx: &mut Context<'_, '_>, call: &ExprCall, sql: &Expr, building: Building, to: &str) {
    let message = format!(
        "{to} gets SQL built with {} (`{}`): a value spliced into the text can change the query (SQL injection); keep the SQL constant and pass the values as parameters",
        building.describe(),
        ctx.snippet(sql)
    );
    ctx.report(call.range(), message)
        .suppressible_on(call.range());
}

fn check_call(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    if let Some(callee) = ctx.resolve(&call.func)
        && RAW_SQL.contains(&callee.as_str())
    {
        if let Some(sql) = call.arguments.find_argument_value("sql", 0)
            && let Some(building) = built_from_data(ctx, sql, &is_sql_fragment)
        {
            report(ctx, call, sql, building, "`RawSQL`");
        }
        return;
    }
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    match method.attr.id.as_str() {
        "raw" if is_queryset(&method.value) => {
            if let Some(sql) = call.arguments.find_argument_value("raw_query", 0)
                && let Some(building) = built_from_data(ctx, sql, &is_sql_fragment)
            {
                report(ctx, call, sql, building, "`.raw()`");
            }
        }
        "extra" if is_queryset(&method.value) => check_extra(ctx, call),
        "execute" | "executemany"
            if ctx
                .constructor_of(&method.value)
                .is_some_and(|c| CURSOR_FACTORIES.contains(&c.as_str()))
                || opens_cursor(ctx, &method.value) =>
        {
            check_execute(ctx, call);
        }
        _ => {}
    }
}

/// `.extra(select={alias: sql}, where=[sql…], tables=[…], order_by=[…])`.
fn check_extra(ctx: &mut Context<'_, '_>, call: &ExprCall) {
    let mut fragments: Vec<&Expr> = Vec::new();
    for keyword in &call.arguments.keywords {
        let Some(arg) = &keyword.arg else { continue };
        match (arg.id.as_str(), &keyword.value) {
            ("select", Expr::Dict(dict)) => fragments.extend(dict.items.iter().map(|i| &i.value)),
            ("where" | "tables" | "order_by", Expr::List(list)) => fragments.extend(&list.elts),
            ("where" | "tables" | "order_by", Expr::Tuple(tuple)) => fragments.extend(&tuple.elts),
            _ => {}
        }
    }
    if let Some((sql, building)) = fragments
        .into_iter()
        .find_map(|f| built_from_data(ctx, f, &is_sql_fragment).map(|b| (f, b)))
    {
        report(ctx, call, sql, building, "`.extra()`");
    }
}

fn check_execute(ctx: &mut Context<'_, '_>, call: &ExprCall) {
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    if let Some(sql) = call.arguments.find_argument_value("sql", 0)
        && let Some(building) = built_from_data(ctx, sql, &is_sql_fragment)
    {
        let to = format!("`cursor.{}()`", method.attr.id);
        report(ctx, call, sql, building, &to);
    }
}

/// `with connection.cursor() as cursor:` binds `cursor` opaquely, so its `execute` calls
/// are found by walking the block.
fn check_with(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Stmt::With(with) = stmt else {
        return;
    };
    for item in &with.items {
        let Some(Expr::Name(target)) = item.optional_vars.as_deref() else {
            continue;
        };
        if !opens_cursor(ctx, &item.context_expr) {
            continue;
        }
        let mut calls = CursorCalls {
            cursor: target.id.as_str(),
            found: Vec::new(),
        };
        for statement in &with.body {
            calls.visit_stmt(statement);
        }
        for call in calls.found {
            check_execute(ctx, call);
        }
    }
}

/// Collects `<cursor>.execute(…)` and `<cursor>.executemany(…)` calls.
struct CursorCalls<'s, 'a> {
    cursor: &'s str,
    found: Vec<&'a ExprCall>,
}

impl<'a> Visitor<'a> for CursorCalls<'_, 'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && let Expr::Attribute(method) = call.func.as_ref()
            && matches!(method.attr.id.as_str(), "execute" | "executemany")
            && matches!(method.value.as_ref(), Expr::Name(name) if name.id.as_str() == self.cursor)
        {
            self.found.push(call);
        }
        walk_expr(self, expr);
    }
}
