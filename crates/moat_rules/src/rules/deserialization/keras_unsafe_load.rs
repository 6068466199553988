//! `keras-unsafe-load`: Keras models loaded with safe mode off.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::{is_false_constant, spelled_value};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Flags Keras model loading with safe mode turned off: `load_model(..., safe_mode=False)`
from `keras.models`, `keras.saving` or `tensorflow.keras.models`/`tf.keras.saving` (a
false constant, followed through names), and `keras.config.enable_unsafe_deserialization()`,
which turns safe mode off for the whole process. Loading with the default
`safe_mode=True` is not flagged.

## Why is this bad?
A Keras model file can hold `Lambda` layers, whose Python code is stored as serialized
bytecode and runs when the model is loaded or called. Safe mode (the default since Keras
2.13) refuses to load that code; with it off, whoever supplied the model file (a shared
drive, a model hub, an upload) runs code in your process.

## Example
```python
import keras

def load_customer_model(path):
    return keras.models.load_model(path, safe_mode=False)
```

## Use instead
Keep safe mode on and rebuild custom layers from registered classes:
```python
import keras

def load_customer_model(path):
    return keras.models.load_model(path, custom_objects={"Scale": Scale})
```

## References
- CWE-502: Deserialization of Untrusted Data
- CWE-94: Improper Control of Generation of Code ('Code Injection')
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
- Keras documentation: `load_model` and safe mode
"#;

/// Metadata of `keras-unsafe-load`.
pub static META: RuleMeta = RuleMeta {
    id: "keras-unsafe-load",
    title: "Keras model loaded with safe mode off",
    category: Category::Deserialization,
    cwe: &[502, 94],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects Keras loading calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["keras", "tensorflow", "tf_keras"],
};

/// `callee` without the package prefix it came through, if it is a Keras API.
fn keras_api(callee: &str) -> Option<&str> {
    ["tensorflow.keras.", "tf_keras.", "keras.src.", "keras."]
        .iter()
        .find_map(|prefix| callee.strip_prefix(prefix))
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some(api) = keras_api(callee) else {
        return;
    };
    if api == "config.enable_unsafe_deserialization" {
        ctx.report(
            call.range(),
            format!("`{callee}()` turns off Keras safe mode for the whole process, so any model file loaded afterwards can run the code of its `Lambda` layers"),
        );
        return;
    }
    if !matches!(
        api,
        "models.load_model" | "saving.load_model" | "saving.saving_api.load_model"
    ) {
        return;
    }
    let Some(keyword) = call.arguments.find_keyword("safe_mode") else {
        return;
    };
    if !is_false_constant(ctx, &keyword.value) {
        return;
    }
    let model = call
        .arguments
        .find_argument_value("filepath", 0)
        .map_or_else(String::new, |f| format!(" `{}`", ctx.snippet(f)));
    ctx.report(
        call.range(),
        format!("`{callee}` loads the model{model} with {}, so code stored in its `Lambda` layers runs; whoever supplied the file runs code in this process", spelled_value(ctx, "safe_mode=", &keyword.value, "false")),
    );
}
