//! `xxe`: an untrusted XML document reaches a parser that resolves entities (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows an untrusted XML document to a parser that resolves external entities or expands
entities without limit: lxml `etree.fromstring`, `XML` and `parse` with the default parser
(which resolves entities before lxml 5) or one made with `resolve_entities=True`,
`load_dtd=True` or `no_network=False`, and `xml.sax` parsers with `feature_external_ges` or
`feature_external_pes` turned on.

"#,
    super::untrusted_input_doc!(),
    r#"

`defusedxml` functions are the safe path and are not reported; nor is a document that is a
constant or read from the application's own files, or lxml's parser made with
`resolve_entities=False`. The finding carries its trace: the source, each step the value
took (assignments, calls and returns, across files) and the sink; the text output shows it
under the code frame and SARIF as `codeFlows`.

## Why is this bad?
An entity such as `<!ENTITY x SYSTEM "file:///etc/passwd">` makes the parser read local
files or fetch URLs from inside the network (SSRF) and put them in the document; nested
entities ("billion laughs") take all memory.

## Example
```python
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
PARSER = etree.XMLParser(resolve_entities=True)

@app.post("/import")
def import_xml():
    doc = etree.fromstring(request.data, PARSER)
    return doc.findtext("name")
```

## Use instead
Parse untrusted XML with `defusedxml`, or turn entity resolution off:
```python
import defusedxml.ElementTree as ET

@app.post("/import")
def import_xml():
    doc = ET.fromstring(request.data)
    return doc.findtext("name")
```

## References
- CWE-611: Improper Restriction of XML External Entity Reference
- CWE-776: Improper Restriction of Recursive Entity References in DTDs ('XML Entity Expansion')
- OWASP Top 10 2025: A02 Security Misconfiguration
- Python documentation: XML vulnerabilities (`xml` package)
"#
);

/// Metadata of `xxe`.
pub static META: RuleMeta = RuleMeta {
    id: "xxe",
    title: "XML external entities: untrusted document parsed with entity resolution",
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

/// The rule. It has no syntax checks: the taint engine reports its findings.
pub const RULE: Rule = super::taint_rule_of(&META);
