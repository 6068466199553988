//! `moat db import` / `moat db status` and `moat audit` from the cached database, end to
//! end, each test with its own `MOAT_CACHE_DIR`.

mod common;

use common::{OSV_SNAPSHOT, Project, Run};
use std::path::{Path, PathBuf};

/// jinja2 2.10's two vulnerabilities in the snapshot.
const JINJA2_2_10: [&str; 2] = ["GHSA-462w-v97r-4m45", "GHSA-g3rq-g295-4j3m"];

/// The snapshot's newest advisory was modified on 2024-10-10: a week later is still fresh.
const FRESH: &str = "2024-10-17";
/// Eight days after the newest advisory: stale.
const STALE: &str = "2024-10-18";

const IMPORT_HINT: &str = "run `moat db update`, or `moat db import FILE.zip|DIR`";

/// A project with its own, initially empty, database cache.
struct Cached {
    project: Project,
    cache: tempfile::TempDir,
}

impl Cached {
    fn new() -> Self {
        let project = Project::new();
        project.write("requirements.txt", "jinja2==2.10\nrequests==2.32.3\n");
        Self {
            project,
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn index(&self) -> PathBuf {
        self.cache.path().join("osv-pypi.idx")
    }

    fn moat(&self, args: &[&str]) -> Run {
        self.moat_on(args, FRESH)
    }

    fn moat_on(&self, args: &[&str], today: &str) -> Run {
        let cache = self.cache.path().to_str().unwrap();
        self.project
            .moat_with_env(args, &[("MOAT_CACHE_DIR", cache), ("MOAT_TODAY", today)])
    }

    fn import_snapshot(&self) -> Run {
        let run = self.moat(&["db", "import", OSV_SNAPSHOT]);
        run.assert_code(0);
        run
    }
}

fn ids(json: &serde_json::Value) -> Vec<String> {
    json["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect()
}

fn canonical(path: &str) -> String {
    std::fs::canonicalize(Path::new(path))
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn import_reports_counts_and_writes_the_index() {
    let cached = Cached::new();
    let run = cached.import_snapshot();
    assert!(
        run.stdout
            .contains("imported 2661 advisories (10 withdrawn) from"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("30 problems in the advisory data (30 invalid-version)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&canonical(OSV_SNAPSHOT)),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&cached.index().display().to_string()),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("MiB"), "{}", run.stdout);
    assert!(cached.index().is_file());
}

#[test]
fn status_shows_the_source_counts_and_index_in_text_and_json() {
    let cached = Cached::new();
    cached.import_snapshot();

    let run = cached.moat(&["db", "status"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains(&format!("source:          {}", canonical(OSV_SNAPSHOT))),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("newest advisory: 2024-10-10T"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("advisories:      2661 (10 withdrawn;"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&cached.index().display().to_string()),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);

    let run = cached.moat(&["db", "status", "--format", "json"]);
    run.assert_code(0);
    let json = run.json();
    assert_eq!(json["source"], canonical(OSV_SNAPSHOT));
    assert_eq!(json["advisories"], 2661);
    assert_eq!(json["withdrawn"], 10);
    assert_eq!(json["stale"], false);
    assert_eq!(json["index"], cached.index().display().to_string());
    assert_eq!(
        json["index_size"],
        std::fs::metadata(cached.index()).unwrap().len()
    );
    assert!(
        json["newest_modified"]
            .as_str()
            .unwrap()
            .starts_with("2024-10-10T")
    );
    let built_at = json["built_at"].as_str().unwrap();
    assert_eq!(built_at.len(), "2026-11-23T13:14:07Z".len(), "{built_at}");
    assert!(
        built_at.ends_with('Z') && built_at.as_bytes()[10] == b'T',
        "{built_at}"
    );
}

#[test]
fn status_warns_when_the_newest_advisory_is_older_than_7_days() {
    let cached = Cached::new();
    cached.import_snapshot();

    for today in [FRESH, "2024-10-10"] {
        let run = cached.moat_on(&["db", "status", "--format", "json"], today);
        run.assert_code(0);
        assert_eq!(run.json()["stale"], false, "{today}");
        assert!(run.stderr.is_empty(), "{today}: {}", run.stderr);
    }
    for today in [STALE, "2030-01-01"] {
        let run = cached.moat_on(&["db", "status", "--format", "json"], today);
        run.assert_code(0);
        assert_eq!(run.json()["stale"], true, "{today}");
        assert!(
            run.stderr
                .contains("warning: the cached advisory database is"),
            "{today}: {}",
            run.stderr
        );
    }
    let run = cached.moat_on(&["db", "status"], STALE);
    run.assert_code(0);
    assert!(run.stderr.contains("8 days old"), "{}", run.stderr);
}

#[test]
fn audit_from_the_cache_finds_what_db_finds() {
    let cached = Cached::new();
    cached.import_snapshot();

    let with_db = cached.moat(&["audit", "--db", OSV_SNAPSHOT, "--format", "json"]);
    with_db.assert_code(1);
    let from_cache = cached.moat(&["audit", "--format", "json"]);
    from_cache.assert_code(1);
    assert_eq!(ids(&from_cache.json()), JINJA2_2_10);
    assert_eq!(
        from_cache.json()["vulnerabilities"],
        with_db.json()["vulnerabilities"]
    );
    assert_eq!(
        from_cache.json()["summary"],
        with_db.json()["summary"],
        "the skipped-record count comes from the index too"
    );
    assert!(
        !from_cache.stderr.contains("days old"),
        "{}",
        from_cache.stderr
    );

    let stale = cached.moat_on(&["audit"], STALE);
    stale.assert_code(1);
    assert!(
        stale.stdout.contains("GHSA-462w-v97r-4m45"),
        "{}",
        stale.stdout
    );
    assert!(
        stale
            .stderr
            .contains("warning: the cached advisory database is 8 days old"),
        "{}",
        stale.stderr
    );
}

#[test]
fn audit_with_db_does_not_touch_the_cache() {
    let cached = Cached::new();
    let cache = cached.cache.path().join("moat");
    let project = &cached.project;
    let run = project.moat_with_env(
        &["audit", "--db", OSV_SNAPSHOT],
        &[("MOAT_CACHE_DIR", cache.to_str().unwrap())],
    );
    run.assert_code(1);
    assert!(!cache.exists());
    assert!(!run.stderr.contains("days old"), "{}", run.stderr);
}

#[test]
fn a_failed_import_keeps_the_previous_index_working() {
    let cached = Cached::new();
    cached.import_snapshot();
    let before = std::fs::read(cached.index()).unwrap();

    cached
        .project
        .write("corrupt.zip", b"PK\x03\x04 this is not a zip archive");
    let truncated = std::fs::read(OSV_SNAPSHOT).unwrap();
    cached
        .project
        .write("truncated.zip", &truncated[..truncated.len() / 2]);
    std::fs::create_dir(cached.project.path().join("empty")).unwrap();
    for bad in ["corrupt.zip", "truncated.zip", "empty", "missing.zip"] {
        let run = cached.moat(&["db", "import", bad]);
        run.assert_code(2);
        assert!(
            run.stderr.contains(&format!("`{bad}`")),
            "{bad}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("the cached database was left unchanged"),
            "{bad}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{bad}: {}", run.stdout);
    }

    assert_eq!(std::fs::read(cached.index()).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(cached.cache.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["osv-pypi.idx"]);
    cached.moat(&["db", "status"]).assert_code(0);
    let run = cached.moat(&["audit", "--format", "json"]);
    run.assert_code(1);
    assert_eq!(ids(&run.json()), JINJA2_2_10);
}

#[test]
fn a_corrupt_index_asks_for_a_re_import() {
    let cached = Cached::new();
    cached.import_snapshot();
    let mut bytes = std::fs::read(cached.index()).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(cached.index(), &bytes).unwrap();

    for args in [&["db", "status"][..], &["audit"]] {
        let run = cached.moat(args);
        run.assert_code(2);
        assert!(
            run.stderr.contains("is corrupt"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("re-import it"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(IMPORT_HINT), "{args:?}: {}", run.stderr);
    }

    std::fs::write(cached.index(), "not an index").unwrap();
    let run = cached.moat(&["db", "status", "--format", "json"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("is not a Moat advisory index; re-import it"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);

    cached.import_snapshot();
    cached.moat(&["db", "status"]).assert_code(0);
}

#[test]
fn without_a_cached_database_status_and_audit_say_how_to_import_one() {
    let cached = Cached::new();
    for args in [
        &["db", "status"][..],
        &["db", "status", "--format", "json"],
        &["audit"],
    ] {
        let run = cached.moat(args);
        run.assert_code(2);
        assert!(
            run.stderr.contains("no advisory database in the cache"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(IMPORT_HINT), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
}
