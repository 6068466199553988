//! Every rule against its fixture file.
//!
//! `fixtures/<category>/<rule-id>.py` marks lines with `# expect: <rule-id>` (must be
//! flagged: the finding starts on that line), `# ok: <rule-id>` (a safe look-alike that
//! must not be) and `# todo: <rule-id>` (a known miss, must not be flagged yet). The
//! flagged lines must equal the `expect` lines exactly; the findings are snapshotted for
//! review of their messages.
//!
//! Taint rules (`moat_rules::is_taint_rule`) have no syntax checks: the taint engine reports
//! them, and their fixtures are the labelled corpus in `crates/moat_taint/tests/corpus/`
//! (same `expect`/`ok` labels, several per line separated by `;`). Here each taint rule
//! must have at least [`MIN_TAINT_CASES`] `expect` and `ok` labels there; the taint crate's
//! own tests run the corpus.

use moat_python::{ANALYSIS_STACK_SIZE, parse_module};
use moat_rules::{ModuleInput, RULES, TAINT_KINDS, check_module, is_taint_rule};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The fewest vulnerable (`expect`) and safe (`ok`) corpus cases a taint rule may have.
const MIN_TAINT_CASES: usize = 3;

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

/// The labelled taint corpus.
fn taint_corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../moat_taint/tests/corpus")
}

/// Every `.py` file under `dir`, sorted.
fn python_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(python_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "py") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The labels of one corpus line: `# expect: xss; ok: sql-injection` gives
/// `[("expect", "xss"), ("ok", "sql-injection")]`.
fn corpus_labels(line: &str) -> Vec<(&str, &str)> {
    let start = ["# expect:", "# ok:", "# todo:", "# fp:"]
        .iter()
        .filter_map(|marker| line.find(marker))
        .min();
    let Some(start) = start else {
        return Vec::new();
    };
    line[start + 1..]
        .split(';')
        .filter_map(|label| {
            let (marker, kind) = label.split_once(':')?;
            Some((marker.trim(), kind.trim()))
        })
        .collect()
}

/// For each `(marker, kind)`, how many corpus labels there are, and where each label
/// naming no taint rule is.
fn count_corpus_labels(files: &[PathBuf]) -> (BTreeMap<(String, String), usize>, Vec<String>) {
    let mut counts = BTreeMap::new();
    let mut unknown = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(file).unwrap();
        for (index, line) in source.lines().enumerate() {
            for (marker, kind) in corpus_labels(line) {
                if !TAINT_KINDS.contains(&kind) {
                    unknown.push(format!(
                        "{}:{}: `{marker}: {kind}` names no taint rule",
                        file.display(),
                        index + 1
                    ));
                }
                *counts
                    .entry((marker.to_string(), kind.to_string()))
                    .or_default() += 1;
            }
        }
    }
    (counts, unknown)
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
        templates: None,
        source: &source,
        module_name: "fixture",
        is_package: false,
        project: None,
        enabled: &enabled,
        taint_models: None,
        handed_out: None,
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
                if is_taint_rule(rule.meta) {
                    // Run by the taint engine's corpus test; see `taint_rules_have_corpus_cases`.
                    continue;
                }
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
    for rule in RULES.iter().filter(|rule| !is_taint_rule(rule.meta)) {
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

#[test]
fn taint_rules_have_corpus_cases() {
    let files = python_files(&taint_corpus_dir());
    assert!(!files.is_empty(), "the taint corpus has no `.py` files");
    let (counts, mut problems) = count_corpus_labels(&files);
    // `todo` cases are vulnerable ones the engine misses; `fp` cases are safe ones it
    // reports: both still count as cases of their side.
    for kind in TAINT_KINDS {
        for (side, markers) in [("vulnerable", ["expect", "todo"]), ("safe", ["ok", "fp"])] {
            let found: usize = markers
                .iter()
                .map(|marker| {
                    counts
                        .get(&((*marker).to_string(), (*kind).to_string()))
                        .copied()
                        .unwrap_or(0)
                })
                .sum();
            if found < MIN_TAINT_CASES {
                problems.push(format!(
                    "taint rule `{kind}` has {found} {side} corpus cases, fewer than {MIN_TAINT_CASES}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn corpus_labels_are_split_on_semicolons() {
    assert_eq!(
        corpus_labels("    cur.execute(q)  # expect: sql-injection; ok: xss"),
        [("expect", "sql-injection"), ("ok", "xss")]
    );
    assert_eq!(
        corpus_labels("run(x)  # noqa  # todo: command-injection"),
        [("todo", "command-injection")]
    );
    assert!(corpus_labels("x = 1  # a comment").is_empty());
}

#[test]
fn corpus_label_counts_name_unknown_kinds() {
    let dir = std::env::temp_dir().join(format!("moat-corpus-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("flask")).unwrap();
    let case = dir.join("flask/views.py");
    std::fs::write(
        &case,
        "a(x)  # expect: xss\nb(x)  # ok: xss; expect: sql-injectoin\nc()  # ok: xss\n",
    )
    .unwrap();
    let files = python_files(&dir);
    assert_eq!(files, std::slice::from_ref(&case));
    let (counts, unknown) = count_corpus_labels(&files);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(counts[&("ok".to_string(), "xss".to_string())], 2);
    assert_eq!(counts[&("expect".to_string(), "xss".to_string())], 1);
    assert_eq!(
        unknown,
        [format!(
            "{}:2: `expect: sql-injectoin` names no taint rule",
            case.display()
        )]
    );
}
