//! The labelled taint corpus (`tests/corpus/`, format in its README): every `expect` and
//! `fp` label must be reported and no `ok` or `todo` label may be; any finding on a line
//! without a label for its kind fails too.
//!
//! `MOAT_CORPUS_BLESS=1` rewrites the labels to what the analysis reports now (`expect` ↔
//! `todo`, `ok` ↔ `fp`), for review in the diff. `MOAT_CORPUS_REPORT=FILE` writes the
//! per-kind counts as TSV (read by `bench/taint.py`).

use moat_models::KINDS;
use moat_python::{LineIndex, parse_module};
use moat_semantic::{ModuleExports, ProjectIndex, SemanticModel, module_name_for_path};
use moat_taint::templates::template_candidates;
use moat_taint::{Options, analyse, lower_module_with_templates};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// One module of a case.
struct Section {
    path: String,
    text: String,
    /// Line of the corpus file where the section's first line is (0-based).
    first_line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Label {
    Expect,
    Ok,
    Todo,
    Fp,
}

impl Label {
    fn parse(word: &str) -> Option<Label> {
        match word {
            "expect" => Some(Label::Expect),
            "ok" => Some(Label::Ok),
            "todo" => Some(Label::Todo),
            "fp" => Some(Label::Fp),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Label::Expect => "expect",
            Label::Ok => "ok",
            Label::Todo => "todo",
            Label::Fp => "fp",
        }
    }

    /// Whether the line is truly vulnerable.
    fn vulnerable(self) -> bool {
        matches!(self, Label::Expect | Label::Todo)
    }

    /// Whether the analysis is expected to report the line now.
    fn reported(self) -> bool {
        matches!(self, Label::Expect | Label::Fp)
    }

