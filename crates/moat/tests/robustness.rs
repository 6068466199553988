//! Hostile input: every bad file becomes an error entry, never a crash, a hang or an
//! aborted run; the good files beside it are still analysed.

mod common;

use common::Project;

const VULNERABLE: &str = "import os\nos.system(input())\n";

fn errors_and_findings(project: &Project) -> (Vec<(String, String)>, usize) {
    let run = project.moat(&["check", "--format", "json"]);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    (run.errors(), run.findings().len())
}

#[test]
fn deeply_nested_expressions_are_refused_cleanly() {
    let project = Project::new();
    project.write("good.py", VULNERABLE);
    project.write(
        "parens.py",
        format!("x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000)),
    );
    project.write("unary.py", format!("x = {}1\n", "-".repeat(100_000)));
    project.write("sum.py", format!("x = 1{}\n", " + 1".repeat(100_000)));
    project.write("attrs.py", format!("x = a{}\n", ".b".repeat(100_000)));
    let (errors, findings) = errors_and_findings(&project);
    let kinds: Vec<(&str, &str)> = errors
        .iter()
        .map(|(f, k)| (f.as_str(), k.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("attrs.py", "too-deep"),
            ("parens.py", "too-deep"),
            ("sum.py", "too-deep"),
            ("unary.py", "too-deep")
        ]
    );
    assert_eq!(findings, 1);
}

#[test]
fn binary_and_undecodable_files() {
    let project = Project::new();
    project.write("good.py", VULNERABLE);
    project.write("elf.py", b"\x7fELF\x02\x01\x01\x00\x00\x00garbage\xff\xfe");
    project.write("latin.py", b"name = '\xe9t\xe9'\n");
    project.write(
        "declared.py",
        b"# -*- coding: latin-1 -*-\nimport os\nos.system('caf\xe9' + input())\n",
    );
    let (errors, findings) = errors_and_findings(&project);
    assert_eq!(
        errors,
        vec![
            ("elf.py".into(), "binary-file".into()),
            ("latin.py".into(), "decode-error".into())
        ]
    );
    assert_eq!(findings, 2, "the PEP 263 file is decoded and analysed");
}

#[test]
fn huge_files_are_skipped_by_size_without_reading() {
    let project = Project::new();
    project.write("good.py", VULNERABLE);
    let huge = project.write("huge.py", b"");
    let file = std::fs::OpenOptions::new().write(true).open(&huge).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let (errors, findings) = errors_and_findings(&project);
    assert_eq!(errors, vec![("huge.py".into(), "too-large".into())]);
    assert_eq!(findings, 1);
}

#[test]
fn large_valid_files_are_analysed() {
    let project = Project::new();
    let mut text = String::from("import os\n");
    for i in 0..50_000 {
        text.push_str(&format!("def f{i}(x):\n    return x + {i}\n"));
    }
    text.push_str("os.system(input())\n");
    project.write("big.py", text);
    let (errors, findings) = errors_and_findings(&project);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(findings, 1);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let project = Project::new();
    project.write("good.py", VULNERABLE);
    std::fs::create_dir_all(project.path().join("a")).unwrap();
    std::os::unix::fs::symlink(project.path().join("a"), project.path().join("a/loop")).unwrap();
    std::os::unix::fs::symlink(
        project.path().join("self.py"),
        project.path().join("self.py"),
    )
    .unwrap();
    let run = project.moat(&["check", "--format", "json"]);
    assert_eq!(run.findings().len(), 1);
    // Walking into `a/loop` explicitly must end too.
    let run = project.moat(&["check", "--format", "json", "a/loop"]);
    assert!(run.code <= 1, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::new();
    project.write("good.py", VULNERABLE);
    let secret = project.write("secret.py", VULNERABLE);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        // Running as root: permissions are not enforced, nothing to test.
        return;
    }
    let (errors, findings) = errors_and_findings(&project);
    assert_eq!(errors, vec![("secret.py".into(), "io-error".into())]);
    assert_eq!(findings, 1);
}

#[test]
fn modern_syntax_from_3_8_to_3_14_parses() {
    let project = Project::with_files(
        r#"# --- file: modern.py
import os
type Alias[T] = list[T]
def first[T](items: list[T]) -> T:
    match items:
        case [x, *_]:
            return x
        case _:
            raise ValueError
async def f():
    async with a as b, c as d:
        pass
print(f"{'nested' + f'{1}'}")
template = t"hello {name}"
if (n := len("x")) > 0:
    os.system(input())
try:
    pass
except* ValueError:
    pass
"#,
    );
    let (errors, findings) = errors_and_findings(&project);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(findings, 1);
}
