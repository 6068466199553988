//! The rows of a model file as written, before validation (see `models/README.md`).

use serde::Deserialize;
use toml::Spanned;

/// One model file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileRows {
    #[serde(default)]
    pub source: Vec<SourceRow>,
    #[serde(default)]
    pub sink: Vec<SinkRow>,
    #[serde(default)]
    pub sanitizer: Vec<SanitizerRow>,
    #[serde(default)]
    pub guard: Vec<GuardRow>,
    #[serde(default)]
    pub summary: Vec<SummaryRow>,
    #[serde(default, rename = "type")]
    pub types: Vec<TypeRow>,
    #[serde(default)]
    pub callback: Vec<CallbackRow>,
    #[serde(default)]
    pub class: Vec<ClassRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceRow {
    pub target: Spanned<String>,
    pub threat: Spanned<String>,
    #[serde(default)]
    pub access: Option<Spanned<String>>,
    /// Only these constant keys of the value are untrusted (`"HTTP_*"`: a prefix).
    #[serde(default)]
    pub keys: Option<Vec<String>>,
    /// The URL of the request being handled (`request.path`).
    #[serde(default)]
    pub request_url: bool,
    /// The value is text (or a mapping of text), never a structure parsed from it.
    #[serde(default)]
    pub text: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SinkRow {
    pub target: Spanned<String>,
    pub kind: Spanned<String>,
    pub arg: Spanned<ArgRow>,
    #[serde(default)]
    pub when: Option<WhenRow>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum ArgRow {
    Named(String),
    Argument(ArgumentRow),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArgumentRow {
    #[serde(default)]
    pub position: Option<u32>,
    #[serde(default)]
    pub keyword: Option<String>,
    #[serde(default)]
    pub element: Option<u32>,
    /// Only the argument's own keys count (a mapping whose keys choose fields).
    #[serde(default)]
    pub keys: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WhenRow {
    #[serde(default)]
    pub keyword: Option<String>,
    #[serde(default)]
    pub position: Option<u32>,
    #[serde(default)]
    pub class: Option<String>,
    #[serde(default)]
    pub equals: Option<toml::Value>,
    #[serde(default)]
    pub absent: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SanitizerRow {
    pub target: Spanned<String>,
    pub kinds: Spanned<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GuardRow {
    pub target: Spanned<String>,
    pub arg: u32,
    /// The checked argument's keyword, when it may be passed by name.
    #[serde(default)]
    pub keyword: Option<String>,
    pub branch: bool,
    pub kinds: Spanned<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SummaryRow {
    pub target: Spanned<String>,
    pub from: Spanned<String>,
    pub to: Spanned<String>,
    /// Kinds the result is no longer safe for, though its input was (a parser makes
    /// structures out of text: `json.loads`).
    #[serde(default)]
    pub undoes: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TypeRow {
    pub name: Spanned<String>,
    pub from: Spanned<String>,
    #[serde(default)]
    pub when: Option<WhenRow>,
    /// `from` returns a list of `name` instances (`request.files.getlist(…)`).
    #[serde(default)]
    pub elements: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CallbackRow {
    pub target: Spanned<String>,
    /// The argument that is the function (`{ position, keyword }`), or `"decorated"`.
    pub arg: Spanned<ArgRow>,
    /// Classes of the arguments the function is called with, in order.
    pub parameters: Spanned<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClassRow {
    pub name: Spanned<String>,
    /// Library classes whose rows also apply to `name`'s members, nearest first.
    pub bases: Spanned<Vec<String>>,
}
