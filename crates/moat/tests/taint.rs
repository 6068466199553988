//! Taint findings end to end: a flow across two modules of a Flask app, its trace in the
//! text, JSON and SARIF outputs (SARIF checked against the official 2.1.0 schema),
//! suppression on the sink's line, the `[tool.moat.taint] untrusted` setting, and the
//! pattern finding a taint finding replaces.

mod common;
use common::Project;
use serde_json::Value;

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/schemas/sarif-schema-2.1.0.json"
);

const APP: &str = "\
# --- file: shop/__init__.py
# --- file: shop/db.py
import sqlite3


def find(name):
    conn = sqlite3.connect(\"shop.db\")
    return conn.execute(f\"SELECT * FROM items WHERE name = '{name}'\").fetchall()


def find_safely(name):
    conn = sqlite3.connect(\"shop.db\")
    return conn.execute(\"SELECT * FROM items WHERE name = ?\", (name,)).fetchall()


def purge(pattern):
    conn = sqlite3.connect(\"shop.db\")
    conn.execute(f\"DELETE FROM items WHERE name LIKE '{pattern.strip()}'\")
# --- file: shop/views.py
import sys

from flask import Flask, request

from .db import find, find_safely, purge

app = Flask(__name__)


@app.get(\"/search\")
def search():
    term = request.args.get(\"q\", \"\")
    find_safely(term)
    return {\"items\": find(term)}


def cli():
    purge(sys.argv[1])
";

#[test]
fn a_flow_across_modules_is_reported_at_the_sink_with_its_trace() {
    let project = Project::with_files(APP);
    let run = project.moat(&["check", "--select", "sql-injection"]);
    run.assert_code(1);
    let text = &run.stdout;
    assert!(
        text.contains("high[sql-injection]: untrusted input from `flask.request.args` reaches"),
        "{text}"
    );
    assert!(text.contains("shop/db.py:6:12"), "{text}");
    assert!(
        text.contains("untrusted input: `flask.request.args`"),
        "{text}"
    );
    assert!(text.contains("passed to `find` as `name`"), "{text}");
    assert!(text.contains("Found 1 finding"), "{text}");

    let json: Value = serde_json::from_str(
        &project
            .moat(&["check", "--select", "sql-injection", "--format", "json"])
            .stdout,
    )
    .unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    let trace = findings[0]["trace"].as_array().unwrap();
    assert_eq!(trace.first().unwrap()["file"], "shop/views.py");
    assert_eq!(trace.last().unwrap()["file"], "shop/db.py");
}

#[test]
fn taint_traces_are_valid_sarif_code_flows() {
    let project = Project::with_files(APP);
    let run = project.moat(&["check", "--select", "sql-injection", "--format", "sarif"]);
    run.assert_code(1);
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(SCHEMA).expect("the SARIF schema in ../shared"),
    )
    .unwrap();
    let validator = jsonschema::options()
        .build(&schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "sql-injection");
    let steps = result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .unwrap();
    assert!(steps.len() >= 3, "{steps:#?}");
}

#[test]
fn a_suppression_on_the_sink_silences_it_and_local_input_is_opt_in() {
    let project = Project::with_files(APP);
    let db = std::fs::read_to_string(project.path().join("shop/db.py")).unwrap();
    project.write(
        "shop/db.py",
        db.replace(
            ".fetchall()\n\n\ndef find_safely",
            ".fetchall()  # moat: ignore[sql-injection]\n\n\ndef find_safely",
        ),
    );
    project
        .moat(&["check", "--select", "sql-injection"])
        .assert_code(0);

    // `purge` is reached only from the command line: reported once that is untrusted.
    let project = Project::with_files(APP);
    project.write(
        "moat.toml",
        "[taint]\nuntrusted = [\"remote\", \"local\"]\n",
    );
    let json: Value = serde_json::from_str(
        &project
            .moat(&["check", "--select", "sql-injection", "--format", "json"])
            .stdout,
    )
    .unwrap();
    let sources: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["trace"][0]["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "untrusted input: `flask.request.args`",
            "untrusted input: `sys.argv`"
        ]
    );
}

#[test]
fn a_taint_finding_replaces_the_pattern_finding_on_its_line() {
    let project = Project::with_files(APP);
    let both = project
        .moat(&[
            "check",
            "--select",
            "sql-injection,sql-string-built",
            "--format",
            "json",
        ])
        .findings();
    // `find` is reached from the request: the taint rule reports it, with the trace; the
    // pattern rule still reports `purge`'s query, which no untrusted input reaches.
    assert_eq!(
        both,
        [
            ("shop/db.py".to_string(), 6, "sql-injection".to_string()),
            ("shop/db.py".to_string(), 16, "sql-string-built".to_string()),
        ]
    );
    // Without the taint rule the pattern rule reports both queries.
    let pattern_only = project
        .moat(&["check", "--select", "sql-string-built", "--format", "json"])
        .findings();
    assert_eq!(
        pattern_only,
        [
            ("shop/db.py".to_string(), 6, "sql-string-built".to_string()),
            ("shop/db.py".to_string(), 16, "sql-string-built".to_string()),
        ]
    );
}

const TEMPLATED: &str = "\
# --- file: blog/__init__.py
# --- file: blog/views.py
from flask import Flask, render_template, request

app = Flask(__name__)


@app.get(\"/post\")
def post():
    return render_template(\"post.html\", body=request.args[\"body\"])


@app.get(\"/binary\")
def binary():
    return render_template(\"binary.html\", body=request.args[\"body\"])


@app.get(\"/folder\")
def folder():
    return render_template(\"folder.html\", body=request.args[\"body\"])


@app.get(\"/huge\")
def huge():
    return render_template(\"huge.html\", body=request.args[\"body\"])


@app.get(\"/missing\")
def missing():
    return render_template(\"missing.html\", body=request.args[\"body\"])


@app.get(\"/outside\")
def outside():
    return render_template(\"../secret.html\", body=request.args[\"body\"])
# --- file: templates/post.html
<div>{{ body|safe }}</div>
";

#[test]
fn templates_are_read_from_templates_folders_and_bad_ones_are_skipped() {
    let project = Project::with_files(TEMPLATED);
    // Not valid UTF-8, but `{{ body|safe }}` is still there.
    project.write(
        "blog/templates/binary.html",
        b"\xff\xfe<div>{{ body|safe }}</div>\x00",
    );
    std::fs::create_dir_all(project.path().join("templates/folder.html")).unwrap();
    let mut huge = "<p>padding</p>\n".repeat(80_000);
    huge.push_str("{{ body|safe }}");
    project.write("templates/huge.html", huge);
    project.write("secret.html", "{{ body|safe }}");
    let run = project.moat(&["check", "--select", "xss", "--format", "json"]);
    run.assert_code(1);
    let lines: Vec<u64> = run.findings().iter().map(|(_, line, _)| *line).collect();
    // `post.html` (in the folder above the module's) and the binary one; not the
    // folder, the template over 1 MiB, the missing one or one outside `templates/`.
    assert_eq!(lines, [8, 13], "{}", run.stdout);
    assert!(run.errors().is_empty(), "{:?}", run.errors());
    let json = run.json();
    let message = json["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("`{{ body|safe }}` in template `post.html`"),
        "{message}"
    );
}
