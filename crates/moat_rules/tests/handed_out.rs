//! Weak values that a helper returns, judged at its callers in other modules: the first
//! look at each module hands them out, the second look at the modules that may call the
//! helper reports what those calls make of them (as `moat check` does, in
//! `crates/moat/src/analysis.rs`).

use moat_python::{ANALYSIS_STACK_SIZE, parse_module};
use moat_rules::{HandedOutIndex, ModuleInput, RULES, check_module, rule_index};
use moat_semantic::{ModuleExports, ProjectIndex, SemanticModel};

/// Files of a `# --- file: path` listing, with their dotted module names.
fn files(listing: &str) -> Vec<(String, String, String)> {
    listing
        .split("# --- file: ")
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            let (path, source) = part.split_once('\n').expect("a path line");
            let module = path
                .trim_end_matches(".py")
                .trim_end_matches("/__init__")
                .replace('/', ".");
            (path.to_string(), module, source.to_string())
        })
        .collect()
}

/// Both looks over the listing with the rules `ids`; the findings as
/// `path:line rule: message`, sorted, then the functions that handed out values.
fn check(ids: &'static [&'static str], listing: &'static str) -> (Vec<String>, Vec<String>) {
    std::thread::Builder::new()
        .stack_size(ANALYSIS_STACK_SIZE)
        .spawn(move || {
            let files = files(listing);
            let parsed: Vec<_> = files
                .iter()
                .map(|(_, _, source)| parse_module(source).expect("valid Python"))
                .collect();
            let mut project = ProjectIndex::new();
            for ((path, module, _), tree) in files.iter().zip(&parsed) {
                let is_package = path.ends_with("__init__.py");
                let model = SemanticModel::module_level(tree.suite(), module, is_package);
                project.insert(module.clone(), ModuleExports::from_model(&model));
            }
            let mut enabled = vec![false; RULES.len()];
            for id in ids {
                enabled[rule_index(id).expect("a rule")] = true;
            }
            let look = |handed_out: Option<&HandedOutIndex>| {
                files
                    .iter()
                    .zip(&parsed)
                    .map(|((path, module, source), tree)| {
                        let input = ModuleInput {
                            path,
                            templates: None,
                            source,
                            module_name: module,
                            is_package: path.ends_with("__init__.py"),
                            project: Some(&project),
                            enabled: &enabled,
                            taint_models: None,
                            handed_out,
                        };
                        check_module(&input, tree)
                    })
                    .collect::<Vec<_>>()
            };
            let first = look(None);
            let values: Vec<_> = first.iter().flat_map(|m| m.handed_out.clone()).collect();
            let handed: Vec<String> = values
                .iter()
                .map(|v| format!("{} ({}, {})", v.qualified_function(), v.rule.id, v.origin()))
                .collect();
            let index = HandedOutIndex::new(values, |name| project.canonical(name));
            let second = look(Some(&index));
            let mut found: Vec<_> = first
                .iter()
                .chain(&second)
                .flat_map(|m| &m.findings)
                .collect();
            found.sort_by_key(|f| (f.file.clone(), f.location.start.line));
            let findings = found
                .iter()
                .map(|f| {
                    format!(
                        "{}:{} {}: {}",
                        f.file, f.location.start.line, f.rule.id, f.message
                    )
                })
                .collect();
            (findings, handed)
        })
        .expect("thread starts")
        .join()
        .expect("no panic")
}

const RANDOM_HELPERS: &str = r#"# --- file: app/__init__.py
from .text import random_string as make_string
# --- file: app/text.py
import random
import string

ALPHABET = string.ascii_letters + string.digits


def random_string(length):
    return "".join(random.choice(ALPHABET) for _ in range(length))


def shuffled(items):
    return random.sample(items, len(items))


def quiet_string(length):
    return "".join(random.choice(ALPHABET) for _ in range(length))  # moat: ignore[insecure-random]


def local_caller(user):
    user.nickname = random_string(6)


class Maker:
    def make(self, length):
        return "".join(random.choice(ALPHABET) for _ in range(length))
# --- file: app/views.py
from app.text import random_string, shuffled, quiet_string
from app import text, make_string


def invite(user):
    user.invite_token = random_string(32)
    label = random_string(8)
    order = shuffled([1, 2, 3])
    return label, order


def reset(user):
    code = text.random_string(6)
    user.send_mail(reset_code=code)


def through_package(user):
    user.api_key = make_string(40)


def quiet(user):
    user.api_key = quiet_string(40)


def pick_session(user):
    user.session_id = random_string(16)


def shadowed(user, random_string):
    user.invite_token = random_string(32)
"#;

#[test]
fn weak_random_values_are_judged_by_callers_in_other_modules() {
    let (findings, handed) = check(&["insecure-random"], RANDOM_HELPERS);
    insta::assert_snapshot!(findings.join("\n"));
    // Only module-level functions whose own module does not name the value hand it out;
    // the suppressed one stays quiet everywhere.
    assert_eq!(
        handed,
        [
            "app.text.random_string (insecure-random, app/text.py:8)",
            "app.text.shuffled (insecure-random, app/text.py:12)",
        ]
    );
}

const HASH_HELPERS: &str = r#"# --- file: app/hashing.py
import hashlib


def digest(text):
    return hashlib.md5(text.encode()).hexdigest()


def fingerprint(data):
    return hashlib.sha1(data).hexdigest()


def checksum(data):
    value = hashlib.md5(data).hexdigest()
    print(value)
# --- file: app/accounts.py
from app.hashing import digest, fingerprint, checksum


def register(user, password):
    user.password_hash = digest(password)


def etag(body):
    return fingerprint(body)


def verify(body, signature):
    return fingerprint(body) == signature


def cache_entry(name):
    entry = digest(name)
    return entry


def cookie(response, body):
    response.set_cookie("auth", digest(body))


def logged(data, token):
    checksum(token)
"#;

#[test]
fn weak_digests_are_judged_by_callers_in_other_modules() {
    let (findings, handed) = check(&["weak-hash"], HASH_HELPERS);
    insta::assert_snapshot!(findings.join("\n"));
    // `checksum` returns nothing: its digest is not handed out.
    assert_eq!(
        handed,
        [
            "app.hashing.digest (weak-hash, app/hashing.py:5)",
            "app.hashing.fingerprint (weak-hash, app/hashing.py:9)",
        ]
    );
}

#[test]
fn without_the_rule_nothing_is_handed_out_or_reported() {
    let (findings, handed) = check(&["weak-hash"], RANDOM_HELPERS);
    assert!(findings.is_empty() && handed.is_empty());
}
