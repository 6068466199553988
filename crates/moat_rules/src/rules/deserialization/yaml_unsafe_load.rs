//! `yaml-unsafe-load`: YAML parsed with a loader that can build arbitrary Python objects.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Applicability, Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags YAML parsing that may construct arbitrary Python objects:
- `yaml.load` and `yaml.load_all` without a `Loader`, or with `Loader=yaml.Loader`,
  `yaml.UnsafeLoader` or their C versions;
- `yaml.unsafe_load` and `yaml.unsafe_load_all`;
- `yaml.full_load`, `yaml.full_load_all` and `Loader=yaml.FullLoader`, with medium
  severity: before PyYAML 5.4 the full loader could also be made to call functions;
- `ruamel.yaml.YAML(typ="unsafe")`.

`yaml.safe_load`, and `yaml.load` with `yaml.SafeLoader`, `yaml.CSafeLoader` or
`yaml.BaseLoader`, are not flagged. A loader class of your own is not flagged either, as
it usually derives from `SafeLoader`.

For `yaml.load(data)` without a loader there is an unsafe fix to `yaml.safe_load(data)`:
it refuses the Python-specific tags (`!!python/object`) that a document may rely on.

## Why is this bad?
The unsafe loaders honour tags such as `!!python/object/apply:os.system`, which call any
importable function while the document is being parsed. A configuration file, an uploaded
document or an API payload then becomes a way to run commands on the server. Before
PyYAML 5.1 a bare `yaml.load(data)` used this loader; from 6.0 it requires a `Loader`.

## Example
```python
import yaml

def import_settings(upload):
    return yaml.load(upload.read(), Loader=yaml.Loader)
```

## Use instead
```python
import yaml

def import_settings(upload):
    return yaml.safe_load(upload.read())
```

## References
- CWE-502: Deserialization of Untrusted Data
- CWE-20: Improper Input Validation
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
- PyYAML documentation: Loading YAML
"#;

/// Metadata of `yaml-unsafe-load`.
pub static META: RuleMeta = RuleMeta {
    id: "yaml-unsafe-load",
    title: "YAML loaded with an unsafe loader",
    category: Category::Deserialization,
    cwe: &[502, 20],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B506"],
    ruff: &["S506"],
    docs: DOCS,
};

/// The rule: inspects calls into PyYAML and ruamel.yaml.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["yaml", "ruamel"],
};

/// Loader classes that construct arbitrary Python objects.
const UNSAFE_LOADERS: &[&str] = &["Loader", "CLoader", "UnsafeLoader", "CUnsafeLoader"];

/// Loader classes that constructed arbitrary objects before PyYAML 5.4.
const FULL_LOADERS: &[&str] = &["FullLoader", "CFullLoader"];

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    match callee {
        "yaml.load" | "yaml.load_all" => load(ctx, call, callee),
        "yaml.unsafe_load" | "yaml.unsafe_load_all" => {
            let document = document(ctx, call);
            ctx.report(
                call.range(),
                format!("`{callee}` parses {document} with the unsafe loader; a `!!python/object` tag in it can call any function"),
            );
        }
        "yaml.full_load" | "yaml.full_load_all" => {
            let document = document(ctx, call);
            ctx.report(
                call.range(),
                format!("`{callee}` parses {document} with `FullLoader`, which could call functions before PyYAML 5.4 and still builds Python objects; `yaml.safe_load` builds only plain data"),
            )
            .severity(Severity::Medium);
        }
        "ruamel.yaml.YAML" => {
            let Some(typ) = call.arguments.find_argument_value("typ", 0) else {
                return;
            };
            if ctx.constant(typ).as_ref().and_then(|c| c.as_str()) == Some("unsafe") {
                ctx.report(
                    call.range(),
                    format!("`ruamel.yaml.YAML` is created with `typ={}`; documents it loads can construct arbitrary Python objects", ctx.snippet(typ)),
                );
            }
        }
        _ => {}
    }
}

/// `yaml.load(stream, Loader=...)`: safe only with a safe loader.
fn load(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let document = document(ctx, call);
    let Some(loader) = call.arguments.find_argument_value("Loader", 1) else {
        let safe = format!("safe_{}", callee.trim_start_matches("yaml."));
        let report = ctx.report(
            call.range(),
            format!("`{callee}` parses {document} without a `Loader`; older PyYAML then uses the unsafe loader, which lets the document call any function"),
        );
        // Only rename the attribute (`y.load` → `y.safe_load`), which keeps the import alias.
        if let Expr::Attribute(attribute) = call.func.as_ref() {
            report.fix(
                format!("Use `yaml.{safe}`"),
                Applicability::Unsafe,
                vec![(attribute.attr.range(), safe)],
            );
        }
        return;
    };
    let Some(resolved) = ctx.resolve(loader) else {
        return;
    };
    let Some(class) = resolved
        .strip_prefix("yaml.")
        .map(|rest| rest.rsplit('.').next().unwrap_or(rest))
    else {
        return;
    };
    if UNSAFE_LOADERS.contains(&class) {
        ctx.report(
            call.range(),
            format!("`{callee}` parses {document} with the loader `{}`; a `!!python/object` tag in it can call any function", ctx.snippet(loader)),
        );
    } else if FULL_LOADERS.contains(&class) {
        ctx.report(
            call.range(),
            format!("`{callee}` parses {document} with the loader `{}`, which could call functions before PyYAML 5.4 and still builds Python objects; use `yaml.SafeLoader`", ctx.snippet(loader)),
        )
        .severity(Severity::Medium);
    }
    // Safe loaders (`SafeLoader`, `CSafeLoader`, `BaseLoader`) and loader classes of the
    // project's own, which usually derive from `SafeLoader`, are not flagged.
}

/// The document argument, for messages.
fn document(ctx: &Context<'_, '_>, call: &ExprCall) -> String {
    call.arguments.find_argument_value("stream", 0).map_or_else(
        || "its input".to_string(),
        |e| format!("`{}`", ctx.snippet(e)),
    )
}
