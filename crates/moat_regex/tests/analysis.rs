//! Verdicts, attack strings, degrees, spans and rewrites on the patterns the analysis is
//! built around.

use moat_regex::{MatchMode, Options, PatternText, Verdict, analyze, escape};
use std::time::Duration;

fn check(pattern: &str, mode: MatchMode) -> moat_regex::Analysis {
    analyze(
        &PatternText::Str(pattern.to_string()),
        &Options {
            mode,
            ..Options::default()
        },
    )
}

#[test]
fn exponential_patterns_get_a_confirmed_attack_and_a_rewrite() {
    let a = check("(a+)+$", MatchMode::Match);
    assert_eq!(a.verdict, Verdict::Exponential);
    assert_eq!(a.span, Some(0..5));
    let attack = a.attack.as_ref().unwrap();
    assert_eq!(
        escape::python_expression(&attack.prefix, &attack.pump, &attack.suffix, 30, false),
        "'a' + 'a' * 30 + 'b'"
    );
    // Each pump at least doubles the steps.
    let m = &a.measurements;
    assert!(
        m.len() >= 4 && m.windows(2).all(|w| w[1].steps >= 2 * w[0].steps),
        "{m:?}"
    );
    assert_eq!(a.rewrite.unwrap().pattern, "a+$");

    let a = check(r"(\w+\s?)*$", MatchMode::Match);
    assert_eq!(a.verdict, Verdict::Exponential);
    assert_eq!(a.rewrite.unwrap().pattern, r"[\w\s]*$");

    let a = check("(a|ab|b)*c", MatchMode::Match);
    assert_eq!(a.verdict, Verdict::Exponential);
    assert_eq!(a.rewrite.unwrap().pattern, "(a|ab|b)*+c");
}

#[test]
fn polynomial_patterns_report_their_degree() {
    let a = check(r"\s*\d*\s*$", MatchMode::Match);
    assert_eq!((a.verdict, a.degree), (Verdict::Polynomial, Some(2)));
    assert_eq!(a.span, Some(0..9));
    let a = check(".*a.*a.*=", MatchMode::Match);
    assert_eq!((a.verdict, a.degree), (Verdict::Polynomial, Some(3)));
    // re.search retries at every position: one degree more.
    let a = check(".*a.*a.*=", MatchMode::Search);
    assert_eq!((a.verdict, a.degree), (Verdict::Polynomial, Some(4)));
    assert!(a.search_retry);
    let a = check(r"\s+$", MatchMode::Search);
    assert_eq!((a.verdict, a.degree), (Verdict::Polynomial, Some(2)));
    assert!(a.reason.contains("re.search"), "{}", a.reason);
    assert_eq!(check(r"\s+$", MatchMode::Match).verdict, Verdict::Safe);
}

#[test]
fn atomic_groups_possessive_loops_and_success_stop_the_blow_up() {
    for pattern in [
        "(?>a+)+b",
        "(a++)+b",
        "(?>a*)a*b",
        r"^(\w+\s?)*+$",
        "(a+)+",
        "(a|a){1,10}b",
    ] {
        let a = check(pattern, MatchMode::Match);
        assert_eq!(a.verdict, Verdict::Safe, "{pattern}: {}", a.reason);
    }
    // ...but not when nothing may follow: fullmatch needs the whole text.
    assert_eq!(
        check("(a+)+", MatchMode::Fullmatch).verdict,
        Verdict::Exponential
    );
    // An atomic group after a loop still lets the loop split the text.
    assert_eq!(
        check("a*(?>a*)b", MatchMode::Match).verdict,
        Verdict::Polynomial
    );
}

#[test]
fn syntax_errors_are_verdicts() {
    let a = check("(a", MatchMode::Search);
    assert_eq!(a.verdict, Verdict::SyntaxError);
    assert_eq!(
        a.error.unwrap().to_string(),
        "missing ), unterminated subpattern at position 0"
    );
}

#[test]
fn running_out_of_time_is_unknown_never_safe() {
    let options = Options {
        time_limit: Duration::ZERO,
        mode: MatchMode::Match,
        ..Options::default()
    };
    let a = analyze(&PatternText::Str("(a|a)*$".into()), &options);
    assert_eq!(a.verdict, Verdict::Unknown, "{}", a.reason);
}

#[test]
fn bytes_patterns_are_analysed_as_bytes() {
    let a = analyze(
        &PatternText::Bytes(br"\+OK.*(<[^>]+>)".to_vec()),
        &Options {
            mode: MatchMode::Match,
            ..Options::default()
        },
    );
    assert_eq!((a.verdict, a.degree), (Verdict::Polynomial, Some(2)));
    let attack = a.attack.unwrap();
    assert!(attack.text(3).iter().all(|&c| c <= 0xFF));
}

#[test]
fn hostile_patterns_end_in_a_verdict() {
    let deep = format!("{}a{}", "(".repeat(300), ")".repeat(300));
    let a = check(&deep, MatchMode::Match);
    assert_eq!(a.verdict, Verdict::Unknown, "{}", a.reason);
    let wide = format!("({})*$", vec!["a"; 3000].join("|"));
    let a = check(&wide, MatchMode::Match);
    assert_ne!(a.verdict, Verdict::Safe, "{}", a.reason);
    let long = "x".repeat(100_000);
    assert_eq!(check(&long, MatchMode::Search).verdict, Verdict::Unknown);
    let bounded = r"(\d{1,16}\.){1,16}x";
    let a = check(bounded, MatchMode::Match);
    assert_ne!(a.verdict, Verdict::SyntaxError);
}
