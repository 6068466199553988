//! `leaked-secret` end to end: config-file discovery and scanning, suppressions,
//! baselines, redaction in every format, hostile config files, and the labelled corpus
//! in `bench/secrets-corpus/` as a regression gate.

mod common;

use common::Project;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// A fake GitHub token with a valid checksum.
const TOKEN: &str = "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";
/// The part of `TOKEN` that output may never show.
const TOKEN_SECRET_PART: &str = "FAKEHF4vUCsMehGAkWvj7FAc9QeWJK2s";
const GENERIC: &str = "q8Zr2LmT0vXa9KpW3nBcT1x";

#[test]
fn config_files_are_scanned_only_when_the_rule_runs() {
    let project = Project::with_files(&format!(
        "# --- file: app.py\nx = 1\n# --- file: deploy/.env.production\nGITHUB_TOKEN={TOKEN}\nAPI_KEY={GENERIC}\n# --- file: settings.yaml\ndb:\n  password: '{GENERIC}'\n"
    ));
    let run = project.moat(&["check", "--format", "json"]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        [
            ("deploy/.env.production".into(), 1, "leaked-secret".into()),
            ("deploy/.env.production".into(), 2, "leaked-secret".into()),
            ("settings.yaml".into(), 2, "leaked-secret".into()),
        ]
    );
    assert_eq!(run.json()["summary"]["files_analysed"], 3);
    let other = project.moat(&["check", "--select", "weak-hash", "--format", "json"]);
    other.assert_code(0);
    assert_eq!(other.json()["summary"]["files_analysed"], 1);
    let ignored = project.moat(&["check", "--ignore", "leaked-secret", "--format", "json"]);
    ignored.assert_code(0);
}

#[test]
fn discovery_respects_gitignore_exclude_per_path_ignores_and_names_files_explicitly() {
    let project = Project::with_files(&format!(
        "# --- file: .gitignore\n.env\n# --- file: .env\nT={TOKEN}\n# --- file: vendor/conf.ini\ntoken = {TOKEN}\n# --- file: ops/a.toml\nt = \"{TOKEN}\"\n# --- file: pyproject.toml\n[tool.moat]\nexclude = [\"vendor/\"]\n[tool.moat.per-path-ignores]\n\"ops/**\" = [\"leaked-secret\"]\n"
    ));
    let run = project.moat(&["check", "--format", "json"]);
    run.assert_code(0);
    assert!(run.findings().is_empty());
    // A file named on the command line is scanned whatever the ignore files say.
    let named = project.moat(&["check", "--format", "json", ".env"]);
    assert_eq!(
        named.findings(),
        [(".env".into(), 1, "leaked-secret".into())]
    );
}

#[test]
fn suppression_comments_work_in_config_files_with_hash_comments() {
    let project = Project::with_files(&format!(
        "# --- file: a.env\nA={TOKEN} # nosec\nB={TOKEN}  # moat: ignore[leaked-secret] revoked\nC={TOKEN}  # moat: ignore[weak-hash]\n# --- file: b.json\n{{\"t\": \"{TOKEN}\"}}\n"
    ));
    let run = project.moat(&["check", "--format", "json"]);
    assert_eq!(
        run.findings(),
        [
            ("a.env".into(), 3, "leaked-secret".into()),
            ("b.json".into(), 1, "leaked-secret".into()),
        ]
    );
    assert_eq!(run.json()["summary"]["suppressed"], 2);
}

#[test]
fn config_findings_are_baselined_by_content_not_line() {
    let project = Project::with_files(&format!("# --- file: app.ini\n[a]\ntoken = {TOKEN}\n"));
    project
        .moat(&["check", "--write-baseline", "baseline.toml"])
        .assert_code(0);
    let baseline = std::fs::read_to_string(project.path().join("baseline.toml")).unwrap();
    assert!(!baseline.contains(TOKEN_SECRET_PART));
    project.write("app.ini", format!("; moved down\n\n[a]\ntoken = {TOKEN}\n"));
    let run = project.moat(&["check", "--baseline", "baseline.toml", "--format", "json"]);
    run.assert_code(0);
    assert_eq!(run.json()["summary"]["baselined"], 1);
}