    /// The label that says what the analysis does now.
    fn blessed(self, reported: bool) -> Label {
        match (self.vulnerable(), reported) {
            (true, true) => Label::Expect,
            (true, false) => Label::Todo,
            (false, true) => Label::Fp,
            (false, false) => Label::Ok,
        }
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn cases() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![corpus_dir()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("corpus folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "py") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn sections(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(path) = line.strip_prefix("# --- file:") {
            out.push(Section {
                path: path.trim().to_string(),
                text: String::new(),
                first_line: i + 1,
            });
            continue;
        }
        if out.is_empty() {
            out.push(Section {
                path: "app.py".to_string(),
                text: String::new(),
                first_line: 0,
            });
        }
        let section = out.last_mut().expect("a section");
        section.text.push_str(line);
        section.text.push('\n');
    }
    out
}

/// Labels of one line: `(label, kind)` pairs.
fn line_labels(line: &str) -> Vec<(Label, String)> {
    let mut out = Vec::new();
    let Some(hash) = line.rfind("# ").filter(|&i| {
        let rest = &line[i + 2..];
        ["expect:", "ok:", "todo:", "fp:"]
            .iter()
            .any(|p| rest.starts_with(p))
    }) else {
        return out;
    };
    for part in line[hash + 2..].split(';') {
        if let Some((word, kind)) = part.trim().split_once(':')
            && let Some(label) = Label::parse(word.trim())
        {
            out.push((label, kind.trim().to_string()));
        }
    }
    out
}

/// What the analysis reports for one case, `(corpus line, kind)` with the trace, and
/// the model rows that matched its code.
fn analyse_case(
    text: &str,
    untrusted: &[moat_models::Threat],
) -> (BTreeMap<(usize, String), String>, Vec<moat_models::RowId>) {
    // Sections that are not Python are templates the modules render.
    let (sections, templates): (Vec<Section>, Vec<Section>) = sections(text)
        .into_iter()
        .partition(|s| s.path.ends_with(".py"));
    let package_dirs: HashSet<PathBuf> = sections
        .iter()
        .filter(|s| s.path.ends_with("__init__.py"))
        .filter_map(|s| Path::new(&s.path).parent().map(Path::to_path_buf))
        .collect();
    let is_package_dir = |dir: &Path| package_dirs.contains(dir);
    let names: Vec<(String, bool)> = sections
        .iter()
        .map(|s| module_name_for_path(Path::new(&s.path), &is_package_dir))
        .collect();
    let parsed: Vec<_> = sections
        .iter()
        .map(|s| parse_module(&s.text).unwrap_or_else(|e| panic!("{}: {e:?}", s.path)))
        .collect();
    let mut project = ProjectIndex::new();
    for (p, (name, is_package)) in parsed.iter().zip(&names) {
        let model = SemanticModel::module_level(p.suite(), name, *is_package);
        project.insert(name.clone(), ModuleExports::from_model(&model));
    }
    let models = moat_models::builtin();
    let modules: Vec<_> = parsed
        .iter()
        .zip(&names)
        .zip(&sections)
        .map(|((p, (name, is_package)), s)| {
            let model = SemanticModel::new(p.suite(), name, *is_package, Some(&project));
            let template = |folder: &str, name: &str| {
                template_candidates(Path::new(&s.path), folder, name)
                    .iter()
                    .find_map(|c| {
                        let c = without_dot_dot(c);
                        templates.iter().find(|t| Path::new(&t.path) == c)
                    })
                    .map(|t| t.text.clone())
            };
            lower_module_with_templates(p.suite(), &model, &models, &s.path, &template)
        })
        .collect();
    let options = Options {
        untrusted: untrusted.to_vec(),
        ..Options::default()
    };
    let result = analyse(&modules, &models, &options);
    assert!(result.problems.is_empty(), "{:?}", result.problems);
    let findings = result
        .findings
        .iter()
        .map(|f| {
            let section = &sections[f.module as usize];
            let index = LineIndex::new(&section.text);
            let line = index.position(f.range.start(), &section.text).line as usize;
            let trace: Vec<String> = f
                .trace
                .iter()
                .map(|step| {
                    let s = &sections[step.module as usize];
                    let i = LineIndex::new(&s.text);
                    let line = i.position(step.range.start(), &s.text).line;
                    format!("{}:{line}: {}", s.path, step.message)
                })
                .collect();
            (
                (section.first_line + line - 1, f.kind.name().to_string()),
                trace.join("\n      "),
            )
        })
        .collect();
    (findings, models.used_rows())
}

#[derive(Default)]
struct Counts {
    by_label: BTreeMap<(String, Label), usize>,
}

#[test]
fn labelled_corpus() {
    let bless = std::env::var_os("MOAT_CORPUS_BLESS").is_some();
    let mut failures = Vec::new();
    let mut counts = Counts::default();
    let mut used_rows = BTreeSet::new();
    let only = std::env::var("MOAT_CORPUS_ONLY").ok();
    let cases: Vec<PathBuf> = cases()
        .into_iter()
        .filter(|p| {
            only.as_deref()
                .is_none_or(|o| p.to_string_lossy().contains(o))
        })
        .collect();
    assert!(!cases.is_empty());
    for path in &cases {
        let text = std::fs::read_to_string(path).expect("case");
        // `cli_*.py` cases are labelled as if command-line input were untrusted, `env_*.py`
        // ones as if the environment were too.
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let mut untrusted = vec![moat_models::Threat::Remote];
        if file_name.starts_with("cli_") || file_name.starts_with("env_") {
            untrusted.push(moat_models::Threat::Local);
        }
        if file_name.starts_with("env_") {
            untrusted.push(moat_models::Threat::Environment);
        }
        let (reported, used) = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn({
                let text = text.clone();
                move || analyse_case(&text, &untrusted)
            })
            .expect("thread")
            .join()
            .unwrap_or_else(|_| panic!("analysis panicked on {}", path.display()));
        used_rows.extend(used);
        let name = path
            .strip_prefix(corpus_dir())
            .unwrap_or(path)
            .display()
            .to_string();
        let mut labelled: BTreeSet<(usize, String)> = BTreeSet::new();
        let mut new_lines = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let labels = line_labels(line);
            let mut rewritten = Vec::new();
            for (label, kind) in &labels {
                assert!(
                    KINDS.contains(&kind.as_str()),
                    "{name}:{}: unknown kind `{kind}`",
                    i + 1
                );
                labelled.insert((i, kind.clone()));
                let is_reported = reported.contains_key(&(i, kind.clone()));
                *counts
                    .by_label
                    .entry((kind.clone(), label.blessed(is_reported)))
                    .or_default() += 1;
                if is_reported != label.reported() {
                    let trace = reported
                        .get(&(i, kind.clone()))
                        .map(|t| format!("\n      {t}"))
                        .unwrap_or_default();
                    failures.push(format!(
                        "{name}:{}: labelled `{}: {kind}` but {}{trace}",
                        i + 1,
                        label.name(),
                        if is_reported {
                            "reported"
                        } else {
                            "not reported"
                        }
                    ));
                }
                rewritten.push(format!("{}: {kind}", label.blessed(is_reported).name()));
            }
            if bless && !labels.is_empty() {
                let hash = line.rfind("# ").expect("labels follow a `# `");
                new_lines.push(format!("{}# {}", &line[..hash], rewritten.join("; ")));
            } else {
                new_lines.push(line.to_string());
            }
        }
        for ((line, kind), trace) in &reported {
            if !labelled.contains(&(*line, kind.clone())) {
                failures.push(format!(
                    "{name}:{}: `{kind}` reported on a line without a label for it\n      {trace}",
                    line + 1
                ));
            }
        }
        if bless {
            let mut out = new_lines.join("\n");
            out.push('\n');
            std::fs::write(path, out).expect("rewrite case");
        }
    }
    let mut report = String::from("kind\texpect\ttodo\tok\tfp\n");
    for kind in KINDS {
        let get = |l: Label| {
            counts
                .by_label
                .get(&(kind.to_string(), l))
                .copied()
                .unwrap_or(0)
        };
        report.push_str(&format!(
            "{kind}\t{}\t{}\t{}\t{}\n",
            get(Label::Expect),
            get(Label::Todo),
            get(Label::Ok),
            get(Label::Fp)
        ));
    }
    if let Some(out) = std::env::var_os("MOAT_CORPUS_REPORT") {
        std::fs::write(out, &report).expect("write the report");
    }
    println!("{report}");
    if only.is_none() {
        check_unused_rows(&used_rows, bless, &mut failures);
    }
    if !bless {
        assert!(
            failures.is_empty(),
            "{} corpus mismatches:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

/// The file listing the model rows no corpus case exercises, one `file table target`
/// a line (`#` comments and blank lines are kept out of the comparison).
fn unused_rows_file() -> PathBuf {
    corpus_dir().join("unused-model-rows.txt")
}

/// Every shipped model row must match some corpus code (a source read, a sink or other
/// target called), or be listed in [`unused_rows_file`]; a listed row that is now used
/// must leave the list. Rows of one file, table and target count as one (a lookup finds
/// them together). With `bless`, the list is rewritten.
fn check_unused_rows(used: &BTreeSet<moat_models::RowId>, bless: bool, failures: &mut Vec<String>) {
    let models = moat_models::builtin();
    let key = |r: &moat_models::RowInfo| format!("{} {} {}", r.file, r.table, r.target);
    let rows = models.rows();
    let used_keys: BTreeSet<String> = used.iter().map(|&r| key(&rows[r as usize])).collect();
    let unused: BTreeSet<String> = rows
        .iter()
        .map(key)
        .filter(|k| !used_keys.contains(k))
        .collect();
    let path = unused_rows_file();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let listed: BTreeSet<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    if bless {
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let body: String = unused.iter().map(|k| format!("{k}\n")).collect();
        std::fs::write(&path, header + &body).expect("rewrite the unused-rows list");
        return;
    }
    for k in unused.difference(&listed) {
        failures.push(format!(
            "model row `{k}` matches no corpus code: add a case that uses it (or list it in {})",
            path.display()
        ));
    }
    for k in listed.difference(&unused) {
        failures.push(format!(
            "model row `{k}` is listed as unused in {} but a corpus case uses it (or the row is gone): remove it from the list",
            path.display()
        ));
    }
}

/// `path` with each `..` taking away the folder before it, as the file system would
/// (`site/../web/x.html` is `web/x.html`); the sections' paths have no `..`.
fn without_dot_dot(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
