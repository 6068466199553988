use std::path::Path;

use crate::selection::{RuleSelection, RuleSet, SelectionError};
use crate::test_rules::RULES;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_string()).collect()
}

fn select(
    select: Option<&[&str]>,
    extend: &[&str],
    ignore: &[&str],
) -> Result<RuleSelection, SelectionError> {
    let select = select.map(strings);
    RuleSelection::new(
        &RULES,
        select.as_deref(),
        &strings(extend),
        &strings(ignore),
        &[],
        Path::new("/project"),
    )
}

fn ids(selection: &RuleSelection) -> Vec<&'static str> {
    selection.enabled().iter().map(|rule| rule.id).collect()
}

#[test]
fn default_set_is_default_enabled_rules() {
    let selection = select(None, &[], &[]).unwrap();
    assert_eq!(
        ids(&selection),
        [
            "subprocess-shell-true",
            "eval-used",
            "assert-used",
            "weak-hash"
        ]
    );
    assert_eq!(selection.enabled_set().len(), 4);
    assert_eq!(selection.rules().len(), RULES.len());
}

#[test]
fn select_replaces_the_default_set() {
    assert_eq!(
        ids(&select(Some(&["crypto", "B602"]), &[], &[]).unwrap()),
        ["subprocess-shell-true", "weak-hash"]
    );
    assert_eq!(ids(&select(Some(&["ALL"]), &[], &[]).unwrap()).len(), 5);
    assert_eq!(
        ids(&select(Some(&["hardcoded-tmp-dir"]), &[], &[]).unwrap()),
        ["hardcoded-tmp-dir"]
    );
    assert!(ids(&select(Some(&[]), &[], &[]).unwrap()).is_empty());
}

#[test]
fn extend_select_adds_and_ignore_wins() {
    assert_eq!(
        ids(&select(None, &["S108"], &[]).unwrap()),
        [
            "subprocess-shell-true",
            "eval-used",
            "assert-used",
            "weak-hash",
            "hardcoded-tmp-dir"
        ]
    );
    assert_eq!(
        ids(&select(Some(&["eval-used", "assert-used"]), &[], &["eval-used"]).unwrap()),
        ["assert-used"]
    );
    assert_eq!(
        ids(&select(Some(&["ALL"]), &["B307"], &["code", "files"]).unwrap()),
        ["subprocess-shell-true", "weak-hash"]
    );
}

#[test]
fn unknown_selectors_are_errors_with_suggestions() {
    let error = select(Some(&["weak-hsh"]), &[], &[]).unwrap_err();
    let SelectionError::UnknownSelector(unknown) = &error else {
        panic!("expected an unknown selector, got {error:?}");
    };
    assert_eq!(unknown.suggestion, Some("weak-hash"));
    assert!(error.to_string().contains("did you mean `weak-hash`?"));
    assert!(select(None, &[], &["B000"]).is_err());
    assert!(select(None, &["nope"], &[]).is_err());
}

#[test]
fn per_path_ignores_apply_relative_to_root() {
    let per_path = vec![
        ("tests/**".to_string(), strings(&["assert-used"])),
        ("conftest.py".to_string(), strings(&["code"])),
        ("scripts".to_string(), strings(&["B602"])),
    ];
    let selection = RuleSelection::new(&RULES, None, &[], &[], &per_path, Path::new("/project"))
        .unwrap()
        .check_tests(true);
    let all = selection.rules_for(Path::new("/project/app/views.py"));
    assert_eq!(all.iter().collect::<Vec<_>>(), [0, 1, 2, 3]);

    let test = selection.rules_for(Path::new("/project/tests/unit/test_x.py"));
    assert!(!test.contains(2) && test.contains(0) && test.contains(1));

    let conftest = selection.rules_for(Path::new("/project/pkg/conftest.py"));
    assert_eq!(conftest.iter().collect::<Vec<_>>(), [0, 3]);

    let script = selection.rules_for(Path::new("/project/tools/scripts/run.py"));
    assert!(!script.contains(0));

    // `tests/**` is anchored at the root: a `tests` directory elsewhere is not matched.
    let nested = selection.rules_for(Path::new("/project/pkg/tests/test_y.py"));
    assert!(nested.contains(2));
    let outside = selection.rules_for(Path::new("/elsewhere/tests/test_y.py"));
    assert!(outside.contains(2));

    // The union is unaffected by per-path ignores.
    assert_eq!(selection.enabled().len(), 4);
}