#[test]
fn no_output_format_prints_the_secret() {
    let project = Project::with_files(&format!(
        "# --- file: app.py\nGITHUB_TOKEN = \"{TOKEN}\"\nDB_PASSWORD = \"Pr0d-s3cret-42\"\n# --- file: .env\nGH={TOKEN}\n"
    ));
    for format in ["text", "json", "sarif"] {
        let run = project.moat(&["check", "--format", format, "--color", "never"]);
        run.assert_code(1);
        assert!(
            !run.stdout.contains(TOKEN_SECRET_PART),
            "{format}:\n{}",
            run.stdout
        );
        assert!(
            !run.stdout.contains("Pr0d-s3cret-42"),
            "{format}:\n{}",
            run.stdout
        );
    }
    let text = project.moat(&["check", "--color", "never"]).stdout;
    // The frames still show the code around the secret, and where it starts and ends.
    assert!(
        text.contains("GITHUB_TOKEN = \"ghp_********************************Dqiq\""),
        "{text}"
    );
    assert!(text.contains("GH=ghp_****"), "{text}");
    assert!(text.contains("DB_PASSWORD = \"**************\""), "{text}");
}

#[test]
fn malformed_and_binary_config_files_never_stop_the_run() {
    let project = Project::with_files(&format!(
        "# --- file: broken.json\n{{\"a\": [1, 2,, \"t\": \"{TOKEN}\"\n# --- file: broken.yaml\n: : :\n  - [\n\tpassword: {GENERIC}\n"
    ));
    project.write(
        "latin1.ini",
        b"name = caf\xe9\ntoken = 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\n",
    );
    project.write("blob.conf", b"\x00\x01binary");
    project.write("huge.json", format!("[{}]", "\"x\",".repeat(200_000)));
    let run = project.moat(&["check", "--format", "json"]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        [
            ("broken.json".into(), 1, "leaked-secret".into()),
            ("broken.yaml".into(), 3, "leaked-secret".into()),
            ("latin1.ini".into(), 2, "leaked-secret".into()),
        ]
    );
    assert_eq!(run.errors(), [("blob.conf".into(), "binary-file".into())]);
}

#[test]
fn lock_and_example_files_get_known_formats_only() {
    let project = Project::with_files(&format!(
        "# --- file: poetry.lock\n[[package]]\nname = \"x\"\nsecret = \"{GENERIC}\"\nurl = \"https://ci:Zq81pLm3x7Qa@pypi.internal/simple\"\n# --- file: .env.example\nAPI_KEY={GENERIC}\nGH={TOKEN}\n# --- file: tests/fixtures.yaml\napi_key: {GENERIC}\ntoken: {TOKEN}\n"
    ));
    let run = project.moat(&["check", "--format", "json"]);
    let found: Vec<(String, u64)> = run.findings().into_iter().map(|(f, l, _)| (f, l)).collect();
    assert_eq!(
        found,
        [
            (".env.example".into(), 2),
            ("poetry.lock".into(), 4),
            ("tests/fixtures.yaml".into(), 2),
        ]
    );
    let severity = |file: &str| {
        run.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"] == file)
            .unwrap()["severity"]
            .clone()
    };
    assert_eq!(severity("tests/fixtures.yaml"), "medium");
    assert_eq!(severity(".env.example"), "high");
}

/// The labelled corpus: every labelled credential line is reported and nothing else is.
#[test]
fn labelled_corpus_has_full_recall_and_no_false_positives() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/secrets-corpus");
    let labels = std::fs::read_to_string(root.join("labels.tsv")).unwrap();
    let mut positives: BTreeMap<(String, u64), String> = BTreeMap::new();
    let mut lookalikes = 0;
    for line in labels
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let key = (fields[0].to_string(), fields[1].parse().unwrap());
        if fields[2] == "-" {
            lookalikes += 1;
        } else {
            positives.insert(key, fields[2].to_string());
        }
    }
    assert!(positives.len() >= 40 && lookalikes >= 60);
    let project = Project::new();
    let files = root.join("files");
    let run = project.moat(&[
        "check",
        "--no-config",
        "--select",
        "leaked-secret",
        "--format",
        "json",
        files.to_str().unwrap(),
    ]);
    let flagged: BTreeSet<(String, u64)> = run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let relative = file.split("secrets-corpus/files/").last().unwrap();
            (relative.to_string(), f["line"].as_u64().unwrap())
        })
        .collect();
    let missed: Vec<_> = positives.keys().filter(|k| !flagged.contains(*k)).collect();
    let false_alarms: Vec<_> = flagged
        .iter()
        .filter(|k| !positives.contains_key(*k))
        .collect();
    assert!(
        missed.is_empty() && false_alarms.is_empty(),
        "missed: {missed:?}\nfalse alarms: {false_alarms:?}"
    );
}
