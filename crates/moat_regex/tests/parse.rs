//! The parser accepts what Python 3.11's `re` accepts and rejects the rest with `re`'s
//! message and position (the expectations were taken from `re.compile` on Python 3.11).

use moat_regex::{Flags, PatternText, parse};

fn error(pattern: &str) -> Option<(String, Option<usize>)> {
    parse(&PatternText::Str(pattern.to_string()), Flags::default())
        .err()
        .map(|e| (e.message, e.position))
}

#[test]
fn rejects_what_python_rejects_with_its_message() {
    let cases: &[(&str, &str, Option<usize>)] = &[
        ("(a", "missing ), unterminated subpattern", Some(0)),
        ("*", "nothing to repeat", Some(0)),
        ("a**", "multiple repeat", Some(2)),
        ("a?+*", "multiple repeat", Some(3)),
        ("a{2}{3}", "multiple repeat", Some(4)),
        ("a{2}?{3}", "multiple repeat", Some(5)),
        ("a*??", "multiple repeat", Some(3)),
        ("^*", "nothing to repeat", Some(1)),
        (r"\b+", "nothing to repeat", Some(2)),
        (r"\Z*", "nothing to repeat", Some(2)),
        ("a|*", "nothing to repeat", Some(2)),
        ("[a", "unterminated character set", Some(0)),
        ("[]", "unterminated character set", Some(0)),
        ("[^]", "unterminated character set", Some(0)),
        (r"\q", r"bad escape \q", Some(0)),
        (r"[\9]", r"bad escape \9", Some(1)),
        (r"[\A]", r"bad escape \A", Some(1)),
        ("\\", "bad escape (end of pattern)", Some(0)),
        ("a)", "unbalanced parenthesis", Some(1)),
        ("[z-a]", "bad character range z-a", Some(1)),
        (r"[a-\d]", r"bad character range a-\d", Some(1)),
        (r"[\w-z]", r"bad character range \w-z", Some(1)),
        ("a{3,2}", "min repeat greater than max repeat", Some(2)),
        ("(?<=a+)b", "look-behind requires fixed-width pattern", None),
        (
            "(?<=a|bc)",
            "look-behind requires fixed-width pattern",
            None,
        ),
        (r"\2", "invalid group reference 2", Some(1)),
        (r"(a)\2", "invalid group reference 2", Some(4)),
        (r"\18", "invalid group reference 18", Some(1)),
        (r"(a)\10", "invalid group reference 10", Some(4)),
        ("(?P<1>a)", "bad character in group name '1'", Some(4)),
        ("(?P=x)", "unknown group name 'x'", Some(4)),
        (
            "a(?i)",
            "global flags not at the start of the expression",
            Some(1),
        ),
        (
            "((?i)a)",
            "global flags not at the start of the expression",
            Some(1),
        ),
        (
            "(?i:(?i)a)",
            "global flags not at the start of the expression",
            Some(4),
        ),
        ("(?z)", "unknown extension ?z", Some(1)),
        ("(?<a>x)", "unknown extension ?<a", Some(1)),
        ("(?Px)", "unknown extension ?Px", Some(1)),
        (
            "(?P<a>x)(?P<a>y)",
            "redefinition of group name 'a' as group 2; was group 1",
            Some(12),
        ),
        ("(?", "unexpected end of pattern", Some(2)),
        ("(?P<a", "missing >, unterminated name", Some(4)),
        ("(?P<>a)", "missing group name", Some(4)),
        ("(?(2)a|b)", "invalid group reference 2", Some(3)),
        (
            "(a)(?(1)a|b|c)",
            "conditional backref with more than two branches",
            Some(11),
        ),
        ("(?(a)x)", "unknown group name 'a'", Some(3)),
        ("(?(1a)x)", "bad character in group name '1a'", Some(3)),
        (
            "(?i-i:a)",
            "bad inline flags: flag turned on and off",
            Some(5),
        ),
        ("(?x", "missing -, : or )", Some(3)),
        ("(?i", "missing -, : or )", Some(3)),
        ("(?-:x)", "missing flag", Some(3)),
        ("(?-i)a", "missing :", Some(4)),
        (
            "(?L)a",
            "bad inline flags: cannot use 'L' flag with a str pattern",
            Some(3),
        ),
        (
            "(?au)a",
            "bad inline flags: flags 'a', 'u' and 'L' are incompatible",
            Some(4),
        ),
        ("(?#abc", "missing ), unterminated comment", Some(0)),
        (r"\x4", r"incomplete escape \x4", Some(0)),
        (r"\u12", r"incomplete escape \u12", Some(0)),
        (
            r"\400",
            r"octal escape value \400 outside of range 0-0o377",
            Some(0),
        ),
        ("(?i:", "missing ), unterminated subpattern", Some(0)),
        (
            "x{4294967296}",
            "the repetition number is too large",
            Some(2),
        ),
    ];
    let mut wrong = Vec::new();
    for &(pattern, message, position) in cases {
        let got = error(pattern);
        if got.as_ref().map(|(m, p)| (m.as_str(), *p)) != Some((message, position)) {
            wrong.push(format!(
                "{pattern:?}: expected {message:?} at {position:?}, got {got:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn accepts_what_python_accepts() {
    for pattern in [
        "(?:a*)*",
        "(?:)*",
        "(?:^)*",
        "()*",
        "(?=a)*",
        "a{,}",
        "a{}",
        "a{x}",
        "a{1,x}",
        "a{ 1}",
        "a{,3}",
        "(?x)a {2}",
        "(?x)[ a]",
        "(?x)a#c\n*",
        "[a-]",
        "[-a]",
        "[]a]",
        "[^]a]",
        "[a-z-0]",
        r"\0",
        r"\08",
        r"\012",
        r"(a)\01",
        r"[\b]",
        r"(?<=\b)a",
        "(?<=(a))b",
        "(a)(?<=(?(1)a|b))",
        "(?P<a>x)(?P=a)",
        "(?P<é>x)",
        "(?ai)a",
        "(?x)(?i)  a",
        "(?-x:a)",
        "(?i)(?m)a",
        "(?u)a",
        "(?a:x)(?u:y)",
        "(?a-i:x)",
        "(?P<a>a)(?(a)b)",
        r"(a)\1{,2}",
        "a{1,2",
        r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(`+)(.+?)(?<!`)\2(?!`))",
        "a*+b++c?+d{1,2}+",
        "(?>a|ab)c",
        r"\N{LATIN SMALL LETTER A}",
        r"[\d\W\s-]",
        r"(?i)[^a-z]",
        r"\u00e9\U0001F600",
    ] {
        assert_eq!(error(pattern), None, "{pattern:?}");
    }
}

#[test]
fn bytes_patterns_and_flag_arguments() {
    let bytes = |p: &[u8], flags: Flags| parse(&PatternText::Bytes(p.to_vec()), flags);
    assert!(bytes(br"(?L)\w+", Flags::default()).is_ok());
    assert_eq!(
        bytes(br"\u0041", Flags::default()).unwrap_err().message,
        r"bad escape \u"
    );
    assert_eq!(
        bytes(b"a", Flags::from_letters("u").unwrap())
            .unwrap_err()
            .message,
        "cannot use UNICODE flag with a bytes pattern"
    );
    let str_pattern = |flags: &str| {
        parse(
            &PatternText::Str("a".into()),
            Flags::from_letters(flags).unwrap(),
        )
    };
    assert_eq!(
        str_pattern("L").unwrap_err().message,
        "cannot use LOCALE flag with a str pattern"
    );
    assert_eq!(
        str_pattern("a,u").unwrap_err().message,
        "ASCII and UNICODE flags are incompatible"
    );
    assert_eq!(Flags::from_bits(2 | 8 | 64).letters(), "imx");
    assert!(Flags::from_letters("q").is_err());
}

#[test]
fn spans_point_into_the_pattern() {
    let pattern = parse(&PatternText::Str("x(a+)+y".into()), Flags::default()).unwrap();
    let mut spans = Vec::new();
    pattern.root.walk(&mut |n| {
        if let moat_regex::ast::Kind::Repeat { .. } = n.kind {
            spans.push(n.span.clone());
        }
    });
    assert_eq!(spans, vec![1..6, 2..4]);
    assert_eq!(pattern.groups, 1);
}
