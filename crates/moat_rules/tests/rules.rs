//! Rule behaviour the fixture files cannot show: what depends on the file's path, and
//! the fixes rules attach.

use moat_diagnostics::{Applicability, Confidence, Finding, Severity};
use moat_python::{ANALYSIS_STACK_SIZE, parse_module};
use moat_rules::{ModuleInput, RULES, check_module, rule_index};

/// The findings of rule `id` in `source`, checked as the file at `path`.
fn findings(id: &'static str, path: &'static str, source: &'static str) -> Vec<Finding> {
    findings_of(&[id], path, source)
}

/// `source` with the fix of `finding` applied.
fn apply_fix(source: &str, finding: &Finding) -> String {
    let fix = finding.fix.as_ref().expect("a fix");
    let mut fixed = source.to_string();
    for edit in fix.edits.iter().rev() {
        let range = edit.location.start_offset as usize..edit.location.end_offset as usize;
        fixed.replace_range(range, &edit.content);
    }
    fixed
}

#[test]
fn hardcoded_password_in_settings_has_high_confidence() {
    let source = "DB_PASSWORD = \"Pr0d-s3cret!\"\n";
    let app = findings("hardcoded-password", "app/settings.py", source);
    assert_eq!(app[0].confidence, Confidence::High);
}

#[test]
fn hardcoded_password_message_never_shows_the_value() {
    let source = "import db\nPREFIX = \"svc-\"\ndb.connect(password=\"hunter2-xyz\")\nAPI_KEY = \"sk_live_abc123\"\nauth_token = f\"{PREFIX}zq81-token\"\n";
    let found = findings("hardcoded-password", "app/db.py", source);
    assert_eq!(found.len(), 3);
    for finding in found {
        for part in ["hunter2", "sk_live", "svc-", "zq81"] {
            assert!(!finding.message.contains(part), "{}", finding.message);
        }
    }
}

#[test]
fn yaml_load_without_loader_has_an_unsafe_fix() {
    let source =
        "import yaml as y\n\ndef read(stream):\n    return y.load(stream), y.load_all(stream)\n";
    let found = findings("yaml-unsafe-load", "app/config.py", source);
    assert_eq!(found.len(), 2);
    for finding in &found {
        let fix = finding.fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Unsafe);
    }
    assert_eq!(
        apply_fix(source, &found[0]),
        source.replacen("y.load(", "y.safe_load(", 1)
    );
    assert_eq!(
        apply_fix(source, &found[1]),
        source.replacen("y.load_all(", "y.safe_load_all(", 1)
    );
}

#[test]
fn yaml_load_with_a_loader_or_through_a_bare_name_has_no_fix() {
    let source = "import yaml\nfrom yaml import load\n\ndef read(stream):\n    yaml.load(stream, Loader=yaml.Loader)\n    load(stream)\n";
    let found = findings("yaml-unsafe-load", "app/config.py", source);
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|f| f.fix.is_none()));
}

#[test]
fn hardcoded_crypto_key_message_never_shows_the_key() {
    let source = "import jwt\nimport hmac\nKEY = b\"zq81-mac-key\"\nhmac.new(KEY, m, 'sha256')\njwt.encode(p, \"hunter2-jwt\", algorithm=\"HS256\")\n";
    let found = findings("hardcoded-crypto-key", "app/tokens.py", source);
    assert_eq!(found.len(), 2);
    for finding in found {
        for part in ["zq81", "hunter2"] {
            assert!(!finding.message.contains(part), "{}", finding.message);
        }
    }
}

const DEBUG_ON: &str = "DEBUG = True\n";

#[test]
fn django_settings_modules_are_recognised_by_path_or_content() {
    use moat_diagnostics::Severity;
    let severity = |path| {
        findings("django-debug-true", path, DEBUG_ON)
            .iter()
            .map(|f| f.severity)
            .collect::<Vec<_>>()
    };
    assert_eq!(severity("mysite/settings.py"), [Severity::High]);
    assert_eq!(severity("mysite/settings/production.py"), [Severity::High]);
    assert_eq!(severity("mysite/settings/local.py"), [Severity::Low]);
    assert_eq!(severity("mysite/settings_dev.py"), [Severity::Low]);
    assert!(severity("mysite/settings/test.py").is_empty());
    assert!(severity("tests/settings.py").is_empty());
    // Not a settings module: neither its name nor what it assigns says so.
    assert!(severity("mysite/config.py").is_empty());
    let by_content = "INSTALLED_APPS = []\nDEBUG = True\n";
    assert_eq!(
        findings("django-debug-true", "mysite/conf.py", by_content).len(),
        1
    );
}