#[test]
fn test_code_gets_only_the_rules_that_check_it() {
    let selection = select(None, &[], &[]).unwrap();
    let rules = |path: &str| {
        selection
            .rules_for(Path::new(path))
            .iter()
            .collect::<Vec<_>>()
    };
    assert_eq!(rules("/project/app/views.py"), [0, 1, 2, 3]);
    for test in [
        "/project/tests/test_views.py",
        "/project/app/tests/helpers.py",
        "/project/conftest.py",
        "/project/app/views_test.py",
    ] {
        assert_eq!(rules(test), [3], "{test}");
    }
    // Classified relative to the root: a project inside a folder named `tests` is not
    // all test code.
    let nested =
        RuleSelection::new(&RULES, None, &[], &[], &[], Path::new("/work/tests/p")).unwrap();
    let app = nested.rules_for(Path::new("/work/tests/p/app/views.py"));
    assert_eq!(app.iter().collect::<Vec<_>>(), [0, 1, 2, 3]);
    let everything = select(None, &[], &[]).unwrap().check_tests(true);
    let test = everything.rules_for(Path::new("/project/tests/test_views.py"));
    assert_eq!(test.iter().collect::<Vec<_>>(), [0, 1, 2, 3]);
}

#[test]
fn relative_paths_are_taken_from_the_working_directory() {
    let cwd = std::env::current_dir().unwrap();
    let per_path = vec![("tests/**".to_string(), strings(&["assert-used"]))];
    let selection = RuleSelection::new(&RULES, None, &[], &[], &per_path, &cwd)
        .unwrap()
        .check_tests(true);
    assert!(!selection.rules_for(Path::new("tests/a.py")).contains(2));
    assert!(!selection.rules_for(Path::new("./tests/a.py")).contains(2));
    assert!(selection.rules_for(Path::new("src/a.py")).contains(2));
}

#[test]
fn bad_per_path_globs_and_selectors_are_errors() {
    let bad_glob = vec![("a[".to_string(), strings(&["B101"]))];
    let error = RuleSelection::new(&RULES, None, &[], &[], &bad_glob, Path::new("/p")).unwrap_err();
    assert!(
        matches!(error, SelectionError::InvalidGlob { .. }),
        "{error}"
    );
    let bad_selector = vec![("tests".to_string(), strings(&["B999"]))];
    let error =
        RuleSelection::new(&RULES, None, &[], &[], &bad_selector, Path::new("/p")).unwrap_err();
    assert!(
        matches!(error, SelectionError::UnknownSelector(_)),
        "{error}"
    );
}

#[test]
fn rule_sets_span_several_words() {
    let mut set = RuleSet::new();
    assert!(set.is_empty());
    for index in [0, 63, 64, 130] {
        set.insert(index);
    }
    assert_eq!(set.len(), 4);
    assert!(set.contains(130) && set.contains(64) && !set.contains(65));
    assert!(!set.contains(10_000));
    assert_eq!(set.iter().collect::<Vec<_>>(), [0, 63, 64, 130]);
    set.remove(63);
    set.remove(10_000);
    assert_eq!(set.iter().collect::<Vec<_>>(), [0, 64, 130]);

    let mut full = RuleSet::full(70);
    assert_eq!(full.len(), 70);
    full.remove_all(&set);
    assert_eq!(full.len(), 68);
    full.insert_all(&set);
    assert_eq!(full.len(), 71);
}
