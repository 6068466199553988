//! `huggingface-trust-remote-code`: models and datasets allowed to run code from the Hub.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::{is_true_constant, spelled_value};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags `trust_remote_code=True` (or a true constant) passed to the Hugging Face libraries:
`from_pretrained` of `transformers`, `diffusers`, `peft` and `sentence_transformers`
classes, `transformers.pipeline`, `sentence_transformers.SentenceTransformer`,
`datasets.load_dataset` and `datasets.load_dataset_builder`.

## Why is this bad?
With `trust_remote_code=True` the library downloads Python files from the model or dataset
repository and imports them. Whoever controls that repository (its owner, anyone who takes
over the account, or anyone who can push to it) runs code on every machine that loads it,
and a later commit to the repository changes the code without any change on your side.

## Example
```python
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("some-org/chat-model", trust_remote_code=True)
```

## Use instead
Prefer architectures built into the library. If custom code is needed, review it, pin the
exact commit with `revision=` and, better, vendor the code into your project:
```python
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained(
    "some-org/chat-model",
    revision="6f2c1e4b8a9d0c3e5f7a1b2c4d6e8f0a1b3c5d7e",
)
```

## References
- CWE-94: Improper Control of Generation of Code ('Code Injection')
- CWE-829: Inclusion of Functionality from Untrusted Control Sphere
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
- Hugging Face documentation: Using custom code (`trust_remote_code`)
"#;

/// Metadata of `huggingface-trust-remote-code`.
pub static META: RuleMeta = RuleMeta {
    id: "huggingface-trust-remote-code",
    title: "Hugging Face model or dataset allowed to run remote code",
    category: Category::Deserialization,
    cwe: &[94, 829],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects Hugging Face loading calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: HUGGING_FACE_PACKAGES,
};

/// The Hugging Face packages whose loaders take `trust_remote_code` and `revision`.
pub(crate) const HUGGING_FACE_PACKAGES: &[&str] = &[
    "transformers",
    "diffusers",
    "peft",
    "sentence_transformers",
    "datasets",
    "huggingface_hub",
];

/// Whether `callee` loads a model or dataset from the Hugging Face Hub.
pub(crate) fn is_hub_loader(callee: &str) -> bool {
    let Some((package, _)) = callee.split_once('.') else {
        return false;
    };
    if !HUGGING_FACE_PACKAGES.contains(&package) {
        return false;
    }
    callee.ends_with(".from_pretrained")
        || matches!(
            callee,
            "transformers.pipeline"
                | "sentence_transformers.SentenceTransformer"
                | "sentence_transformers.CrossEncoder"
                | "datasets.load_dataset"
                | "datasets.load_dataset_builder"
                | "huggingface_hub.hf_hub_download"
                | "huggingface_hub.snapshot_download"
        )
}

/// The repository argument of a Hub loader: `model=` for `pipeline` (whose first argument
/// is the task), else the first argument or its keyword spelling.
pub(crate) fn hub_repository<'c>(call: &'c ExprCall, callee: &str) -> Option<&'c Expr> {
    if callee == "transformers.pipeline" {
        return call.arguments.find_argument_value("model", 1);
    }
    [
        "repo_id",
        "pretrained_model_name_or_path",
        "model_name_or_path",
        "path",
    ]
    .iter()
    .find_map(|name| call.arguments.find_keyword(name).map(|k| &k.value))
    .or_else(|| call.arguments.find_positional(0))
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !is_hub_loader(callee) {
        return;
    }
    let Some(keyword) = call.arguments.find_keyword("trust_remote_code") else {
        return;
    };
    if !is_true_constant(ctx, &keyword.value) {
        return;
    }
    let repository = hub_repository(call, callee)
        .map_or_else(String::new, |r| format!(" for `{}`", ctx.snippet(r)));
    ctx.report(
        call.range(),
        format!("`{callee}`{repository} is called with {}, so Python code from the repository is downloaded and run; whoever can push to it runs code here", spelled_value(ctx, "trust_remote_code=", &keyword.value, "true")),
    );
}