#[test]
fn django_global_settings_defaults_are_not_a_deployment() {
    let defaults =
        "INSTALLED_APPS = []\nMIDDLEWARE = []\nSESSION_COOKIE_SECURE = False\nSECRET_KEY = 'x'\n";
    for id in [
        "django-missing-security-middleware",
        "django-insecure-cookie-settings",
        "django-hardcoded-secret-key",
    ] {
        assert!(
            findings(id, "django/conf/global_settings.py", defaults).is_empty(),
            "{id}"
        );
        assert_eq!(findings(id, "mysite/base.py", defaults).len(), 1, "{id}");
    }
}

#[test]
fn test_settings_by_name_are_calibrated() {
    use moat_diagnostics::Severity;
    let csrf_off =
        "from flask import Flask\napp = Flask(__name__)\napp.config['WTF_CSRF_ENABLED'] = False\n";
    assert_eq!(
        findings("csrf-disabled", "app/__init__.py", csrf_off).len(),
        1
    );
    let key = "SECRET_KEY = 'abc'\n";
    assert_eq!(
        findings(
            "django-hardcoded-secret-key",
            "mysite/settings/test.py",
            key
        )[0]
        .severity,
        Severity::Low
    );
}

const TOKEN_UNDER_PASSWORD_NAME: &str = "GITHUB_PASSWORD = \"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\"\nDB_PASSWORD = \"Pr0d-s3cret!\"\napi_key = \"q8Zr2LmT0vXa9KpW3nBc\"\nauth_blob = \"q8Zr2LmT0vXa9KpW3nBc\"\n";

/// The findings of the rules `ids` together on `source`.
fn findings_of(ids: &[&'static str], path: &'static str, source: &'static str) -> Vec<Finding> {
    let ids: Vec<&'static str> = ids.to_vec();
    std::thread::Builder::new()
        .stack_size(ANALYSIS_STACK_SIZE)
        .spawn(move || {
            let parsed = parse_module(source).unwrap();
            let mut enabled = vec![false; RULES.len()];
            for id in ids {
                enabled[rule_index(id).unwrap()] = true;
            }
            let input = ModuleInput {
                path,
                templates: None,
                source,
                module_name: "sample",
                is_package: false,
                project: None,
                enabled: &enabled,
                taint_models: None,
                handed_out: None,
            };
            check_module(&input, &parsed).findings
        })
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn leaked_secret_and_hardcoded_password_never_report_the_same_value() {
    let both = findings_of(
        &["hardcoded-password", "leaked-secret"],
        "app/settings.py",
        TOKEN_UNDER_PASSWORD_NAME,
    );
    let by_line: Vec<(u32, &str)> = both
        .iter()
        .map(|f| (f.location.start.line, f.rule.id))
        .collect();
    // The token is a known format: `leaked-secret`. The plain password and the
    // high-entropy API key stay with `hardcoded-password`; `auth_blob`, a name only
    // `leaked-secret` reads as secret, is `leaked-secret`'s.
    assert_eq!(
        by_line,
        [
            (1, "leaked-secret"),
            (2, "hardcoded-password"),
            (3, "hardcoded-password"),
            (4, "leaked-secret"),
        ]
    );
    // Each rule alone keeps what the other would have taken.
    let alone = findings(
        "hardcoded-password",
        "app/settings.py",
        TOKEN_UNDER_PASSWORD_NAME,
    );
    assert_eq!(alone.len(), 3);
    let alone = findings(
        "leaked-secret",
        "app/settings.py",
        TOKEN_UNDER_PASSWORD_NAME,
    );
    assert_eq!(alone.len(), 3);
}

const SECRETS_IN_TEST_CODE: &str = "TOKEN = \"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\"\nKEY = \"AKIAFAKEUJZDEGXDNCF3\"\napi_key = \"q8Zr2LmT0vXa9KpW3nBc\"\n";

#[test]
fn leaked_secret_in_test_code_skips_entropy_and_lowers_severity() {
    let app = findings("leaked-secret", "app/settings.py", SECRETS_IN_TEST_CODE);
    assert_eq!(app.len(), 3);
    let test = findings(
        "leaked-secret",
        "tests/test_settings.py",
        SECRETS_IN_TEST_CODE,
    );
    let summary: Vec<(u32, Severity, Confidence)> = test
        .iter()
        .map(|f| (f.location.start.line, f.severity, f.confidence))
        .collect();
    assert_eq!(
        summary,
        [
            (1, Severity::Medium, Confidence::High),
            (2, Severity::High, Confidence::Low),
        ]
    );
}

#[test]
fn leaked_secret_messages_never_show_the_secret() {
    let source = "T = \"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\"\nU = \"postgres://app:Zq81pLm3x7Qa@db/app\"\nK = \"\"\"-----BEGIN RSA PRIVATE KEY-----\nRkFLRSBNT0FUIENPUlBVUyBLRVksIE5PVCBBIFJFQUwgS0VZIC6YZf1tKOA7PIfW\nd0fy/B3370n7fv9UA1Kk7/6X7r/a1iZcuA4KF6kw9/hJEW3UQK0wu67ya5Her9iA\n-----END RSA PRIVATE KEY-----\"\"\"\n";
    let found = findings("leaked-secret", "app/keys.py", source);
    assert_eq!(found.len(), 3);
    for finding in &found {
        for secret in [
            "FAKEHF4vUCsMehGAkWvj7FAc9QeWJK2s",
            "Zq81pLm3x7Qa",
            "RkFLRSBNT0FU",
            "6X7r/a1iZ",
        ] {
            assert!(!finding.message.contains(secret), "{}", finding.message);
        }
    }
    // The PEM block in a triple-quoted string starts where its header does.
    assert_eq!(found[2].location.start.line, 3);
    assert_eq!(found[2].location.end.line, 6);
}

/// The `subprocess-shell-true` fixture, whose pass-through wrappers are marked
/// `# pass-through: command-injection` besides `# expect: subprocess-shell-true`.
const SHELL_FIXTURE: &str = include_str!("../fixtures/injection/subprocess-shell-true.py");

/// 1-based lines of `source` containing `marker`.
fn lines_with(source: &str, marker: &str) -> Vec<u32> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains(marker))
        .map(|(i, _)| u32::try_from(i + 1).unwrap())
        .collect()
}

