//! `moat check`, `moat rules` and `moat explain` end to end: exit statuses, formats,
//! configuration, suppressions and baselines.

mod common;

use common::Project;

const VULNERABLE: &str =
    "import subprocess\n\ndef run(cmd):\n    subprocess.run(\"ls \" + cmd, shell=True)\n";
const SAFE: &str = "import subprocess\n\ndef run(cmd):\n    subprocess.run([\"ls\", cmd])\n";

#[test]
fn exit_0_when_clean_and_1_with_findings() {
    let project = Project::with_files(&format!("# --- file: safe.py\n{SAFE}"));
    project.moat(&["check"]).assert_code(0);
    project.write("bad.py", VULNERABLE);
    let run = project.moat(&["check", "--format", "json"]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        vec![("bad.py".into(), 4, "subprocess-shell-true".into())]
    );
}

#[test]
fn exit_zero_flag_keeps_findings_but_not_problems_from_failing() {
    let project = Project::with_files(&format!("# --- file: bad.py\n{VULNERABLE}"));
    project.moat(&["check", "--exit-zero"]).assert_code(0);
    project.write("broken.py", "def f(:\n");
    project.moat(&["check", "--exit-zero"]).assert_code(1);
}

#[test]
fn exit_2_for_usage_errors() {
    let project = Project::with_files(&format!("# --- file: bad.py\n{VULNERABLE}"));
    let run = project.moat(&["check", "missing_dir"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("`missing_dir`: no such file or directory"),
        "{}",
        run.stderr
    );

    let run = project.moat(&["check", "--select", "subprocess-shel-true"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("did you mean `subprocess-shell-true`"),
        "{}",
        run.stderr
    );

    project
        .moat(&["check", "--severity", "extreme"])
        .assert_code(2);
    project.moat(&["check", "--no-such-flag"]).assert_code(2);
    project.moat(&["explain", "no-such-rule"]).assert_code(2);
}

#[test]
fn syntax_errors_are_reported_and_the_rest_is_analysed() {
    let project = Project::with_files(&format!(
        "# --- file: a_broken.py\nx = (1,\n# --- file: b_bad.py\n{VULNERABLE}"
    ));
    let run = project.moat(&["check", "--format", "json"]);
    run.assert_code(1);
    assert_eq!(
        run.errors(),
        vec![("a_broken.py".into(), "syntax-error".into())]
    );
    assert_eq!(run.findings().len(), 1);
    let json = run.json();
    assert_eq!(json["summary"]["files_analysed"], 1);
    assert_eq!(json["summary"]["files_with_errors"], 1);
}

#[test]
fn json_has_the_documented_keys() {
    let project = Project::with_files(&format!("# --- file: bad.py\n{VULNERABLE}"));
    let json = project.moat(&["check", "--format", "json"]).json();
    for key in ["version", "findings", "errors", "summary"] {
        assert!(json.get(key).is_some(), "missing `{key}`");
    }
    let finding = &json["findings"][0];
    for key in [
        "rule",
        "title",
        "message",
        "cwe",
        "owasp",
        "severity",
        "confidence",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "trace",
        "fix",
    ] {
        assert!(
            finding.get(key).is_some(),
            "finding lacks `{key}`: {finding}"
        );
    }
    assert_eq!(finding["cwe"][0], 78);
    assert_eq!(finding["owasp"], "A05:2025-Injection");
    assert_eq!(finding["severity"], "high");
}

#[test]
fn sarif_output_names_rules_and_results() {
    let project = Project::with_files(&format!("# --- file: pkg/bad.py\n{VULNERABLE}"));
    let run = project.moat(&["check", "--format", "sarif", "--output", "out.sarif"]);
    run.assert_code(1);
    assert!(run.stdout.is_empty());
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    let result = &run0["results"][0];
    assert_eq!(result["ruleId"], "subprocess-shell-true");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "pkg/bad.py"
    );
    let rule_ids: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rule_ids.contains(&"subprocess-shell-true"));
    let tags = run0["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize]["properties"]["tags"]
        .to_string();
    assert!(
        tags.contains("external/cwe/cwe-78") && tags.contains("security"),
        "{tags}"
    );
}

#[test]
fn text_output_has_a_code_frame_and_summary() {
    let project = Project::with_files(&format!("# --- file: bad.py\n{VULNERABLE}"));
    let run = project.moat(&["check"]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("high[subprocess-shell-true]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("bad.py:4:5"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("subprocess.run(\"ls \" + cmd, shell=True)"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no colour when not on a terminal"
    );
    let colored = project.moat(&["check", "--color", "always"]);
    assert!(colored.stdout.contains('\u{1b}'));
}

#[test]
fn select_ignore_and_thresholds() {
    let project = Project::with_files(&format!(
        "# --- file: app.py\n{VULNERABLE}\ntry:\n    run('x')\nexcept Exception:\n    pass\n"
    ));
    let rules = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["check", "--format", "json"];
        full.extend_from_slice(args);
        project
            .moat(&full)
            .findings()
            .into_iter()
            .map(|f| f.2)
            .collect()
    };
    // `try-except-pass` is off by default; selecting it by its Bandit code turns it on.
    assert_eq!(rules(&[]), vec!["subprocess-shell-true"]);
    assert_eq!(rules(&["--select", "B110"]), vec!["try-except-pass"]);
    // A category selects all of its rules, those off by default too (as a Ruff prefix does).
    assert_eq!(
        rules(&["--select", "injection"]),
        vec!["subprocess-import", "subprocess-shell-true"]
    );
    assert_eq!(
        rules(&["--extend-select", "B110", "--ignore", "S602"]),
        vec!["try-except-pass"]
    );
    assert_eq!(
        rules(&["--severity", "medium"]),
        vec!["subprocess-shell-true"]
    );
}

#[test]
fn configuration_in_pyproject_with_per_path_ignores() {
    let project = Project::with_files(&format!(
        "# --- file: pyproject.toml\n[tool.moat]\nexclude = [\"generated\"]\n\n[tool.moat.per-path-ignores]\n\"scripts/**\" = [\"subprocess-shell-true\"]\n# --- file: app/run.py\n{VULNERABLE}# --- file: scripts/deploy.py\n{VULNERABLE}# --- file: generated/x.py\n{VULNERABLE}"
    ));
    let run = project.moat(&["check", "--format", "json"]);
    assert_eq!(
        run.findings(),
        vec![("app/run.py".into(), 4, "subprocess-shell-true".into())]
    );
    project
        .moat(&["check", "--no-config", "--format", "json"])
        .assert_code(1);
    assert_eq!(
        project
            .moat(&["check", "--no-config", "--format", "json"])
            .findings()
            .len(),
        3
    );
}

#[test]
fn configuration_errors_name_file_key_and_allowed_values() {
    let project = Project::with_files(
        "# --- file: moat.toml\nseverity = \"extreme\"\n# --- file: a.py\nx = 1\n",
    );
    let run = project.moat(&["check"]);
    run.assert_code(2);
    assert!(run.stderr.contains("moat.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("severity"), "{}", run.stderr);
    assert!(
        run.stderr.contains("low, medium, high, critical"),
        "{}",
        run.stderr
    );

    project.write("moat.toml", "selec = [\"ALL\"]\n");
    let run = project.moat(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("unknown key") && run.stderr.contains("select"),
        "{}",
        run.stderr
    );
}

#[test]
fn suppressions_on_any_line_of_a_multiline_statement() {
    let project = Project::with_files(
        r#"# --- file: app.py
import subprocess
import os

def a(cmd):
    subprocess.run(  # nosec
        "ls " + cmd,
        shell=True,
    )

def b(cmd):
    subprocess.run(
        "ls " + cmd,
        shell=True,
    )  # noqa: S602

def c(cmd):
    subprocess.run(
        """
        a long string
        """ + cmd,  # moat: ignore[subprocess-shell-true] reviewed
        shell=True,
    )

def d(cmd):
    subprocess.run("ls " + cmd, shell=True)  # nosec B101

def e(cmd):
    os.system("ls " + cmd)  # noqa: E501
"#,
    );
    let run = project.moat(&["check", "--format", "json"]);
    let lines: Vec<u64> = run.findings().into_iter().map(|f| f.1).collect();
    assert_eq!(
        lines,
        vec![25, 28],
        "only the findings whose directives name other rules remain"
    );
    assert_eq!(run.json()["summary"]["suppressed"], 3);
}

#[test]
fn suppressions_on_decorators_spanning_lines() {
    let project = Project::with_files(
        r#"# --- file: app.py
import subprocess

@register(
    name="deploy",
    password="hunter2-prod",
)
def deploy():  # nosec B106
    pass

@register(
    password="hunter2-prod",
)
def other():
    pass
"#,
    );
    let run = project.moat(&["check", "--format", "json"]);
    let found: Vec<(u64, String)> = run.findings().into_iter().map(|f| (f.1, f.2)).collect();
    assert_eq!(found, vec![(11, "hardcoded-password".to_string())]);
    assert_eq!(run.json()["summary"]["suppressed"], 1);
}

#[test]
fn baseline_survives_inserted_lines_and_reports_only_new_findings() {
    let project = Project::with_files(&format!("# --- file: app.py\n{VULNERABLE}"));
    let run = project.moat(&["check", "--write-baseline", "moat-baseline.toml"]);
    run.assert_code(0);
    assert!(run.stderr.contains("Wrote 1 finding"), "{}", run.stderr);
    let text = std::fs::read_to_string(project.path().join("moat-baseline.toml")).unwrap();
    assert!(
        text.contains("subprocess-shell-true") && !text.contains("line ="),
        "no line numbers: {text}"
    );

    // Lines inserted at the top move the finding; the baseline still absorbs it.
    project.write(
        "app.py",
        format!("import os\n\n\n# a comment\n{VULNERABLE}"),
    );
    let run = project.moat(&[
        "check",
        "--baseline",
        "moat-baseline.toml",
        "--format",
        "json",
    ]);
    run.assert_code(0);
    assert_eq!(run.json()["summary"]["baselined"], 1);

    // A new finding is reported, the old one is not.
    project.write(
        "app.py",
        format!("import os\n{VULNERABLE}\ndef other(c):\n    os.system(\"rm \" + c)\n"),
    );
    let run = project.moat(&[
        "check",
        "--baseline",
        "moat-baseline.toml",
        "--format",
        "json",
    ]);
    run.assert_code(1);
    assert_eq!(
        run.findings(),
        vec![("app.py".into(), 8, "subprocess-shell-true".into())]
    );
}

#[test]
fn expired_baseline_entries_report_again() {
    let project = Project::with_files(&format!("# --- file: app.py\n{VULNERABLE}"));
    project
        .moat(&["check", "--write-baseline", "b.toml"])
        .assert_code(0);
    let text = std::fs::read_to_string(project.path().join("b.toml")).unwrap();
    let with_expiry = text.replace("fingerprint =", "expires = \"2026-01-31\"\nfingerprint =");
    project.write("b.toml", with_expiry);
    let before = project.moat_with_env(
        &["check", "--baseline", "b.toml"],
        &[("MOAT_TODAY", "2026-01-31")],
    );
    before.assert_code(0);
    let after = project.moat_with_env(
        &["check", "--baseline", "b.toml"],
        &[("MOAT_TODAY", "2026-02-01")],
    );
    after.assert_code(1);
}

#[test]
fn malformed_baseline_is_a_usage_error() {
    let project = Project::with_files(&format!(
        "# --- file: app.py\n{VULNERABLE}# --- file: b.toml\nversion = 1\n[[finding]]\nrule = 3\n"
    ));
    let run = project.moat(&["check", "--baseline", "b.toml"]);
    run.assert_code(2);
    assert!(run.stderr.contains("b.toml"), "{}", run.stderr);
}

#[test]
fn reexported_helpers_are_followed_across_modules() {
    let project = Project::with_files(
        "# --- file: app/__init__.py\nfrom .util import run_command\n# --- file: app/util.py\nfrom subprocess import getoutput as run_command\n# --- file: app/views.py\nfrom app import run_command\n\ndef view(name):\n    return run_command('ls ' + name)\n",
    );
    let run = project.moat(&["check", "--format", "json"]);
    assert_eq!(
        run.findings(),
        vec![("app/views.py".into(), 4, "subprocess-shell-true".into())]
    );
}

#[test]
fn rules_and_explain() {
    let project = Project::new();
    let run = project.moat(&["rules"]);
    run.assert_code(0);
    assert!(run.stdout.contains("subprocess-shell-true") && run.stdout.contains("CWE-78"));
    let json: serde_json::Value =
        serde_json::from_str(&project.moat(&["rules", "--format", "json"]).stdout).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "try-except-pass")
    );
    for alias in ["subprocess-shell-true", "B602", "S602", "b602"] {
        let run = project.moat(&["explain", alias]);
        run.assert_code(0);
        assert!(
            run.stdout.contains("## Why is this bad?"),
            "{alias}: {}",
            run.stdout
        );
    }
}

#[test]
fn taint_configuration_is_validated_and_taint_rules_are_listed() {
    // A user's model file adds a sink of an internal library; the environment is
    // distrusted, so the value from `os.environ` reaching it is reported.
    let project = Project::with_files(
        "# --- file: moat.toml\n[taint]\nuntrusted = [\"remote\", \"environment\"]\nmodels = [\"extra.toml\"]\n\
         # --- file: extra.toml\n[[sink]]\ntarget = \"corp.db.run_sql\"\nkind = \"sql-injection\"\narg = { position = 0 }\n\
         # --- file: a.py\nimport os\nfrom corp.db import run_sql\nrun_sql(os.environ[\"QUERY\"])\n",
    );
    let run = project.moat(&["check"]);
    run.assert_code(1);
    assert!(run.stdout.contains("sql-injection"), "{}", run.stdout);
    project.write(
        "extra.toml",
        "[[sink]]\ntarget = \"corp.db.run_sql\"\nkind = \"sql\"\narg = { position = 0 }\n",
    );
    let run = project.moat(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("extra.toml:3: unknown sink `kind` `sql`"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(project.path().join("extra.toml")).unwrap();
    let run = project.moat(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("cannot read the taint model file"),
        "{}",
        run.stderr
    );
    project.write("moat.toml", "[taint]\nuntrusted = [\"internet\"]\n");
    let run = project.moat(&["check"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("line 2: invalid value for `taint.untrusted[0]`")
            && run.stderr.contains("remote, local, environment"),
        "{}",
        run.stderr
    );
    let json: serde_json::Value =
        serde_json::from_str(&project.moat(&["rules", "--format", "json"]).stdout).unwrap();
    let command = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "command-injection")
        .expect("command-injection is listed");
    assert_eq!(command["severity"], "critical");
    let run = project.moat(&["explain", "sql-injection"]);
    run.assert_code(0);
    assert!(run.stdout.contains("trace"), "{}", run.stdout);
}

#[test]
fn explicit_files_are_checked_even_when_excluded() {
    let project = Project::with_files(&format!("# --- file: build/gen.py\n{VULNERABLE}"));
    project.moat(&["check"]).assert_code(0);
    project.moat(&["check", "build/gen.py"]).assert_code(1);
    project.write("script", VULNERABLE);
    project.moat(&["check", "script"]).assert_code(1);
}

#[test]
fn weak_values_from_helpers_are_reported_where_other_modules_use_them() {
    let project = Project::with_files(
        "# --- file: app/__init__.py\n\
         # --- file: app/text.py\n\
         import random\n\
         \n\
         def random_string(n):\n    return \"\".join(random.choice(\"ab\") for _ in range(n))\n\
         # --- file: app/views.py\n\
         from app.text import random_string\n\
         \n\
         def invite(user):\n    user.invite_token = random_string(32)\n    user.nickname = random_string(8)\n\
         # --- file: tests/test_views.py\n\
         from app.text import random_string\n\
         \n\
         def test_invite(user):\n    user.invite_token = random_string(32)\n",
    );
    let run = project.moat(&["check", "--format", "json"]);
    run.assert_code(1);
    // At the call that makes a token, not in the helper, nor in test code.
    assert_eq!(
        run.findings(),
        [("app/views.py".to_string(), 4, "insecure-random".to_string())]
    );
    // A suppression comment on the helper's value silences its callers' findings.
    project.write(
        "app/text.py",
        "import random\n\ndef random_string(n):\n    return \"\".join(random.choice(\"ab\") for _ in range(n))  # moat: ignore[insecure-random]\n",
    );
    project.moat(&["check"]).assert_code(0);
}
