//! Helpers for running the `moat` binary in a scratch project.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch directory holding a small project.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// An empty project.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// Writes `files`, given as one string with `# --- file: path` headers.
    pub fn with_files(fixture: &str) -> Self {
        let project = Self::new();
        for chunk in fixture
            .split("# --- file: ")
            .filter(|c| !c.trim().is_empty())
        {
            let (path, text) = chunk.split_once('\n').expect("a header line");
            project.write(path.trim(), text);
        }
        project
    }

    /// Writes one file, creating its directories.
    pub fn write(&self, path: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, contents).unwrap();
        full
    }

    /// The project's root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `moat ARGS` in the project directory.
    pub fn moat(&self, args: &[&str]) -> Run {
        self.moat_with_env(args, &[])
    }

    /// Runs `moat ARGS` in the project directory with extra environment variables. The
    /// database cache is `MOAT_CACHE_DIR` from `env`, else a folder in the project that
    /// does not exist until something is imported, never the user's own cache.
    pub fn moat_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_moat"));
        command
            .args(args)
            .current_dir(self.path())
            .env_remove("NO_COLOR")
            .env_remove("MOAT_TODAY")
            // Tests talk only to servers they start on 127.0.0.1, never through a proxy.
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("HTTPS_PROXY")
            .env_remove("https_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .env("MOAT_CACHE_DIR", self.path().join(".moat-cache"));
        for (key, value) in env {
            command.env(key, value);
        }
        Run::from(command.output().expect("moat runs"))
    }
}

/// What one run printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// `(file, line, rule)` of every finding in JSON output.
    pub fn findings(&self) -> Vec<(String, u64, String)> {
        self.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                    f["rule"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    /// `(file, kind)` of every error in JSON output.
    pub fn errors(&self) -> Vec<(String, String)> {
        self.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["file"].as_str().unwrap().to_string(),
                    e["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    /// Panics with the run's output unless it exited with `code`.
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}, got {}\nstdout:\n{}\nstderr:\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
}

/// The OSV snapshot of the PyPA advisory database used by `moat audit` tests (kept outside
/// the repository, beside it in `../shared`).
pub const OSV_SNAPSHOT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/advisory-db/osv-PyPI-2024-10-10.zip"
);

/// Writes `site/NAME-VERSION.dist-info/METADATA` (and a `RECORD` listing `files`, when
/// given) into the project, as pip installs a wheel.
pub fn install(project: &Project, site: &str, name: &str, version: &str, files: &[&str]) {
    let dist_info = format!("{site}/{}-{version}.dist-info", name.replace('-', "_"));
    project.write(
        &format!("{dist_info}/METADATA"),
        format!("Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nLong description.\n"),
    );
    if !files.is_empty() {
        let mut record: String = files.iter().map(|file| format!("{file},,\n")).collect();
        record.push_str(&format!("{dist_info}/RECORD,,\n").replace(&format!("{site}/"), ""));
        project.write(&format!("{dist_info}/RECORD"), record);
    }
}

/// Runs `moat audit --db <the OSV snapshot> --format json EXTRA…` in `project` and parses
/// what it printed.
pub fn audit_json(project: &Project, extra: &[&str]) -> (Run, serde_json::Value) {
    let mut args = vec!["audit", "--db", OSV_SNAPSHOT, "--format", "json"];
    args.extend_from_slice(extra);
    let run = project.moat(&args);
    let json = run.json();
    (run, json)
}

/// `(package, id, kind)` of every vulnerability in `moat audit`'s JSON.
pub fn audit_vulnerabilities(json: &serde_json::Value) -> Vec<(String, String, String)> {
    json["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["package"].as_str().unwrap().to_owned(),
                v["id"].as_str().unwrap().to_owned(),
                v["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}
