//! `moat regex`: verdicts, exit statuses, the text report and the JSON document.

use std::process::{Command, Output};

fn moat_regex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_moat"))
        .arg("regex")
        .args(args)
        .output()
        .expect("moat runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn exponential_pattern_exits_1_with_attack_underline_and_rewrite() {
    let out = moat_regex(&["(a+)+$", "--mode", "match"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("verdict   exponential"), "{text}");
    assert!(
        text.contains("          (a+)+$\n          ^^^^^ the part that backtracks"),
        "{text}"
    );
    assert!(text.contains("attack    'a' + 'a' * n + 'b'"), "{text}");
    assert!(text.contains("steps     n="), "{text}");
    assert!(text.contains("rewrite   a+$"), "{text}");
}

#[test]
fn polynomial_pattern_reports_its_degree() {
    let out = moat_regex(&[r"\s*\d*\s*$", "--mode", "match"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("polynomial (degree 2"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn safe_pattern_exits_0() {
    let out = moat_regex(&["^[a-z]+$"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("verdict   safe"));
}

#[test]
fn syntax_error_exits_2_with_pythons_message() {
    let out = moat_regex(&["a(?i)b", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["verdict"], "syntax-error");
    assert_eq!(
        json["error"]["message"],
        "global flags not at the start of the expression"
    );
    assert_eq!(json["error"]["position"], 1);
}

#[test]
fn json_has_the_documented_keys() {
    let out = moat_regex(&[r"(\w+\s?)*$", "--format", "json", "--flags", "i,m"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "version",
        "pattern",
        "flags",
        "bytes",
        "mode",
        "verdict",
        "degree",
        "reason",
        "span",
        "attack",
        "steps",
        "rewrite",
        "error",
        "approximate",
        "search_retry",
    ] {
        assert!(json.get(key).is_some(), "missing {key}: {json}");
    }
    assert_eq!(json["flags"], "im");
    assert_eq!(json["mode"], "search");
    assert_eq!(json["verdict"], "exponential");
    assert_eq!(json["span"]["text"], r"(\w+\s?)*");
    let attack = &json["attack"];
    assert_eq!(attack["python"], "'a' + 'a' * 30 + '!'");
    assert_eq!(attack["pumps"], 30);
    assert!(json["steps"].as_array().unwrap().len() >= 3);
}

#[test]
fn bytes_patterns_and_bad_arguments() {
    let out = moat_regex(&[
        r"\+OK.*(<[^>]+>)",
        "--bytes",
        "--mode",
        "match",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["bytes"], true);
    assert!(json["attack"]["python"].as_str().unwrap().starts_with("b'"));

    let out = moat_regex(&["€+", "--bytes"]);
    assert_eq!(out.status.code(), Some(2));
    let out = moat_regex(&["a", "--flags", "q"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown flag"));
}
