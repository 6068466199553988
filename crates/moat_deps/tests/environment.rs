//! Installed environments.

mod common;

use common::{assert_clean, find, names, project};
use moat_deps::{Kind, parse_environment};

const METADATA: &str = "Metadata-Version: 2.4\nName: Django\nVersion: 4.2.1\n\
License-Expression: BSD-3-Clause\nClassifier: License :: OSI Approved :: BSD License\n\n\
Version: 0.0 (body text, ignored)\n";

#[test]
fn reads_a_virtualenv() {
    let dir = project(&[
        ("venv/pyvenv.cfg", "home = /usr/bin\n"),
        (
            "venv/lib/python3.12/site-packages/Django-4.2.1.dist-info/METADATA",
            METADATA,
        ),
        (
            "venv/lib/python3.12/site-packages/zope.interface-6.0.dist-info/METADATA",
            "Metadata-Version: 2.1\r\nName: zope.interface\r\nVersion: 6.0\r\nLicense: ZPL 2.1\r\n",
        ),
        (
            "venv/lib/python3.12/site-packages/mylib-0.1.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: mylib\nVersion: 0.1\n",
        ),
        (
            "venv/lib/python3.12/site-packages/mylib-0.1.dist-info/direct_url.json",
            r#"{"url": "file:///home/me/mylib", "dir_info": {"editable": true}}"#,
        ),
        ("venv/lib/python3.12/site-packages/django/__init__.py", ""),
    ]);
    let parsed = parse_environment(&dir.path().join("venv"));
    assert_clean(&parsed);
    assert_eq!(names(&parsed), ["Django ==4.2.1", "zope.interface ==6.0"]);
    let django = find(&parsed, "django");
    assert_eq!(django.kind, Kind::Installed);
    assert_eq!(django.source.line, Some(3));
    assert!(django.source.file.ends_with("METADATA"));
    let license = django.license.as_ref().expect("licence kept");
    assert_eq!(license.expression.as_deref(), Some("BSD-3-Clause"));
    assert_eq!(
        license.classifiers,
        ["License :: OSI Approved :: BSD License"]
    );
    assert_eq!(
        find(&parsed, "zope-interface")
            .license
            .as_ref()
            .and_then(|l| l.text.as_deref()),
        Some("ZPL 2.1")
    );
    assert_eq!(parsed.unauditable.len(), 1);
    assert_eq!(parsed.unauditable[0].reason, "editable install");
    assert_eq!(parsed.unauditable[0].text, "mylib @ file:///home/me/mylib");
}

#[test]
fn reads_a_site_packages_directory_and_windows_layout() {
    let dir = project(&[
        (
            "sp/six-1.16.0.dist-info/METADATA",
            "Name: six\nVersion: 1.16.0\n",
        ),
        (
            "winenv/Lib/site-packages/idna-3.6.dist-info/METADATA",
            "Name: idna\nVersion: 3.6\n",
        ),
    ]);
    let parsed = parse_environment(&dir.path().join("sp"));
    assert_clean(&parsed);
    assert_eq!(names(&parsed), ["six ==1.16.0"]);
    let parsed = parse_environment(&dir.path().join("winenv"));
    assert_clean(&parsed);
    assert_eq!(names(&parsed), ["idna ==3.6"]);
}

#[test]
fn bad_metadata_is_a_problem() {
    let dir = project(&[
        (
            "sp/good-1.0.dist-info/METADATA",
            "Name: good\nVersion: 1.0\n",
        ),
        ("sp/noversion-1.0.dist-info/METADATA", "Name: noversion\n"),
        (
            "sp/weird-1.0.dist-info/METADATA",
            "Name: weird\nVersion: not a version\n",
        ),
        ("sp/nometa-1.0.dist-info/RECORD", ""),
        ("sp/vcs-1.0.dist-info/METADATA", "Name: vcs\nVersion: 1.0\n"),
        ("sp/vcs-1.0.dist-info/direct_url.json", "{broken"),
    ]);
    let parsed = parse_environment(&dir.path().join("sp"));
    assert_eq!(names(&parsed), ["good ==1.0", "vcs ==1.0"]);
    assert_eq!(parsed.problems.len(), 4, "{:?}", common::problems(&parsed));
    let weird = parsed
        .problems
        .iter()
        .find(|p| p.file.contains("weird"))
        .expect("weird version reported");
    assert_eq!(weird.position.map(|p| p.line), Some(2));
}

#[test]
fn a_folder_that_is_no_environment_is_a_problem() {
    let dir = project(&[("empty/readme.txt", "")]);
    let parsed = parse_environment(&dir.path().join("empty"));
    assert!(parsed.dependencies.is_empty());
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].message.contains("site-packages"));
}