/// `rule` reports the lines of `fixture` marked `expect`; with `taint_rule` on too, all but
/// those marked `pass-through: <taint_rule>` (wrappers whose callers the taint rule checks).
fn assert_leaves_wrappers(fixture: &'static str, rule: &'static str, taint_rule: &'static str) {
    let expected = lines_with(fixture, &format!("# expect: {rule}"));
    let wrappers = lines_with(fixture, &format!("pass-through: {taint_rule}"));
    assert!(wrappers.len() >= 3, "{wrappers:?}");
    assert!(wrappers.iter().all(|line| expected.contains(line)));
    let flagged = |ids: &[&'static str]| -> Vec<u32> {
        findings_of(ids, "app/tools.py", fixture)
            .iter()
            .filter(|f| f.rule.id == rule)
            .map(|f| f.location.start.line)
            .collect()
    };
    // Alone, the rule reports the wrappers too.
    assert_eq!(flagged(&[rule]), expected);
    // With the taint rule that checks their callers, it leaves them to it.
    let without_wrappers: Vec<u32> = expected
        .iter()
        .copied()
        .filter(|line| !wrappers.contains(line))
        .collect();
    assert_eq!(flagged(&[rule, taint_rule]), without_wrappers);
}

#[test]
fn subprocess_shell_true_leaves_pass_through_wrappers_to_command_injection() {
    assert_leaves_wrappers(SHELL_FIXTURE, "subprocess-shell-true", "command-injection");
}

#[test]
fn weak_hash_any_leaves_the_security_uses_to_weak_hash() {
    let source = "import hashlib\n\ndef store(user, password, blob):\n    user.password_hash = hashlib.md5(password.encode()).hexdigest()\n    return hashlib.md5(blob).hexdigest()\n";
    let mut found = findings_of(&["weak-hash", "weak-hash-any"], "app/store.py", source);
    moat_rules::drop_subsumed(&mut found);
    let by_line: Vec<(u32, &str)> = found
        .iter()
        .map(|f| (f.location.start.line, f.rule.id))
        .collect();
    assert_eq!(by_line, [(4, "weak-hash"), (5, "weak-hash-any")]);
    // Alone, the audit rule lists both.
    assert_eq!(
        findings_of(&["weak-hash-any"], "app/store.py", source).len(),
        2
    );
}

const SQL_FIXTURE: &str = include_str!("../fixtures/injection/sql-string-built.py");

#[test]
fn sql_string_built_leaves_pass_through_wrappers_to_sql_injection() {
    assert_leaves_wrappers(SQL_FIXTURE, "sql-string-built", "sql-injection");
}
