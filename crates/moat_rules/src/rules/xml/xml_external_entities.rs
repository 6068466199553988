//! `xml-external-entities`: XML parsers configured to load external entities or DTDs, or
//! to lift their expansion limits.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::{as_method_call, is_true_constant, spelled_value};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags XML parsers explicitly configured to do what makes XML dangerous:
- `lxml.etree.XMLParser`, `XMLPullParser`, `ETCompatXMLParser`, `iterparse` and
  `lxml.objectify.makeparser` with `resolve_entities=True`, `no_network=False`,
  `load_dtd=True`, `dtd_validation=True` or `huge_tree=True` (the last with CWE-776: it
  lifts libxml2's limits on entity expansion and tree depth);
- SAX parsers (`xml.sax`, `xml.dom.pulldom`, `xml.dom.minidom` with a SAX parser) given
  `parser.setFeature(feature_external_ges, True)` or `feature_external_pes` (the constant
  from `xml.sax.handler` or its URI string).

`resolve_entities=False`, lxml 5's default `resolve_entities="internal"` and values that
are not known constants are not flagged, nor is test code (tests of entity handling turn
these options on on purpose). Parsers used with their defaults are the job of
`xml-unsafe-parser` (off by default).

## Why is this bad?
An external entity (`<!ENTITY x SYSTEM "file:///etc/passwd">`) makes the parser read a
file or fetch a URL and put its content in the document: whoever supplies the XML reads
the server's files, reaches internal services (server-side request forgery) or hangs the
parser on an endless stream (XXE). Loading DTDs opens the same door through parameter
entities. Lifting the expansion limits lets a few hundred bytes of nested entities
("billion laughs") expand to gigabytes.

## Example
```python
from lxml import etree

def read_invoice(upload):
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    return etree.fromstring(upload.read(), parser)
```

## Use instead
```python
from lxml import etree

def read_invoice(upload):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(upload.read(), parser)
```
or `defusedxml` for the standard-library APIs.

## References
- CWE-611: Improper Restriction of XML External Entity Reference
- CWE-776: Improper Restriction of Recursive Entity References in DTDs ('XML Entity
  Expansion')
- OWASP Top 10 2025: A02 Security Misconfiguration
- lxml documentation: `XMLParser` options; Python docs: XML vulnerabilities
"#;

/// Metadata of `xml-external-entities`.
pub static META: RuleMeta = RuleMeta {
    id: "xml-external-entities",
    title: "XML parser configured to load external entities",
    category: Category::Xml,
    cwe: &[611, 776],
    owasp: Owasp::A02SecurityMisconfiguration,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects lxml parser constructors and SAX `setFeature` calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check_lxml), Check::Expr(check_set_feature)],
    modules: &["lxml", "xml"],
};

/// lxml functions that take parser options.
const LXML_PARSERS: &[&str] = &[
    "lxml.etree.XMLParser",
    "lxml.etree.XMLPullParser",
    "lxml.etree.ETCompatXMLParser",
    "lxml.etree.iterparse",
    "lxml.objectify.makeparser",
];

/// lxml options that open the parser up, with the value that does and what it does.
const LXML_OPTIONS: &[(&str, bool, &str)] = &[
    (
        "resolve_entities",
        true,
        "replaces external entities with the files or URLs they name (XXE)",
    ),
    (
        "no_network",
        false,
        "lets entities and DTDs be fetched over the network (XXE, request forgery)",
    ),
    (
        "load_dtd",
        true,
        "loads external DTDs, whose parameter entities can read files (XXE)",
    ),
    (
        "dtd_validation",
        true,
        "loads external DTDs, whose parameter entities can read files (XXE)",
    ),
    (
        "huge_tree",
        true,
        "lifts libxml2's limits on entity expansion and depth (billion laughs, CWE-776)",
    ),
];

/// SAX features that load external entities, by constant name and URI.
const SAX_FEATURES: &[(&str, &str)] = &[
    (
        "xml.sax.handler.feature_external_ges",
        "http://xml.org/sax/features/external-general-entities",
    ),
    (
        "xml.sax.handler.feature_external_pes",
        "http://xml.org/sax/features/external-parameter-entities",
    ),
];

/// Whether `value` is the constant `wanted`: `True`/`False` or a number, never a string
/// (lxml 5 accepts `resolve_entities="internal"`, which is safe).
fn is_flag(value: &Constant, wanted: bool) -> bool {
    match value {
        Constant::Bool(b) => *b == wanted,
        Constant::Int(i) => (*i != 0) == wanted,
        _ => false,
    }
}

fn check_lxml(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !LXML_PARSERS.contains(&callee) {
        return;
    }
    for &(option, wanted, effect) in LXML_OPTIONS {
        let Some(keyword) = call.arguments.find_keyword(option) else {
            continue;
        };
        if !ctx
            .constant(&keyword.value)
            .is_some_and(|v| is_flag(&v, wanted))
        {
            continue;
        }
        let meaning = if wanted { "true" } else { "false" };
        let spelled = spelled_value(ctx, &format!("{option}="), &keyword.value, meaning);
        let verb = if callee.ends_with("iterparse") {
            "called"
        } else {
            "created"
        };
        ctx.report(
            call.range(),
            format!("`{callee}` is {verb} with {spelled}: it {effect}; parse untrusted XML with `resolve_entities=False`, `no_network=True` and no DTD loading"),
        );
        return;
    }
}

/// `parser.setFeature(feature_external_ges, True)` on a SAX parser.
fn check_set_feature(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Some((call, _, "setFeature")) = as_method_call(expr) else {
        return;
    };
    let (Some(feature), Some(state)) = (
        call.arguments.find_positional(0),
        call.arguments.find_positional(1),
    ) else {
        return;
    };
    let resolved = ctx.resolve(feature);
    let uri = ctx.constant(feature);
    let known = SAX_FEATURES.iter().any(|(name, value)| {
        resolved.as_deref() == Some(*name)
            || uri.as_ref().and_then(Constant::as_str) == Some(*value)
    });
    if !known || !is_true_constant(ctx, state) {
        return;
    }
    ctx.report(
        call.range(),
        format!("`{}` makes the SAX parser load external entities, so a document can read local files or fetch URLs (XXE); leave the feature off, as it is by default since Python 3.7.1", ctx.snippet(call)),
    );
}
