//! `huggingface-unpinned-revision`: models and datasets downloaded at whatever their
//! repository's branch holds today.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::deserialization::huggingface_trust_remote_code::{
    HUGGING_FACE_PACKAGES, hub_repository, is_hub_loader,
};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags downloads from the Hugging Face Hub that are not pinned to a commit: `from_pretrained`
of `transformers`, `diffusers`, `peft` and `sentence_transformers` classes,
`transformers.pipeline`, `sentence_transformers.SentenceTransformer`,
`datasets.load_dataset`, `huggingface_hub.hf_hub_download` and `snapshot_download`,
without `revision=` or with a `revision` that is a branch or tag name (`"main"`, `"v1.0"`)
rather than a commit hash (7 to 40 hexadecimal digits).

Not flagged: a non-constant `revision` (it may be a pinned value from configuration), and
local paths (a first argument starting with `/`, `./`, `../` or `~`). With medium severity
and confidence: the repository may be your own.

## Why is this bad?
A branch of a Hub repository can change at any time. Whoever can push to it (its owner,
a compromised account) changes the weights, the tokenizer or the pickled files your
program downloads next time, without any change to your code or lock files. Pinning the
commit makes every download the artefact you reviewed.

## Example
```python
from huggingface_hub import hf_hub_download

weights = hf_hub_download("some-org/detector", "model.safetensors")
```

## Use instead
```python
from huggingface_hub import hf_hub_download

weights = hf_hub_download(
    "some-org/detector",
    "model.safetensors",
    revision="3d5c7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d",
)
```

## References
- CWE-494: Download of Code Without Integrity Check
- OWASP Top 10 2025: A03 Software Supply Chain Failures
- Hugging Face documentation: `hf_hub_download` (`revision`)
"#;

/// Metadata of `huggingface-unpinned-revision`.
pub static META: RuleMeta = RuleMeta {
    id: "huggingface-unpinned-revision",
    title: "Hugging Face download not pinned to a commit",
    category: Category::Deserialization,
    cwe: &[494],
    owasp: Owasp::A03SoftwareSupplyChainFailures,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B615"],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects Hugging Face loading calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: HUGGING_FACE_PACKAGES,
};

/// Whether `revision` looks like a commit hash.
fn is_commit(revision: &str) -> bool {
    (7..=40).contains(&revision.len()) && revision.chars().all(|c| c.is_ascii_hexdigit())
}

/// Whether the repository argument is a local path.
fn is_local_path(value: &Constant) -> bool {
    value
        .as_str()
        .is_some_and(|p| ["/", "./", "../", "~"].iter().any(|s| p.starts_with(s)))
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !is_hub_loader(callee) {
        return;
    }
    let repository = hub_repository(call, callee);
    if repository
        .and_then(|r| ctx.constant(r))
        .is_some_and(|r| is_local_path(&r))
    {
        return;
    }
    let named = repository.map_or_else(String::new, |r| format!(" `{}`", ctx.snippet(r)));
    let problem = match call.arguments.find_keyword("revision") {
        None => "without a `revision`, so it fetches whatever the default branch holds at the time"
            .to_string(),
        Some(keyword) => match ctx.constant(&keyword.value) {
            Some(Constant::Str(revision)) if !is_commit(&revision) => format!(
                "at `revision={}`, a branch or tag that can be moved to other content",
                ctx.snippet(&keyword.value)
            ),
            _ => return,
        },
    };
    ctx.report(
        call.range(),
        format!("`{callee}` downloads{named} {problem}; pin `revision=` to a commit hash"),
    );
}
