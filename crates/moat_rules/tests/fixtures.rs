//! Every rule against its fixture file.
//!
//! `fixtures/<category>/<rule-id>.py` marks lines with `# expect: <rule-id>` (must be
//! flagged: the finding starts on that line), `# ok: <rule-id>` (a safe look-alike that
//! must not be) and `# todo: <rule-id>` (a known miss, must not be flagged yet). The
//! flagged lines must equal the `expect` lines exactly; the findings are snapshotted for
//! review of their messages.

use moat_python::{ANALYSIS_STACK_SIZE, parse_module};
use moat_rules::{ModuleInput, RULES, check_module};
use std::fmt::Write;
use std::path::PathBuf;

fn fixture_path(category: &str, id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(category)
        .join(format!("{id}.py"))
}

/// Lines (1-based) carrying `# <marker>: <id>`.
fn marked_lines(source: &str, marker: &str, id: &str) -> Vec<u32> {
    let needle = format!("# {marker}: {id}");
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.match_indices(&needle).any(|(at, _)| {
                let rest = &line[at + needle.len()..];
                !rest.starts_with(|c: char| c == '-' || c.is_alphanumeric())
            })
        })
        .map(|(i, _)| u32::try_from(i + 1).unwrap())
        .collect()
}

fn run_rule(index: usize, category: &str, id: &str) -> (String, Vec<String>) {
    let path = fixture_path(category, id);
    let source = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("rule `{id}` has no fixture at {}: {e}", path.display()));
    let parsed = parse_module(&source).unwrap_or_else(|e| panic!("{id} fixture: {e:?}"));
    let mut enabled = vec![false; RULES.len()];
    enabled[index] = true;
    let display = format!("fixtures/{category}/{id}.py");
    let input = ModuleInput {
        path: &display,
        source: &source,
        module_name: "fixture",
        is_package: false,
        project: None,
        enabled: &enabled,
    };
    let checked = check_module(&input, &parsed);
    let expected = marked_lines(&source, "expect", id);
    let flagged: Vec<u32> = checked
        .findings
        .iter()
        .map(|f| f.location.start.line)
        .collect();
    let mut problems = Vec::new();
    for line in &flagged {
        if !expected.contains(line) {
            let kind = if marked_lines(&source, "ok", id).contains(line) {
                "false alarm on a safe look-alike"
            } else if marked_lines(&source, "todo", id).contains(line) {
                "a known miss is now found: change `todo` to `expect`"
            } else {
                "unexpected finding"
            };
            problems.push(format!("{display}:{line}: {kind}"));
        }
    }
    for line in &expected {
        if !flagged.contains(line) {
            problems.push(format!("{display}:{line}: expected a finding, got none"));
        }
    }
    let mut snapshot = String::new();
    for finding in &checked.findings {
        let line_text = source
            .lines()
            .nth(finding.location.start.line as usize - 1)
            .unwrap_or_default();
        writeln!(
            snapshot,
            "{}:{}-{}:{} [{}/{}] {}\n    | {}",
            finding.location.start.line,
            finding.location.start.column,
            finding.location.end.line,
            finding.location.end.column,
            finding.severity,
            finding.confidence,
            finding.message,
            line_text.trim_end()
        )
        .unwrap();
    }
    writeln!(snapshot, "suppressed: {}", checked.suppressed).unwrap();
    (snapshot, problems)
}

#[test]
fn every_rule_matches_its_fixture() {
    // Run on a thread with the stack size the real analysis uses.
    std::thread::Builder::new()
        .stack_size(ANALYSIS_STACK_SIZE)
        .spawn(|| {
            let mut problems = Vec::new();
            for (index, rule) in RULES.iter().enumerate() {
                let id = rule.meta.id;
                let (snapshot, mut rule_problems) = run_rule(index, rule.meta.category.as_str(), id);
                problems.append(&mut rule_problems);
                insta::with_settings!({snapshot_suffix => id, prepend_module_to_snapshot => false}, {
                    insta::assert_snapshot!("findings", snapshot);
                });
            }
            assert!(problems.is_empty(), "\n{}", problems.join("\n"));
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn fixture_markers_name_existing_rules() {
    for rule in RULES {
        let path = fixture_path(rule.meta.category.as_str(), rule.meta.id);
        let source = std::fs::read_to_string(&path).unwrap();
        assert!(
            !marked_lines(&source, "expect", rule.meta.id).is_empty(),
            "{} fixture has no `# expect:` line",
            rule.meta.id
        );
        assert!(
            !marked_lines(&source, "ok", rule.meta.id).is_empty(),
            "{} fixture has no `# ok:` safe look-alike",
            rule.meta.id
        );
    }
}
