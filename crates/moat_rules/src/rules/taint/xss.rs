//! `xss`: untrusted input reaches HTML without escaping (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input into HTML that is sent without escaping:

- `markupsafe.Markup` and Django `mark_safe`/`SafeString` of built text, and `format_html`
  with a template built beforehand;
- `make_response`, `HttpResponse` or an `HTMLResponse` whose body is HTML built from input,
  and an aiohttp `web.Response` declared `content_type="text/html"`;
- text a Flask view returns (`return f"<h1>{q}</h1>"`, `return body, 200`): Flask sends a
  returned `str` as `text/html`; likewise a FastAPI route declared
  `response_class=HTMLResponse`. A view is a function registered with a route decorator,
  or `dispatch_request` and the HTTP-verb methods (`get`, `post`, …) of a class derived
  from Flask's `View` or `MethodView`. Text here means an f-string, text joined with `+`,
  `%` or `.format`, `str(…)`, a local variable assigned one of these, the result of a
  project function or method every `return` of which is such text (`return
  render_row(name)`, `return self.render(name)`), or text input returned as it is
  (`return request.args.get("q")`, a route parameter, a FastAPI `str` parameter). A
  returned dict is JSON, a parsed JSON body is not text, and a tuple whose headers set a
  `Content-Type` other than HTML is not reported;
- a context value that a template writes unescaped: `{{ bio|safe }}`, or any `{{ … }}`
  inside `{% autoescape false %}` (Django: `{% autoescape off %}`), for
  `render_template_string` with a constant template, and for Flask's `render_template` and
  Django's `render`, `render_to_string` and `TemplateResponse` with a template file (`.html`,
  `.htm`, `.xhtml`, `.xml`, `.svg`, `.jinja`) found in a `templates/` folder beside or up to
  four folders above the module, or first in the folder that a Flask app or blueprint made
  in the module names (`Blueprint("admin", __name__, template_folder="pages")`, relative to
  the module's folder). A loop or `set` variable counts as the context variable it
  came from (`{% for c in comments %}{{ c.text|safe }}`: `comments`); otherwise only the
  attribute or key written counts (`{{ post.body|safe }}`: `post`'s `body`, not its
  `title`). Templates that the
  rendered one includes or extends (`{% include "_comment.html" %}`, `{% extends
  "base.html" %}`, a constant name, up to four levels) see the same context and are read
  too; a variable of the loop around an include, or given by Django's `{% include … with
  quoted=entry.text %}`, counts as the context variable it came from.

A template built from input (`render_template_string("<p>" + name + "</p>")`) is an `ssti`
finding, whose fix also ends the markup injection; it is not reported here as well.

"#,
    super::untrusted_input_doc!(),
    r#"

`html.escape()`, `markupsafe.escape()`, Django's `escape()`/`format_html()` (with a constant
template) and numeric conversion make a value safe (also when the analysed code is Django or the
standard library itself: their own `escape()` and `SafeString` building are not reported).
What a template escapes, and so the output of rendering it, is safe. The finding carries its trace:
the source, each step the value took (assignments, calls and returns, across files) and the
sink; the text output shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
Input that reaches a page as markup becomes markup: `<script>` or
`<img src=x onerror=…>` runs in the victim's browser with the site's cookies and rights,
steals sessions, and acts as the user.

## Example
```python
from flask import Flask, make_response, request

app = Flask(__name__)

@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    return make_response(f"<h1>Hello {name}</h1>")
```

## Use instead
Escape the value, or render a template with autoescaping:
```python
from markupsafe import escape
from flask import render_template

@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    return make_response(f"<h1>Hello {escape(name)}</h1>")

@app.route("/hello2")
def hello2():
    return render_template("hello.html", name=request.args.get("name", ""))
```
and in `hello.html` write `{{ name }}`, not `{{ name|safe }}`.

## References
- CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
- CWE-80: Improper Neutralization of Script-Related HTML Tags in a Web Page (Basic XSS)
- OWASP Top 10 2025: A05 Injection
"#
);

/// Metadata of `xss`.
pub static META: RuleMeta = RuleMeta {
    id: "xss",
    title: "Cross-site scripting: untrusted input in HTML output",
    category: Category::Injection,
    cwe: &[79, 80],
    owasp: Owasp::A05Injection,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule. It has no syntax checks: the taint engine reports its findings.
pub const RULE: Rule = super::taint_rule_of(&META);
