//! `xml-unsafe-parser`: XML parsed with a parser whose defaults are safe only with recent
//! versions of expat, Python or lxml.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Flags XML parsing with the standard library's parsers and with lxml's default parser, the
calls Bandit reports as B313–B320 and B405–B411:
- `xml.etree.ElementTree` and `xml.etree.cElementTree`: `parse`, `iterparse`,
  `fromstring`, `fromstringlist`, `XML`, `XMLID`, `XMLParser`, `XMLPullParser`;
- `xml.dom.minidom`, `xml.dom.pulldom` and `xml.dom.expatbuilder`: `parse`,
  `parseString`; `xml.sax`: `parse`, `parseString`, `make_parser`;
  `xml.sax.expatreader.create_parser`;
- `xmlrpc.server` servers (`SimpleXMLRPCServer`, `DocXMLRPCServer`,
  `CGIXMLRPCRequestHandler`, `MultiPathXMLRPCServer`) and `xmlrpc.client.loads`, which
  parse requests with expat;
- `lxml.etree.parse`, `fromstring`, `XML`, `fromstringlist` and `XMLID`.

Calls given a `parser` (such as a `defusedxml` one) are not flagged: the parser decides,
and a standard-library `XMLParser` is reported where it is created.

**Off by default, medium severity, low confidence**, because with current versions these
parsers are safe against the worst attacks:
- the standard-library parsers do not load external entities (`xml.etree` and `minidom`
  never did; `xml.sax` and `pulldom` stopped in Python 3.7.1), but they do expand internal
  entities, and only expat 2.4.1 (2021) and later limit that expansion ("billion
  laughs", quadratic blow-up). Python builds bundle a recent expat, but Linux
  distributions link the system one, which may be older;
- lxml's default parser resolved external entities from local files (XXE) up to lxml
  4.9; lxml 5.0 (2024) resolves only internal ones.

Enable it (`--extend-select xml-unsafe-parser`) for code that parses XML from
untrusted sources on platforms whose expat or lxml you do not control. Test code is not
checked. Parsers configured to load entities are flagged by `xml-external-entities`,
which is on by default.

## Why is this bad?
A few hundred bytes of nested entity definitions can expand to gigabytes in memory and
take a service down; with external entities a document can also read local files and
reach internal URLs. `defusedxml` wraps the same APIs and refuses entity declarations
outright.

## Example
```python
import xml.etree.ElementTree as ET

def import_feed(upload):
    return ET.fromstring(upload.read())
```

## Use instead
```python
import defusedxml.ElementTree as ET

def import_feed(upload):
    return ET.fromstring(upload.read())
```
For lxml, pass `parser=etree.XMLParser(resolve_entities=False, no_network=True)`; for
`xmlrpc`, call `defusedxml.xmlrpc.monkey_patch()`.

## References
- CWE-776: Improper Restriction of Recursive Entity References in DTDs ('XML Entity
  Expansion')
- CWE-611: Improper Restriction of XML External Entity Reference
- OWASP Top 10 2025: A02 Security Misconfiguration
- Python docs: XML vulnerabilities; lxml 5.0 changelog; `defusedxml`
"#;

/// Metadata of `xml-unsafe-parser`.
pub static META: RuleMeta = RuleMeta {
    id: "xml-unsafe-parser",
    title: "XML parsed without defusedxml",
    category: Category::Xml,
    cwe: &[776, 611],
    owasp: Owasp::A02SecurityMisconfiguration,
    severity: Severity::Medium,
    confidence: Confidence::Low,
    default_enabled: false,
    checks_test_code: false,
    bandit: &[
        "B313", "B314", "B315", "B316", "B317", "B318", "B319", "B320", "B405", "B406", "B407",
        "B408", "B409", "B410", "B411",
    ],
    ruff: &[
        "S313", "S314", "S315", "S316", "S317", "S318", "S319", "S405", "S406", "S407", "S408",
        "S409", "S411",
    ],
    docs: DOCS,
};

/// The rule: inspects calls into the XML parsers.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["xml", "xmlrpc", "lxml"],
};

/// Parsing functions by module, and how the module handles entities.
const PARSERS: &[(&str, &[&str], Kind)] = &[
    ("xml.etree.ElementTree", ETREE, Kind::Expat),
    ("xml.etree.cElementTree", ETREE, Kind::Expat),
    ("xml.dom.minidom", DOM, Kind::Expat),
    ("xml.dom.expatbuilder", DOM, Kind::Expat),
    ("xml.dom.pulldom", DOM, Kind::Sax),
    (
        "xml.sax",
        &["parse", "parseString", "make_parser"],
        Kind::Sax,
    ),
    ("xml.sax.expatreader", &["create_parser"], Kind::Sax),
    (
        "xmlrpc.server",
        &[
            "SimpleXMLRPCServer",
            "DocXMLRPCServer",
            "CGIXMLRPCRequestHandler",
            "MultiPathXMLRPCServer",
        ],
        Kind::XmlRpc,
    ),
    ("xmlrpc.client", &["loads"], Kind::XmlRpc),
    (
        "lxml.etree",
        &["parse", "fromstring", "XML", "fromstringlist", "XMLID"],
        Kind::Lxml,
    ),
];

const ETREE: &[&str] = &[
    "parse",
    "iterparse",
    "fromstring",
    "fromstringlist",
    "XML",
    "XMLID",
    "XMLParser",
    "XMLPullParser",
];
const DOM: &[&str] = &["parse", "parseString"];

/// How a parser family treats entities, which decides the message.
#[derive(Clone, Copy)]
enum Kind {
    Expat,
    Sax,
    XmlRpc,
    Lxml,
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some((module, function)) = callee.rsplit_once('.') else {
        return;
    };
    let Some(&(_, _, kind)) = PARSERS
        .iter()
        .find(|(m, functions, _)| *m == module && functions.contains(&function))
    else {
        return;
    };
    // A parser of the caller's choosing (such as a defused one) decides what is safe; a
    // standard-library `XMLParser` passed here is reported where it is made.
    let parser_position = if function == "iterparse" { 2 } else { 1 };
    if !module.starts_with("xml.sax")
        && !matches!(kind, Kind::XmlRpc)
        && call
            .arguments
            .find_argument_value("parser", parser_position)
            .is_some()
    {
        return;
    }
    let risk = match kind {
        Kind::Expat => {
            "expands entities, without limit when linked to expat older than 2.4.1 (billion laughs)"
        }
        Kind::Sax => {
            "expands entities, without limit when linked to expat older than 2.4.1, and loaded external entities before Python 3.7.1"
        }
        Kind::XmlRpc => {
            "parses every request with expat, which expands entities without limit when older than 2.4.1"
        }
        Kind::Lxml => {
            "uses lxml's default parser, which before lxml 5.0 replaces external entities with local files (XXE)"
        }
    };
    let instead = match kind {
        Kind::Lxml => "pass `parser=etree.XMLParser(resolve_entities=False, no_network=True)`",
        Kind::XmlRpc => "call `defusedxml.xmlrpc.monkey_patch()` first",
        Kind::Expat | Kind::Sax => "for untrusted XML use the same function from `defusedxml`",
    };
    // A server's first argument is its address, not its input.
    let input = call
        .arguments
        .find_positional(0)
        .filter(|_| !module.starts_with("xmlrpc.server"))
        .map_or_else(String::new, |a| format!(" on `{}`", ctx.snippet(a)));
    ctx.report(call.range(), format!("`{callee}`{input} {risk}; {instead}"));
}
