//! A small, fixed report used by every format's tests: four rules, four findings (one with
//! a trace spanning lines, one with a fix and a non-ASCII message, one whose source is not
//! available) and two problems.

use moat_diagnostics::{
    Applicability, Category, Confidence, Edit, Finding, Fix, Location, Owasp, Position, Problem,
    ProblemKind, RuleMeta, Severity, TraceStep,
};
use moat_report::{Report, Summary};
use std::collections::HashMap;
use std::time::Duration;

pub static SHELL: RuleMeta = RuleMeta {
    id: "subprocess-shell-true",
    title: "Subprocess call with `shell=True`",
    category: Category::Injection,
    cwe: &[78],
    owasp: Owasp::A05Injection,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B602"],
    ruff: &["S602"],
    docs: "## What it does\nChecks for `subprocess` calls with `shell=True`.\n\n\
           ## Why is this bad?\nThe shell interprets metacharacters in the command.\n",
};

pub static SQL: RuleMeta = RuleMeta {
    id: "sql-injection",
    title: "SQL query built from user input",
    category: Category::Injection,
    cwe: &[89],
    owasp: Owasp::A05Injection,
    severity: Severity::Critical,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B608"],
    ruff: &["S608"],
    docs: "## What it does\nFinds SQL queries that contain request data.\n\n\
           ## Use instead\nQuery parameters.\n",
};

pub static MD5: RuleMeta = RuleMeta {
    id: "weak-hash",
    title: "Weak hash algorithm",
    category: Category::Crypto,
    cwe: &[328, 327],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B324"],
    ruff: &["S324"],
    docs: "## What it does\nChecks for MD5 and SHA-1 used as security hashes.\n",
};

pub static ASSERT: RuleMeta = RuleMeta {
    id: "assert-used",
    title: "`assert` used for a security check",
    category: Category::Code,
    cwe: &[],
    owasp: Owasp::A10MishandlingOfExceptionalConditions,
    severity: Severity::Low,
    confidence: Confidence::Low,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B101"],
    ruff: &["S101"],
    docs: "",
};

pub static RULES: [&RuleMeta; 4] = [&SHELL, &SQL, &MD5, &ASSERT];

pub const VIEWS: &str = "\
import subprocess
from flask import request


def run():
    cmd = request.args.get(\"cmd\")
    subprocess.call(cmd, shell=True)


def search(db):
    name = request.args[\"name\"]
    db.execute(
        \"SELECT * FROM users WHERE name = '%s'\" % name
    )
";

pub const CRYPTO: &str = "\
import hashlib

def digest(data):  # naïve checksum
    return hashlib.md5(data).hexdigest()
";

/// The location of the `nth` (0-based) occurrence of `needle` in `text`, with consistent
/// positions and byte offsets.
pub fn locate(text: &str, needle: &str, nth: usize) -> Location {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` not in fixture"))
        .0;
    span(text, start, start + needle.len())
}

/// The location of bytes `start..end` of `text`.
pub fn span(text: &str, start: usize, end: usize) -> Location {
    Location {
        start: position(text, start),
        end: position(text, end),
        start_offset: start as u32,
        end_offset: end as u32,
    }
}

fn position(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    Position {
        line: line as u32,
        column: column as u32,
    }
}

fn finding(rule: &'static RuleMeta, file: &str, location: Location, message: &str) -> Finding {
    Finding {
        rule,
        message: message.to_string(),
        file: file.to_string(),
        location,
        severity: rule.severity,
        confidence: rule.confidence,
        trace: Vec::new(),
        fix: None,
        fingerprint: format!("{:016x}", fxhash(&format!("{}{file}{message}", rule.id))),
    }
}

/// A tiny stable hash so fingerprints look real and differ.
fn fxhash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub fn findings() -> Vec<Finding> {
    let assert = finding(
        &ASSERT,
        "app/checks.py",
        Location {
            start: Position { line: 3, column: 5 },
            end: Position {
                line: 3,
                column: 28,
            },
            start_offset: 40,
            end_offset: 63,
        },
        "`assert` guards `user.is_admin`; it is removed under `python -O`",
    );

    let mut md5 = finding(
        &MD5,
        "app/crypto.py",
        locate(CRYPTO, "hashlib.md5(data)", 0),
        "`hashlib.md5()` is a broken hash — naïve checksums can be forged",
    );
    md5.fix = Some(Fix {
        description: "Use `hashlib.sha256()`".to_string(),
        applicability: Applicability::Unsafe,
        edits: vec![Edit {
            location: locate(CRYPTO, "md5", 0),
            content: "sha256".to_string(),
        }],
    });

    let shell = finding(
        &SHELL,
        "app/views.py",
        locate(VIEWS, "subprocess.call(cmd, shell=True)", 0),
        "`subprocess.call` runs `cmd` through a shell",
    );

    let query_start = VIEWS.find("db.execute(").unwrap();
    let query_end = VIEWS.rfind(')').unwrap() + 1;
    let mut sql = finding(
        &SQL,
        "app/views.py",
        span(VIEWS, query_start, query_end),
        "`db.execute` runs a query built from `request.args`",
    );
    sql.trace = vec![
        TraceStep {
            file: "app/views.py".to_string(),
            location: locate(VIEWS, "request.args[\"name\"]", 0),
            message: "user input read from `request.args`".to_string(),
        },
        TraceStep {
            file: "app/views.py".to_string(),
            location: locate(VIEWS, "\"SELECT * FROM users WHERE name = '%s'\" % name", 0),
            message: "formatted into a query string".to_string(),
        },
        TraceStep {
            file: "app/views.py".to_string(),
            location: locate(VIEWS, "db.execute", 0),
            message: "executed as SQL".to_string(),
        },
    ];

    let mut findings = vec![sql, shell, md5, assert];
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

pub fn problems() -> Vec<Problem> {
    vec![
        Problem::new(
            "app/broken.py",
            ProblemKind::SyntaxError,
            "expected an indented block after function definition",
        )
        .at(Position { line: 3, column: 1 }),
        Problem::new(
            "vendor/blob.py",
            ProblemKind::IoError,
            "permission denied (os error 13)",
        ),
    ]
}

pub fn sources() -> HashMap<String, String> {
    HashMap::from([
        ("app/views.py".to_string(), VIEWS.to_string()),
        ("app/crypto.py".to_string(), CRYPTO.to_string()),
    ])
}

pub fn summary() -> Summary {
    Summary {
        files_analysed: 4,
        files_with_problems: 2,
        suppressed: 1,
        baselined: 3,
        test_files_limited: 0,
        duration: Duration::from_millis(1250),
    }
}

pub fn report<'a>(findings: &'a [Finding], problems: &'a [Problem]) -> Report<'a> {
    Report {
        findings,
        problems,
        rules: &RULES,
        summary: summary(),
        tool_version: "0.1.0",
    }
}
