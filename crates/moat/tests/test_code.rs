//! The test-code policy: on files that are test code by their path, only the rules that
//! matter in code that is never deployed run, unless `--check-tests` or `check-tests = true`.

mod common;

use common::Project;

/// One vulnerable snippet per rule that skips test code, each found in application code.
const CASES: &[(&str, &str)] = &[
    ("eval-exec-call", "def f(x):\n    return eval(x)\n"),
    (
        "eval-of-external-data",
        "import os\ndef f():\n    return eval(os.environ[\"X\"])\n",
    ),
    (
        "try-except-pass",
        "try:\n    work()\nexcept Exception:\n    pass\n",
    ),
    (
        "subprocess-shell-true",
        "import subprocess\ndef f(c):\n    subprocess.run(\"ls \" + c, shell=True)\n",
    ),
    ("regex-redos", "import re\nre.compile(r'(a+)+$')\n"),
    ("regex-syntax-error", "import re\nre.compile('(')\n"),
    (
        "weak-hash",
        "import hashlib\ndef f(password):\n    return hashlib.md5(password)\n",
    ),
    ("weak-hash-any", "import hashlib\nhashlib.md5(b'x')\n"),
    (
        "ecb-mode",
        "from Crypto.Cipher import AES\nAES.new(k, AES.MODE_ECB)\n",
    ),
    (
        "weak-key-size",
        "from Crypto.PublicKey import RSA\nRSA.generate(1024)\n",
    ),
    (
        "jwt-verification-disabled",
        "import jwt\njwt.decode(t, options={'verify_signature': False})\n",
    ),
    (
        "predictable-random-seed",
        "import random\nrandom.seed(42)\n",
    ),
    (
        "insecure-random",
        "import random\n\ndef make():\n    reset_token = random.getrandbits(64)\n    return reset_token\n",
    ),
    ("hardcoded-password", "DB_PASSWORD = \"Pr0d-s3cret!\"\n"),
    (
        "flask-hardcoded-secret-key",
        "from flask import Flask\napp = Flask(__name__)\napp.secret_key = 'dev'\n",
    ),
    (
        "csrf-disabled",
        "from flask import Flask\napp = Flask(__name__)\napp.config['WTF_CSRF_ENABLED'] = False\n",
    ),
    (
        "django-csrf-exempt",
        "from django.views.decorators.csrf import csrf_exempt\n@csrf_exempt\ndef view(request):\n    pass\n",
    ),
    (
        "django-mark-safe",
        "from django.utils.safestring import mark_safe\ndef f(x):\n    return mark_safe(f'<b>{x}</b>')\n",
    ),
    (
        "ssrf",
        "import requests\nfrom flask import Flask, request\napp = Flask(__name__)\n\n@app.route('/fetch')\ndef fetch():\n    return requests.get(request.args['url'], timeout=5).text\n",
    ),
];

/// A Trojan Source character: reported in test code too.
const BIDI: &str =
    "access = 'user' # \u{202e} } \u{2066}if admin:\u{2069} \u{2066} begin admins only\n";

/// A project with each case once in application code and once in each test layout.
fn project(config: &str) -> Project {
    let project = Project::new();
    project.write("moat.toml", config);
    for (index, (_, source)) in CASES.iter().enumerate() {
        project.write(&format!("app/case_{index}.py"), source);
        project.write(&format!("tests/test_case_{index}.py"), source);
        project.write(&format!("pkg/case_{index}_test.py"), source);
    }
    project.write("tests/test_bidi.py", BIDI);
    project.write("conftest.py", BIDI);
    project
}

/// The rule ids found in `file`.
fn rules_in(findings: &[(String, u64, String)], file: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|(f, _, _)| f == file)
        .map(|(_, _, rule)| rule.clone())
        .collect()
}

fn selection() -> String {
    let mut ids: Vec<&str> = CASES.iter().map(|(id, _)| *id).collect();
    ids.push("trojan-source");
    ids.join(",")
}

#[test]
fn test_code_is_checked_only_by_the_rules_that_matter_there() {
    let project = project("");
    let run = project.moat(&["check", "--format", "json", "--select", &selection()]);
    let findings = run.findings();
    for (index, (id, _)) in CASES.iter().enumerate() {
        assert!(
            rules_in(&findings, &format!("app/case_{index}.py")).contains(&id.to_string()),
            "{id} in application code"
        );
        for test_file in [
            format!("tests/test_case_{index}.py"),
            format!("pkg/case_{index}_test.py"),
        ] {
            assert!(
                rules_in(&findings, &test_file).is_empty(),
                "{id} in {test_file}"
            );
        }
    }
    for file in ["tests/test_bidi.py", "conftest.py"] {
        assert!(
            rules_in(&findings, file).contains(&"trojan-source".to_string()),
            "{file}"
        );
    }
}

#[test]
fn check_tests_runs_every_selected_rule_on_test_code() {
    let from_flag = project("").moat(&[
        "check",
        "--format",
        "json",
        "--check-tests",
        "--select",
        &selection(),
    ]);
    let from_config = project("check-tests = true\n").moat(&[
        "check",
        "--format",
        "json",
        "--select",
        &selection(),
    ]);
    for run in [from_flag, from_config] {
        let findings = run.findings();
        for (index, (id, _)) in CASES.iter().enumerate() {
            let file = format!("tests/test_case_{index}.py");
            assert!(
                rules_in(&findings, &file).contains(&id.to_string()),
                "{id} in {file}: {findings:?}"
            );
        }
    }
}

#[test]
fn check_tests_must_be_a_boolean() {
    let run = project("check-tests = \"yes\"\n").moat(&["check"]);
    run.assert_code(2);
    assert!(run.stderr.contains("check-tests"), "{}", run.stderr);
    assert!(
        run.stderr.contains("expected `true` or `false`"),
        "{}",
        run.stderr
    );
}

#[test]
fn rules_say_whether_they_check_test_code() {
    let run = Project::new().moat(&["rules", "--format", "json"]);
    let rules = run.json();
    let checking: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .filter(|rule| rule["checks_test_code"].as_bool().unwrap())
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    assert_eq!(checking, ["trojan-source", "leaked-secret"]);
    let explain = Project::new().moat(&["explain", "weak-hash"]);
    assert!(
        explain
            .stdout
            .contains("Checks test code: only with --check-tests")
    );
}

#[test]
fn the_summary_says_how_many_test_files_fewer_rules_checked() {
    let project = Project::with_files(
        "# --- file: app/main.py\nx = 1\n# --- file: tests/test_main.py\ny = 2\n# --- file: tests/test_other.py\nz = 3\n",
    );
    let run = project.moat(&["check", "--no-config", "."]);
    assert!(
        run.stdout.contains(
            "2 test files checked only by the rules meant for test code (`--check-tests` runs every rule there)"
        ),
        "{}",
        run.stdout
    );
    let all = project.moat(&["check", "--no-config", "--check-tests", "."]);
    assert!(
        !all.stdout.contains("test files checked only"),
        "{}",
        all.stdout
    );
    // A selection of rules that all check test code leaves nothing out.
    let secrets = project.moat(&["check", "--no-config", "--select", "leaked-secret", "."]);
    assert!(
        !secrets.stdout.contains("test files checked only"),
        "{}",
        secrets.stdout
    );
}
