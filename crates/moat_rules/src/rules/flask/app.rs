//! What the Flask rules share: recognising a Flask application object and the ways code
//! writes its configuration.

use crate::context::Context;
use moat_python::ast::{Arguments, Expr, Stmt};
use moat_python::{Ranged, TextRange};

/// Callables whose call returns a Flask application.
const APP_CONSTRUCTORS: &[&str] = &["flask.Flask", "flask.app.Flask"];

/// Names that refer to the application handling the current request.
const APP_PROXIES: &[&str] = &["flask.current_app", "flask.globals.current_app"];

/// Whether `expr` is a Flask application: a `flask.Flask(...)` call, a name bound to one,
/// or `flask.current_app`.
pub fn is_flask_app(ctx: &Context<'_, '_>, expr: &Expr) -> bool {
    ctx.constructor_of(expr)
        .is_some_and(|made_by| APP_CONSTRUCTORS.contains(&made_by.as_str()))
        || ctx
            .resolve(expr)
            .is_some_and(|name| APP_PROXIES.contains(&name.as_str()))
}

/// One configuration value the code sets on a Flask application.
pub struct ConfigWrite<'a> {
    /// The configuration key (`DEBUG`, `SECRET_KEY`); attribute writes use the key the
    /// attribute stands for (`app.debug` is `DEBUG`).
    pub key: String,
    /// The value written.
    pub value: &'a Expr,
    /// Where to report: the assignment statement or the keyword / dict entry.
    pub range: TextRange,
}

/// Application attributes that are shortcuts for configuration keys.
const ATTRIBUTE_KEYS: &[(&str, &str)] = &[("debug", "DEBUG"), ("secret_key", "SECRET_KEY")];

/// The configuration values `stmt` writes on a Flask application:
/// `app.config["KEY"] = value`, `app.debug = value`, `app.secret_key = value`, and
/// `app.config.update(...)` / `app.config.from_mapping(...)` with keywords, a dict
/// literal or a `dict(...)` call.
pub fn config_writes<'a>(ctx: &Context<'_, 'a>, stmt: &'a Stmt) -> Vec<ConfigWrite<'a>> {
    let mut writes = Vec::new();
    match stmt {
        Stmt::Assign(assign) => {
            for target in &assign.targets {
                if let Some(key) = assigned_key(ctx, target) {
                    writes.push(ConfigWrite {
                        key,
                        value: &assign.value,
                        range: stmt.range(),
                    });
                }
            }
        }
        Stmt::AnnAssign(assign) => {
            if let (Some(value), Some(key)) = (&assign.value, assigned_key(ctx, &assign.target)) {
                writes.push(ConfigWrite {
                    key,
                    value,
                    range: stmt.range(),
                });
            }
        }
        Stmt::Expr(expression) => {
            if let Expr::Call(call) = expression.value.as_ref()
                && let Expr::Attribute(method) = call.func.as_ref()
                && matches!(method.attr.id.as_str(), "update" | "from_mapping")
                && is_app_config(ctx, &method.value)
            {
                mapping_writes(ctx, &call.arguments, &mut writes);
            }
        }
        _ => {}
    }
    writes
}

/// The keys and values of a mapping argument list: `KEY=value` keywords, dict literals
/// with constant keys, and `dict(KEY=value)` calls.
fn mapping_writes<'a>(
    ctx: &Context<'_, 'a>,
    arguments: &'a Arguments,
    writes: &mut Vec<ConfigWrite<'a>>,
) {
    for keyword in &arguments.keywords {
        if let Some(arg) = &keyword.arg {
            writes.push(ConfigWrite {
                key: arg.id.to_string(),
                value: &keyword.value,
                range: keyword.range(),
            });
        }
    }
    for argument in &arguments.args {
        match argument {
            Expr::Dict(dict) => {
                for item in &dict.items {
                    let Some(key_expr) = &item.key else { continue };
                    if let Some(key) = constant_str(ctx, key_expr) {
                        writes.push(ConfigWrite {
                            key,
                            value: &item.value,
                            range: TextRange::new(key_expr.start(), item.value.end()),
                        });
                    }
                }
            }
            Expr::Call(call)
                if ctx
                    .resolve(&call.func)
                    .is_some_and(|callee| callee == "builtins.dict") =>
            {
                mapping_writes(ctx, &call.arguments, writes);
            }
            _ => {}
        }
    }
}

/// The configuration key an assignment target writes: `app.config["KEY"]` or an
/// attribute shortcut such as `app.debug`.
fn assigned_key(ctx: &Context<'_, '_>, target: &Expr) -> Option<String> {
    match target {
        Expr::Subscript(subscript) if is_app_config(ctx, &subscript.value) => {
            constant_str(ctx, &subscript.slice)
        }
        Expr::Attribute(attribute) => {
            let (_, key) = ATTRIBUTE_KEYS
                .iter()
                .find(|(attr, _)| *attr == attribute.attr.id.as_str())?;
            is_flask_app(ctx, &attribute.value).then(|| (*key).to_string())
        }
        _ => None,
    }
}

/// Whether `expr` is `<flask app>.config`.
fn is_app_config(ctx: &Context<'_, '_>, expr: &Expr) -> bool {
    matches!(expr, Expr::Attribute(attribute)
        if attribute.attr.id.as_str() == "config" && is_flask_app(ctx, &attribute.value))
}

fn constant_str(ctx: &Context<'_, '_>, expr: &Expr) -> Option<String> {
    ctx.constant(expr)?.as_str().map(str::to_string)
}
