//! What the Django settings rules share: which modules are settings modules, what kind
//! of environment they configure, and reading their top-level assignments.
//!
//! A module is a settings module when it is named `settings.py`, `settings_*.py` or
//! `*_settings.py`, sits in a `settings/` package, or assigns `INSTALLED_APPS`, `MIDDLEWARE` or `ROOT_URLCONF` at top level.
//! Django's own `django/conf/global_settings.py` is not one: it documents the defaults
//! (`DEBUG = False`, `SESSION_COOKIE_SECURE = False`, `MIDDLEWARE = []`) every project
//! overrides, and configures no deployment.

use crate::context::Context;
use moat_diagnostics::Severity;
use moat_python::ast::{Expr, Stmt};
use moat_python::{Ranged, TextRange};
use moat_semantic::Constant;

/// The environment a settings module configures, judged by its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// Any settings module not named for development or tests.
    Deployed,
    /// `local.py`, `dev.py`, `development.py`, `settings_local.py`, …
    Development,
    /// Test code (by path), or `test.py`, `testing.py`, `test_settings.py`, …
    Test,
}

/// Names whose top-level assignment makes a module a settings module.
const SETTINGS_MARKERS: &[&str] = &["INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF"];

/// Words in a file name that mark development settings.
const DEVELOPMENT_WORDS: &[&str] = &["local", "dev", "develop", "development", "debug"];

/// Words in a file name that mark test settings.
const TEST_WORDS: &[&str] = &["test", "tests", "testing"];

/// The environment the module being checked configures, or `None` when it is not a
/// settings module.
pub fn environment(ctx: &Context<'_, '_>) -> Option<Environment> {
    let path = ctx.path();
    if path == "django/conf/global_settings.py" || path.ends_with("/django/conf/global_settings.py")
    {
        return None;
    }
    let mut parts = path.rsplit('/');
    let file = parts.next().unwrap_or_default();
    let stem = file.strip_suffix(".py").unwrap_or(file);
    let in_settings_package = parts.next() == Some("settings");
    let is_settings = stem == "settings"
        || stem.starts_with("settings_")
        || stem.ends_with("_settings")
        || in_settings_package
        || SETTINGS_MARKERS.iter().any(|name| ctx.module_binds(name));
    if !is_settings {
        return None;
    }
    Some(if ctx.is_test_file() {
        Environment::Test
    } else {
        named_environment(stem)
    })
}

/// The environment a settings file's name (`stem`, without `.py`) says it configures.
fn named_environment(stem: &str) -> Environment {
    let words: Vec<&str> = stem.split(['_', '.']).collect();
    if words.iter().any(|w| TEST_WORDS.contains(w)) {
        Environment::Test
    } else if words.iter().any(|w| DEVELOPMENT_WORDS.contains(w)) {
        Environment::Development
    } else {
        Environment::Deployed
    }
}

/// A top-level `NAME = value` in a settings module.
pub struct Setting<'a> {
    pub name: &'a str,
    pub value: &'a Expr,
    pub range: TextRange,
    pub environment: Environment,
}

/// The setting `stmt` assigns, when it is a top-level assignment to one name in a
/// settings module.
pub fn setting<'a>(ctx: &Context<'_, 'a>, stmt: &'a Stmt) -> Option<Setting<'a>> {
    if !ctx.is_module_level() {
        return None;
    }
    let (target, value) = match stmt {
        Stmt::Assign(assign) => match assign.targets.as_slice() {
            [target] => (target, assign.value.as_ref()),
            _ => return None,
        },
        Stmt::AnnAssign(assign) => (assign.target.as_ref(), assign.value.as_deref()?),
        _ => return None,
    };
    let Expr::Name(name) = target else {
        return None;
    };
    let name = name.id.as_str();
    // Only setting names (upper case) are worth knowing whether the module is a settings
    // module.
    if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    Some(Setting {
        name,
        value,
        range: stmt.range(),
        environment: environment(ctx)?,
    })
}

/// How a rule treats settings for development and for tests: the severity to report
/// at, or `None` to stay quiet.
pub struct Calibration {
    pub development: Option<Severity>,
    pub test: Option<Severity>,
}

/// Reports `message` about `setting`, at the rule's severity in deployed settings and as
/// `calibration` says elsewhere; the message says why the severity is lower.
pub fn report(
    ctx: &mut Context<'_, '_>,
    setting: &Setting<'_>,
    message: String,
    calibration: &Calibration,
) {
    let (severity, note) = match setting.environment {
        Environment::Deployed => (None, ""),
        Environment::Development => match calibration.development {
            Some(severity) => (
                Some(severity),
                " (reported at lower severity: the file name says these are development settings)",
            ),
            None => return,
        },
        Environment::Test => match calibration.test {
            Some(severity) => (
                Some(severity),
                " (reported at lower severity: these are test settings)",
            ),
            None => return,
        },
    };
    let report = ctx.report(setting.range, format!("{message}{note}"));
    if let Some(severity) = severity {
        report.severity(severity);
    }
}

/// The strings of a list or tuple of string constants (a literal, or a name bound to a
/// tuple of constants), or `None` unless every element is a string constant.
pub fn constant_strings(ctx: &Context<'_, '_>, value: &Expr) -> Option<Vec<String>> {
    let elements = match value {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        other => {
            let Some(Constant::Tuple(items)) = ctx.constant(other) else {
                return None;
            };
            return items
                .iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect();
        }
    };
    elements
        .iter()
        .map(|e| ctx.constant(e)?.as_str().map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Environment, named_environment};

    #[test]
    fn file_names_mark_environments() {
        for (stem, expected) in [
            ("test_settings", Environment::Test),
            ("testing", Environment::Test),
            ("settings_local", Environment::Development),
            ("dev", Environment::Development),
            ("development", Environment::Development),
            ("production", Environment::Deployed),
            ("settings", Environment::Deployed),
            ("devices", Environment::Deployed),
            ("latest", Environment::Deployed),
        ] {
            assert_eq!(named_environment(stem), expected, "{stem}");
        }
    }
}
