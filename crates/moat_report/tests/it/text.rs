//! The text format.

use crate::fixture::{self, SHELL, VIEWS, locate, span};
use moat_diagnostics::{Finding, Location, Position};
use moat_report::{Report, Summary, write_text};
use std::collections::HashMap;

fn render(report: &Report<'_>, sources: &HashMap<String, String>, color: bool) -> String {
    let mut out = Vec::new();
    write_text(report, sources, color, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn plain(report: &Report<'_>, sources: &HashMap<String, String>) -> String {
    render(report, sources, false)
}

/// A report of `SHELL` findings at `locations` in a file whose text is `text`.
fn shell_findings(text: &str, locations: &[Location]) -> (Vec<Finding>, HashMap<String, String>) {
    let findings = locations
        .iter()
        .map(|&location| Finding {
            rule: &SHELL,
            message: "message".to_string(),
            file: "x.py".to_string(),
            location,
            severity: SHELL.severity,
            confidence: SHELL.confidence,
            trace: Vec::new(),
            fix: None,
            fingerprint: "0".to_string(),
        })
        .collect();
    let sources = HashMap::from([("x.py".to_string(), text.to_string())]);
    (findings, sources)
}

#[test]
fn snapshot_of_the_fixture_report() {
    let findings = fixture::findings();
    let problems = fixture::problems();
    let output = plain(&fixture::report(&findings, &problems), &fixture::sources());
    insta::assert_snapshot!(output);
}

#[test]
fn colour_only_when_asked() {
    let findings = fixture::findings();
    let problems = fixture::problems();
    let report = fixture::report(&findings, &problems);
    let sources = fixture::sources();
    assert!(!plain(&report, &sources).contains('\u{1b}'));
    let coloured = render(&report, &sources, true);
    assert!(coloured.contains("\u{1b}["));
    let stripped = strip_ansi(&coloured);
    assert_eq!(stripped, plain(&report, &sources));
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn header_location_help_fix_and_trace() {
    let findings = fixture::findings();
    let output = plain(&fixture::report(&findings, &[]), &fixture::sources());
    assert!(output.contains(
        "high[subprocess-shell-true]: `subprocess.call` runs `cmd` through a shell\n \
         --> app/views.py:7:5\n"
    ));
    assert!(
        output.contains("= help: Subprocess call with `shell=True` (CWE-78; A05:2025-Injection)")
    );
    assert!(output.contains(
        "= help: Weak hash algorithm (CWE-328, CWE-327; A04:2025-Cryptographic Failures)"
    ));
    assert!(output.contains("= fix: Use `hashlib.sha256()` (unsafe fix)"));
    assert!(
        output.contains(
            "= note: step 1/3 at app/views.py:11:12: user input read from `request.args`"
        )
    );
    assert!(output.contains("= note: step 3/3 at app/views.py:12:5: executed as SQL"));
}

#[test]
fn a_file_without_source_gets_a_header_and_no_frame() {
    let findings = fixture::findings();
    let output = plain(&fixture::report(&findings, &[]), &HashMap::new());
    assert!(output.contains(
        "low[assert-used]: `assert` guards `user.is_admin`; it is removed under `python -O`\n\
         --> app/checks.py:3:5\n"
    ));
    assert!(!output.contains(" | "), "no code frame expected:\n{output}");
}

#[test]
fn problems_then_summary() {
    let problems = fixture::problems();
    let output = plain(&fixture::report(&[], &problems), &HashMap::new());
    assert_eq!(
        output,
        "error[syntax-error]: app/broken.py:3:1: expected an indented block after function definition\n\
         error[io-error]: vendor/blob.py: permission denied (os error 13)\n\
         \n\
         No findings in 4 files (1.25s); 2 files could not be analysed; 1 suppressed; 3 in baseline.\n"
    );
}

#[test]
fn no_findings_and_nothing_else() {
    let report = Report {
        findings: &[],
        problems: &[],
        rules: &fixture::RULES,
        summary: Summary {
            files_analysed: 40,
            ..Summary::default()
        },
        tool_version: "0.1.0",
    };
    assert_eq!(
        plain(&report, &HashMap::new()),
        "No findings in 40 files (0.00s).\n"
    );
}

#[test]
fn awkward_locations_do_not_panic() {
    let end = VIEWS.len();
    let no_newline = "x = 1";
    let locations = [
        // At the very end of the file, after the last newline.
        span(VIEWS, end, end),
        // An empty range in the middle of a line.
        span(VIEWS, 7, 7),
        // Spanning the whole file.
        span(VIEWS, 0, end),
        // Offsets past the end and positions past the last line.
        Location {
            start: Position {
                line: 400,
                column: 9,
            },
            end: Position {
                line: 401,
                column: 1,
            },
            start_offset: 9_000,
            end_offset: 9_100,
        },
        // Unknown position.
        Location::default(),
        // Reversed.
        Location {
            start: Position { line: 7, column: 9 },
            end: Position { line: 2, column: 1 },
            start_offset: 120,
            end_offset: 3,
        },
        // Offsets that disagree with the line number.
        Location {
            start: Position {
                line: 3,
                column: 27,
            },
            end: Position {
                line: 3,
                column: 28,
            },
            start_offset: 43,
            end_offset: 44,
        },
    ];
    let (findings, sources) = shell_findings(VIEWS, &locations);
    let report = Report {
        findings: &findings,
        ..fixture::report(&[], &[])
    };
    let output = plain(&report, &sources);
    assert_eq!(
        output.matches("high[subprocess-shell-true]").count(),
        locations.len()
    );
    assert!(output.contains("--> x.py:15:1"), "{output}");

    let (findings, sources) = shell_findings(no_newline, &[span(no_newline, 5, 5)]);
    let report = Report {
        findings: &findings,
        ..fixture::report(&[], &[])
    };
    assert!(plain(&report, &sources).contains("--> x.py:1:6"));

    let (findings, sources) = shell_findings("", &[Location::default()]);
    let report = Report {
        findings: &findings,
        ..fixture::report(&[], &[])
    };
    assert!(plain(&report, &sources).contains("--> x.py:1:1"));
}

#[test]
fn multi_line_span_is_drawn_across_its_lines() {
    let findings = fixture::findings();
    let output = plain(&fixture::report(&findings, &[]), &fixture::sources());
    let sql = output
        .split("\n\n")
        .find(|block| block.starts_with("critical[sql-injection]"))
        .unwrap();
    for line in ["12 |", "13 |", "14 |"] {
        assert!(sql.contains(line), "{sql}");
    }
}

#[test]
fn hostile_text_cannot_drive_the_terminal() {
    let text = "os.system('\u{1b}]0;pwned\u{7}' + x)  # \u{9b}31m \u{202e}evil\n";
    let location = locate(text, "x", 0);
    let (mut findings, sources) = shell_findings(text, &[location]);
    findings[0].message = "message with \u{1b}[2J escape and \u{202e} override".to_string();
    findings[0].file = "x.py".to_string();
    let report = Report {
        findings: &findings,
        ..fixture::report(&[], &[])
    };
    let output = plain(&report, &sources);
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!output.contains(bad), "{bad:?} printed raw:\n{output}");
    }
    assert!(output.contains("message with \\u{1b}[2J escape and \\u{202e} override"));
}
