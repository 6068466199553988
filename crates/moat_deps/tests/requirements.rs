//! `requirements*.txt` in pip's syntax.

mod common;

use common::{assert_clean, find, names, problems, project};
use moat_deps::{Kind, parse_requirements_file};

#[test]
fn pins_ranges_extras_and_markers() {
    let dir = project(&[(
        "requirements.txt",
        "Django==4.2.1\nrequests[socks,security] >= 2.31, <3\nzope.interface===5.5.2\n\
         tomli>=1.1 ; python_version < \"3.11\"\nflask\n",
    )]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    assert_clean(&parsed);
    assert_eq!(
        names(&parsed),
        [
            "Django ==4.2.1",
            "requests >=2.31, <3",
            "zope.interface ==5.5.2",
            "tomli >=1.1",
            "flask"
        ]
    );
    let django = find(&parsed, "django");
    assert_eq!(
        django
            .requirement
            .pinned()
            .map(ToString::to_string)
            .as_deref(),
        Some("4.2.1")
    );
    assert_eq!(django.kind, Kind::Direct);
    assert_eq!(django.source.line, Some(1));
    assert!(django.source.file.ends_with("requirements.txt"));
    let requests = find(&parsed, "requests");
    assert_eq!(requests.extras, ["socks", "security"]);
    assert!(requests.requirement.pinned().is_none());
    assert_eq!(find(&parsed, "zope-interface").name, "zope.interface");
    assert_eq!(
        find(&parsed, "tomli").marker.as_deref(),
        Some("python_full_version < '3.11'")
    );
}

#[test]
fn comments_blank_lines_and_continuations() {
    let dir = project(&[(
        "requirements.txt",
        "# a comment\n\n   \nrequests==2.31.0 \\\n    --hash=sha256:aaa \\\n    --hash sha256:bbb  # trailing\n\
         # comment between\nurllib3==2.0.7  # why\nidna\\\n==3.6\n",
    )]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    assert_clean(&parsed);
    assert_eq!(
        names(&parsed),
        ["requests ==2.31.0", "urllib3 ==2.0.7", "idna ==3.6"]
    );
    let requests = find(&parsed, "requests");
    assert_eq!(requests.hashes, ["sha256:aaa", "sha256:bbb"]);
    assert_eq!(requests.source.line, Some(4));
    assert_eq!(find(&parsed, "urllib3").source.line, Some(8));
    assert_eq!(find(&parsed, "idna").source.line, Some(9));
}

#[test]
fn windows_line_endings_and_bom() {
    let dir = project(&[(
        "requirements.txt",
        "\u{feff}# header\r\nDjango==4.2.1\r\nrequests==2.31.0 \\\r\n  --hash=sha256:abc\r\n",
    )]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    assert_clean(&parsed);
    assert_eq!(names(&parsed), ["Django ==4.2.1", "requests ==2.31.0"]);
    assert_eq!(find(&parsed, "requests").hashes, ["sha256:abc"]);
    assert_eq!(find(&parsed, "django").source.line, Some(2));
}

#[test]
fn option_lines_are_skipped() {
    let dir = project(&[(
        "requirements.txt",
        "-i https://pypi.org/simple\n--index-url=https://pypi.org/simple\n--extra-index-url https://x\n\
         --find-links ./wheels\n-f ./wheels\n--pre\n--no-binary :all:\n--only-binary=:none:\n\
         --prefer-binary\n--require-hashes\n--trusted-host x\n--no-index\nsix==1.16.0\n",
    )]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    assert_clean(&parsed);
    assert_eq!(names(&parsed), ["six ==1.16.0"]);
    assert_eq!(find(&parsed, "six").source.line, Some(13));
}

#[test]
fn unauditable_lines_are_reported() {
    let dir = project(&[(
        "requirements.txt",
        "-e git+https://github.com/a/b.git#egg=b\n--editable ./local\n\
         pkg @ git+https://github.com/a/pkg@v1\nother @ https://example.com/other-1.0.tar.gz\n\
         ./vendor/thing\nhttps://example.com/x-1.0-py3-none-any.whl\nsix==1.16.0\n",
    )]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    assert_clean(&parsed);
    assert_eq!(names(&parsed), ["six ==1.16.0"]);
    let reasons: Vec<(Option<u32>, Option<&str>, &str)> = parsed
        .unauditable
        .iter()
        .map(|u| (u.source.line, u.name.as_deref(), u.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (Some(1), Some("b"), "editable install"),
            (Some(2), None, "editable install"),
            (Some(3), Some("pkg"), "VCS requirement"),
            (Some(4), Some("other"), "direct URL requirement"),
            (Some(5), None, "URL or local path without a package name"),
            (Some(6), None, "URL or local path without a package name"),
        ]
    );
    assert_eq!(
        parsed.unauditable[2].text,
        "pkg @ git+https://github.com/a/pkg@v1"
    );
}

#[test]
fn includes_resolve_relative_to_the_including_file() {
    let dir = project(&[
        (
            "requirements.txt",
            "-r requirements/base.txt\n-c constraints.txt\nflask==3.0.0\n",
        ),
        (
            "requirements/base.txt",
            "--requirement=nested/more.txt\nrequests==2.31.0\n",
        ),
        ("requirements/nested/more.txt", "idna==3.6\n"),
        ("constraints.txt", "urllib3<2\n-rconstraints-more.txt\n"),
        ("constraints-more.txt", "certifi==2024.2.2\n"),
    ]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    assert_clean(&parsed);
    let mut found: Vec<(String, Kind)> = parsed
        .dependencies
        .iter()
        .map(|d| (d.normalized_name.clone(), d.kind))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("certifi".to_owned(), Kind::Constraint),
            ("flask".to_owned(), Kind::Direct),
            ("idna".to_owned(), Kind::Direct),
            ("requests".to_owned(), Kind::Direct),
            ("urllib3".to_owned(), Kind::Constraint),
        ]
    );
    let idna = find(&parsed, "idna");
    assert!(
        idna.source
            .file
            .replace('\\', "/")
            .ends_with("requirements/nested/more.txt"),
        "{}",
        idna.source.file
    );
    assert_eq!(idna.source.line, Some(1));
}

#[test]
fn diamond_includes_are_read_once() {
    let dir = project(&[
        ("requirements.txt", "-r a.txt\n-r b.txt\n"),
        ("a.txt", "-r common.txt\n"),
        ("b.txt", "-r common.txt\n"),
        ("common.txt", "six==1.16.0\n"),
    ]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    assert_clean(&parsed);
    assert_eq!(names(&parsed), ["six ==1.16.0"]);
}

#[test]
fn include_cycles_are_problems() {
    let dir = project(&[
        ("requirements.txt", "-r a.txt\nsix==1.16.0\n"),
        ("a.txt", "idna==3.6\n-r requirements.txt\n"),
        ("self.txt", "-r self.txt\n"),
    ]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    assert_eq!(names(&parsed), ["idna ==3.6", "six ==1.16.0"]);
    let found = problems(&parsed);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("a.txt:2: include cycle"), "{found:?}");

    let parsed = parse_requirements_file(&dir.path().join("self.txt"));
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].message.contains("include cycle"));
}

#[test]
fn missing_include_is_a_problem_at_the_include_line() {
    let dir = project(&[(
        "requirements.txt",
        "six==1.16.0\n-r missing.txt\nidna==3.6\n",
    )]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    assert_eq!(names(&parsed), ["six ==1.16.0", "idna ==3.6"]);
    let found = problems(&parsed);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("requirements.txt:2: cannot read included file"),
        "{found:?}"
    );
    assert!(found[0].contains("missing.txt"), "{found:?}");
}

#[test]
fn invalid_lines_are_problems_and_the_rest_is_parsed() {
    let dir = project(&[(
        "requirements.txt",
        "six==1.16.0\nthis is not valid\nfoo==1.0-beta-x-y\n--unknown-option\n\
         bar==1.0 --frobnicate\nbaz==2.0 --hash=nocolon\n-r\nidna==3.6\n",
    )]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    assert_eq!(
        names(&parsed),
        ["six ==1.16.0", "bar ==1.0", "baz ==2.0", "idna ==3.6"]
    );
    let lines: Vec<Option<u32>> = parsed
        .problems
        .iter()
        .map(|p| p.position.map(|pos| pos.line))
        .collect();
    assert_eq!(
        lines,
        [Some(2), Some(3), Some(4), Some(5), Some(6), Some(7)]
    );
    assert!(
        parsed
            .problems
            .iter()
            .all(|p| p.file.ends_with("requirements.txt"))
    );
    assert!(parsed.problems[1].message.contains("foo==1.0-beta-x-y"));
}

#[test]
fn missing_file_is_a_problem() {
    let dir = project(&[]);
    let parsed = parse_requirements_file(&dir.path().join("nope.txt"));
    assert!(parsed.dependencies.is_empty());
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].message.contains("nope.txt"));
}

#[test]
fn names_normalise_per_pep_503() {
    let dir = project(&[(
        "requirements.txt",
        "Django==4.2\nzope.interface==6.0\nFoo__Bar==1.0\n",
    )]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    let normalized: Vec<&str> = parsed
        .dependencies
        .iter()
        .map(|d| d.normalized_name.as_str())
        .collect();
    assert_eq!(normalized, ["django", "zope-interface", "foo-bar"]);
}

#[test]
fn not_utf8_is_a_problem() {
    let dir = project(&[]);
    let path = dir.path().join("requirements.txt");
    std::fs::write(&path, b"six==1.0\n\xff\xfe\n").expect("write");
    let parsed = parse_requirements_file(&path);
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].message.contains("UTF-8"));
}

#[test]
fn hostile_lines_never_panic() {
    let lines = [
        "@",
        "[",
        "]",
        ";",
        "===",
        "==",
        "a @",
        "a[",
        "a[b",
        "a;",
        "a ; ",
        "a==1;python_version<",
        "é==1",
        "a==é",
        "-",
        "--",
        "--hash",
        "-r",
        "-e",
        "a --hash",
        "a \\",
        "\\",
        "#",
        "a @ ",
        "a@b@c",
        "a[b]@",
        "a (>=1)",
        "a>=1,",
        ",",
        "a===?",
        "a~=1",
        "a==1.*.*",
        "\u{0}",
        "a\tb",
        "a==1 --hash=",
        "a==1 -C",
        "a ==1 ; extra == 'x' and (",
        "💥==1",
        "a[💥]",
    ];
    let dir = project(&[("requirements.txt", &lines.join("\n"))]);
    let parsed = parse_requirements_file(&dir.path().join("requirements.txt"));
    let total = parsed.dependencies.len() + parsed.unauditable.len() + parsed.problems.len();
    assert!(total >= lines.len() - 4, "{total}");
    assert!(
        parsed
            .problems
            .iter()
            .all(|p| p.position.is_some_and(|pos| pos.line >= 1))
    );
}
