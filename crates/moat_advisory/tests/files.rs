//! Loading from zips and directories, and the index file.

use moat_advisory::{AdvisoryError, Database, IndexError, IndexMeta, ProblemKind, Version};
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

const GOOD: &str = r#"{"id": "PYSEC-1", "aliases": ["GHSA-1111-2222-3333"],
  "affected": [{"package": {"ecosystem": "PyPI", "name": "a"},
    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2"}]}],
    "versions": ["1.0", "1.1", "1.1-final-odd"]}]}"#;
const OTHER: &str = r#"{"id": "PYSEC-2", "withdrawn": "2024-01-01T00:00:00Z",
  "affected": [{"package": {"ecosystem": "PyPI", "name": "b"}, "versions": ["2.0"]}]}"#;

fn write_zip(path: &Path, entries: &[(&str, &str)]) {
    let file = std::fs::File::create(path).expect("create zip");
    let mut zip = zip::ZipWriter::new(file);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in entries {
        if name.ends_with('/') {
            zip.add_directory(*name, options).expect("dir");
        } else {
            zip.start_file(*name, options).expect("start");
            zip.write_all(text.as_bytes()).expect("write");
        }
    }
    zip.finish().expect("finish");
}

fn v(text: &str) -> Version {
    Version::from_str(text).expect("valid")
}

#[test]
fn zip_with_a_folder_and_a_malformed_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("all.zip");
    write_zip(
        &path,
        &[
            ("PyPI/", ""),
            ("PyPI/PYSEC-1.json", GOOD),
            ("PyPI/PYSEC-2.json", OTHER),
            ("PyPI/broken.json", "not json"),
            ("README.md", "ignored"),
        ],
    );
    let (db, problems) = Database::from_zip(&path).expect("loads");
    assert_eq!(db.advisory_count(), 2);
    assert_eq!(db.withdrawn_count(), 1);
    let files: Vec<(&str, ProblemKind)> =
        problems.iter().map(|p| (p.file.as_str(), p.kind)).collect();
    assert_eq!(
        files,
        [
            ("PyPI/PYSEC-1.json", ProblemKind::InvalidVersion),
            ("PyPI/broken.json", ProblemKind::InvalidRecord),
        ]
    );
    let found = db.vulnerabilities_for("A", &v("1.1"));
    assert_eq!(found[0].id.as_str(), "GHSA-1111-2222-3333");
    assert_eq!(db.vulnerabilities_for_text("a", "1.1-final-odd").len(), 1);
    assert_eq!(
        db.fingerprint().size,
        std::fs::metadata(&path).expect("meta").len()
    );
}

#[test]
fn truncated_or_foreign_zips_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("all.zip");
    write_zip(&path, &[("PYSEC-1.json", GOOD)]);
    let bytes = std::fs::read(&path).expect("read");
    for cut in [bytes.len() - 10, bytes.len() / 2, 0] {
        std::fs::write(&path, &bytes[..cut]).expect("write");
        match Database::from_zip(&path) {
            Err(error @ AdvisoryError::Zip { .. }) => {
                assert!(error.to_string().contains("all.zip"), "{error}");
            }
            other => panic!("cut at {cut}: expected a zip error, got {other:?}"),
        }
    }
    match Database::from_zip(dir.path().join("missing.zip")) {
        Err(AdvisoryError::Io(error)) => assert!(error.to_string().contains("missing.zip")),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

#[test]
fn directory_with_subfolders() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("PyPI/sub")).expect("mkdir");
    std::fs::write(dir.path().join("PyPI/PYSEC-1.json"), GOOD).expect("write");
    std::fs::write(dir.path().join("PyPI/sub/PYSEC-2.JSON"), OTHER).expect("write");
    std::fs::write(dir.path().join("PyPI/sub/bad.json"), "[]").expect("write");
    std::fs::write(dir.path().join("notes.txt"), "x").expect("write");
    let (db, problems) = Database::from_dir(dir.path()).expect("loads");
    assert_eq!(db.advisory_count(), 2);
    assert!(problems.iter().any(|p| p.file == "PyPI/sub/bad.json"));
    assert_eq!(db.vulnerabilities_for("a", &v("1.0")).len(), 1);

    let not_dir = dir.path().join("notes.txt");
    assert!(matches!(
        Database::from_dir(&not_dir),
        Err(AdvisoryError::NotADirectory { .. })
    ));
}

#[test]
fn index_round_trip_and_corruption() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, problems) = Database::from_json_files([
        ("PYSEC-1.json", GOOD.as_bytes()),
        ("PYSEC-2.json", OTHER.as_bytes()),
        ("bad.json", b"{".as_slice()),
    ]);
    let index = dir.path().join("db.index");
    let meta = IndexMeta {
        source: "https://example.invalid/all.zip".into(),
        built_at: 1_728_518_400,
    };
    std::fs::write(&index, b"old contents").expect("write");
    let header = db.write_index(&index, &meta).expect("writes");
    assert_eq!(header.advisory_count, 2);
    assert_eq!(header.withdrawn_count, 1);
    assert_eq!(header.vulnerability_count, 1);
    let leftovers = std::fs::read_dir(dir.path()).expect("ls").count();
    assert_eq!(leftovers, 1, "no temporary file left behind");

    let loaded = Database::read_index(&index).expect("reads");
    assert_eq!(loaded.header, header);
    assert_eq!(loaded.header.source, meta.source);
    assert_eq!(loaded.problems, problems);
    assert_eq!(loaded.database.vulnerabilities(), db.vulnerabilities());
    assert_eq!(loaded.database.fingerprint(), db.fingerprint());
    assert_eq!(Database::read_index_header(&index).expect("header"), header);

    let bytes = std::fs::read(&index).expect("read");
    // Flip one byte of the body.
    let mut damaged = bytes.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 0xff;
    std::fs::write(&index, &damaged).expect("write");
    let error = Database::read_index(&index).expect_err("corrupt");
    assert!(matches!(error, IndexError::Corrupt { .. }), "{error}");
    assert!(error.needs_rebuild());
    assert!(error.to_string().contains("checksum"), "{error}");
    // Truncate it.
    std::fs::write(&index, &bytes[..bytes.len() / 2]).expect("write");
    assert!(matches!(
        Database::read_index(&index),
        Err(IndexError::Corrupt { .. })
    ));
    std::fs::write(&index, &bytes[..30]).expect("write");
    assert!(matches!(
        Database::read_index(&index),
        Err(IndexError::Corrupt { .. })
    ));
    // Another format version.
    let mut future = bytes.clone();
    future[8] = future[8].wrapping_add(1);
    std::fs::write(&index, &future).expect("write");
    assert!(matches!(
        Database::read_index(&index),
        Err(IndexError::UnsupportedFormat { .. })
    ));
    // Not an index at all, or missing.
    std::fs::write(&index, b"PK\x03\x04 a zip").expect("write");
    assert!(matches!(
        Database::read_index(&index),
        Err(IndexError::NotAnIndex { .. })
    ));
    let missing = Database::read_index(dir.path().join("none")).expect_err("missing");
    assert!(missing.needs_rebuild());
    assert!(missing.to_string().contains("none"), "{missing}");
}
