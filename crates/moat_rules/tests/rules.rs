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

const ASSERTS: &str = "def check(user):\n    assert user.is_admin\n    assert user is not None\n";

#[test]
fn assert_used_skips_test_files() {
    assert_eq!(findings("assert-used", "app/views.py", ASSERTS).len(), 2);
    for path in ["tests/test_x.py", "app/tests/helpers.py", "conftest.py"] {
        assert!(findings("assert-used", path, ASSERTS).is_empty(), "{path}");
    }
}

const RANDOM_TOKEN: &str = "import random\n\ndef make():\n    reset_token = random.getrandbits(64)\n    return reset_token\n";

#[test]
fn insecure_random_skips_test_files() {
    assert_eq!(
        findings("insecure-random", "app/accounts.py", RANDOM_TOKEN).len(),
        1
    );
    assert!(findings("insecure-random", "tests/test_accounts.py", RANDOM_TOKEN).is_empty());
}

#[test]
fn hardcoded_password_skips_test_files() {
    let source = "DB_PASSWORD = \"Pr0d-s3cret!\"\n";
    let app = findings("hardcoded-password", "app/settings.py", source);
    assert_eq!(app[0].confidence, Confidence::High);
    assert!(findings("hardcoded-password", "tests/test_settings.py", source).is_empty());
    assert!(findings("hardcoded-password", "app/conftest.py", source).is_empty());
}

#[test]
fn code_and_process_rules_skip_test_files() {
    let cases: &[(&str, &str)] = &[
        ("eval-exec-call", "def f(x):\n    return eval(x)\n"),
        (
            "eval-of-external-data",
            "import os\ndef f():\n    return eval(os.environ[\"X\"])\n",
        ),
        (
            "subprocess-shell-true",
            "import subprocess\ndef f(c):\n    subprocess.run(c, shell=True)\n",
        ),
        (
            "try-except-pass",
            "try:\n    work()\nexcept Exception:\n    pass\n",
        ),
        ("regex-redos", "import re\nre.compile(r'(a+)+$')\n"),
        ("regex-syntax-error", "import re\nre.compile('(')\n"),
    ];
    for &(id, source) in cases {
        assert_eq!(findings(id, "app/code.py", source).len(), 1, "{id}");
        assert!(
            findings(id, "tests/test_code.py", source).is_empty(),
            "{id}"
        );
    }
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
fn crypto_rules_skip_test_files() {
    let cases: &[(&str, &str)] = &[
        ("weak-hash", "import hashlib\nhashlib.md5(b'x')\n"),
        (
            "weak-cipher",
            "from Crypto.Cipher import DES\nDES.new(k, DES.MODE_CBC, iv)\n",
        ),
        (
            "ecb-mode",
            "from Crypto.Cipher import AES\nAES.new(k, AES.MODE_ECB)\n",
        ),
        (
            "weak-key-size",
            "from Crypto.PublicKey import RSA\nRSA.generate(1024)\n",
        ),
        (
            "static-iv",
            "from cryptography.hazmat.primitives.ciphers import modes\nmodes.CBC(bytes(16))\n",
        ),
        (
            "hardcoded-crypto-key",
            "import hmac\nhmac.new(b'k3y', m, 'sha256')\n",
        ),
        (
            "jwt-verification-disabled",
            "import jwt\njwt.decode(t, options={'verify_signature': False})\n",
        ),
        ("rsa-pkcs1v15-encryption", "import rsa\nrsa.encrypt(m, k)\n"),
        (
            "weak-password-hash",
            "import hashlib\nhashlib.sha256(password)\n",
        ),
        (
            "timing-unsafe-comparison",
            "import hmac\nok = hmac.new(k, m, 'sha256').hexdigest() == sig\n",
        ),
        (
            "predictable-random-seed",
            "import random\nrandom.seed(42)\n",
        ),
    ];
    for &(id, source) in cases {
        assert_eq!(findings(id, "app/crypto.py", source).len(), 1, "{id}");
        assert!(
            findings(id, "tests/test_crypto.py", source).is_empty(),
            "{id}"
        );
    }
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
fn web_framework_rules_calibrate_for_test_files() {
    use moat_diagnostics::Severity;
    let secret = "from flask import Flask\napp = Flask(__name__)\napp.secret_key = 'dev'\n";
    assert_eq!(
        findings("flask-hardcoded-secret-key", "tests/conftest.py", secret)[0].severity,
        Severity::Low
    );
    let csrf_off =
        "from flask import Flask\napp = Flask(__name__)\napp.config['WTF_CSRF_ENABLED'] = False\n";
    assert_eq!(
        findings("csrf-disabled", "app/__init__.py", csrf_off).len(),
        1
    );
    assert!(findings("csrf-disabled", "tests/conftest.py", csrf_off).is_empty());
    let exempt = "from django.views.decorators.csrf import csrf_exempt\n@csrf_exempt\ndef view(request):\n    pass\n";
    assert_eq!(
        findings("django-csrf-exempt", "tests/test_views.py", exempt)[0].severity,
        Severity::Low
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

#[test]
fn injection_rules_skip_test_files() {
    let mark_safe = "from django.utils.safestring import mark_safe\ndef f(x):\n    return mark_safe(f'<b>{x}</b>')\n";
    assert_eq!(
        findings("django-mark-safe", "app/views.py", mark_safe).len(),
        1
    );
    assert!(findings("django-mark-safe", "tests/test_views.py", mark_safe).is_empty());
    let raw =
        "from django.db import models\ndef f(x):\n    return models.P.objects.raw(f'SELECT {x}')\n";
    assert_eq!(findings("django-raw-sql", "app/views.py", raw).len(), 1);
    assert!(findings("django-raw-sql", "tests/test_views.py", raw).is_empty());
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
                source,
                module_name: "sample",
                is_package: false,
                project: None,
                enabled: &enabled,
                taint_models: None,
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
