use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use moat_diagnostics::ProblemKind;

use super::write;
use crate::config::Config;
use crate::discovery::{Discovered, DiscoveryError, DiscoveryOptions, SourceFile, discover};

fn options(cwd: &Path) -> DiscoveryOptions {
    DiscoveryOptions::new(cwd)
}

fn run(paths: &[&str], options: &DiscoveryOptions) -> Discovered {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    discover(&paths, options).unwrap()
}

fn displays(found: &Discovered) -> Vec<&str> {
    found
        .files
        .iter()
        .map(|file| file.display.as_str())
        .collect()
}

/// Runs discovery on another thread and fails instead of hanging.
fn run_with_timeout(paths: &[&str], options: &DiscoveryOptions) -> Discovered {
    let (sender, receiver) = mpsc::channel();
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let options = options.clone();
    std::thread::spawn(move || {
        let _ = sender.send(discover(&paths, &options).unwrap());
    });
    receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("discovery did not finish within 60 s")
}

#[test]
fn gitignore_is_respected_without_a_git_repository() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".gitignore", "generated/\nskip_me.py\n");
    write(root, ".ignore", "also_skipped.py\n");
    write(root, "a.py", "");
    write(root, "skip_me.py", "");
    write(root, "also_skipped.py", "");
    write(root, "generated/g.py", "");
    write(root, "pkg/.gitignore", "local.py\n");
    write(root, "pkg/local.py", "");
    write(root, "pkg/kept.py", "");
    assert!(!root.join(".git").exists());

    let found = run(&["."], &options(root));
    assert_eq!(displays(&found), ["a.py", "pkg/kept.py"]);
    assert!(found.problems.is_empty(), "{:?}", found.problems);

    let mut no_gitignore = options(root);
    no_gitignore.respect_gitignore = false;
    let found = run(&["."], &no_gitignore);
    assert_eq!(
        displays(&found),
        [
            "a.py",
            "also_skipped.py",
            "generated/g.py",
            "pkg/kept.py",
            "pkg/local.py",
            "skip_me.py"
        ]
    );
}

#[test]
fn virtual_environments_and_tool_directories_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "my-env/pyvenv.cfg", "home = /usr/bin\n");
    write(root, "my-env/lib/python3.12/x.py", "");
    write(root, "env/pyvenv.cfg", "");
    write(root, "env/bin/activate.py", "");
    write(root, "settings/env/real.py", "");
    for skipped in [
        ".venv",
        "venv",
        ".git",
        ".tox",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        "build",
        "dist",
        "pkg.egg-info",
        ".hidden",
        "lib/site-packages",
        "lib/dist-packages",
    ] {
        write(root, &format!("{skipped}/x.py"), "");
    }
    write(root, "app/main.py", "");
    write(root, "app/types.pyi", "");
    write(root, "app/README.md", "");
    write(root, ".hidden_module.py", "");

    let found = run(&["."], &options(root));
    assert_eq!(
        displays(&found),
        [
            ".hidden_module.py",
            "app/main.py",
            "app/types.pyi",
            "settings/env/real.py"
        ]
    );
}

#[test]
fn explicit_files_are_always_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "legacy/old.py", "");
    write(root, ".venv/lib/vendored.py", "");
    write(root, "bin/script", "#!/usr/bin/env python\n");
    write(root, ".gitignore", "ignored.py\n");
    write(root, "ignored.py", "");
    let mut excluding = options(root);
    excluding.exclude = vec!["legacy/".to_string()];

    assert!(run(&["."], &excluding).files.is_empty());
    let found = run(
        &[
            "legacy/old.py",
            ".venv/lib/vendored.py",
            "bin/script",
            "ignored.py",
        ],
        &excluding,
    );
    assert_eq!(
        displays(&found),
        [
            ".venv/lib/vendored.py",
            "bin/script",
            "ignored.py",
            "legacy/old.py"
        ]
    );
    assert!(found.files.iter().all(|file| file.explicit));
    assert!(found.files.iter().all(|file| file.path.is_absolute()));
}

#[test]
fn explicit_directories_are_walked_even_when_excluded_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "build/gen.py", "");
    write(root, "build/lib/out.py", "");
    write(root, "build/build/nested.py", "");
    let found = run(&["build"], &options(root));
    assert_eq!(displays(&found), ["build/gen.py", "build/lib/out.py"]);
    assert!(found.files.iter().all(|file| !file.explicit));
}

#[test]
fn exclude_globs_are_relative_to_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app/models_pb2.py", "");
    write(root, "app/views.py", "");
    write(root, "tests/fixtures/bad.py", "");
    write(root, "tests/test_views.py", "");
    write(root, "other/tests/fixtures/kept.py", "");
    let mut excluding = options(root);
    excluding.exclude = vec!["*_pb2.py".to_string(), "/tests/fixtures".to_string()];
    let found = run(&["."], &excluding);
    assert_eq!(
        displays(&found),
        [
            "app/views.py",
            "other/tests/fixtures/kept.py",
            "tests/test_views.py"
        ]
    );

    // With a configuration root above the working directory, globs stay relative to it.
    let mut from_config = options(&root.join("tests"));
    from_config.root = root.to_path_buf();
    from_config.exclude = vec!["tests/fixtures/".to_string()];
    assert_eq!(displays(&run(&["."], &from_config)), ["test_views.py"]);
}

#[test]
fn include_globs_restrict_walked_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "src/app.py", "");
    write(root, "src/stubs.pyi", "");
    write(root, "scripts/tool.py", "");
    write(root, "scripts/tool.pyw", "");
    let mut only_src = options(root);
    only_src.include = vec!["src/**/*.py".to_string()];
    assert_eq!(displays(&run(&["."], &only_src)), ["src/app.py"]);

    let mut pyw = options(root);
    pyw.include = vec!["*.py".to_string(), "*.pyw".to_string()];
    assert_eq!(
        displays(&run(&["."], &pyw)),
        ["scripts/tool.py", "scripts/tool.pyw", "src/app.py"]
    );
}

#[test]
fn options_from_config_carry_its_settings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "moat.toml",
        "exclude = [\"gen/\"]\nmax-file-size = 4\n",
    );
    write(root, "gen/x.py", "");
    write(root, "a.py", "");
    write(root, "big.py", "123456789");
    let config = Config::from_file(&root.join("moat.toml"), &crate::test_rules::RULES).unwrap();
    let found = run(&["."], &DiscoveryOptions::from_config(&config, root));
    assert_eq!(displays(&found), ["a.py"]);
    assert_eq!(found.problems.len(), 1);
    assert_eq!(found.problems[0].kind, ProblemKind::TooLarge);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_not_followed_forever() {
    use std::os::unix::fs::symlink;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "pkg/a.py", "");
    symlink("..", root.join("pkg/up")).unwrap();
    symlink("ping.py", root.join("pong.py")).unwrap();
    symlink("pong.py", root.join("ping.py")).unwrap();
    symlink("self.py", root.join("self.py")).unwrap();

    // Default: linked directories are not followed; looping file links are problems.
    let found = run_with_timeout(&["."], &options(root));
    assert_eq!(displays(&found), ["pkg/a.py"]);
    let looped: Vec<&str> = found
        .problems
        .iter()
        .map(|problem| problem.file.as_str())
        .collect();
    assert_eq!(looped, ["ping.py", "pong.py", "self.py"]);
    assert!(
        found
            .problems
            .iter()
            .all(|problem| problem.kind == ProblemKind::IoError
                && problem.message.contains("symlink loop")),
        "{:?}",
        found.problems
    );

    // Following links: the walker detects the directory loop and reports it.
    let mut following = options(root);
    following.follow_symlinks = true;
    let found = run_with_timeout(&["."], &following);
    assert_eq!(displays(&found), ["pkg/a.py"]);
    assert!(
        found
            .problems
            .iter()
            .any(|problem| problem.file == "pkg/up" && problem.message.contains("symlink loop")),
        "{:?}",
        found.problems
    );

    // Named explicitly: a looping link is a problem, not an error that stops the run.
    let found = run_with_timeout(&["self.py", "pkg/a.py"], &options(root));
    assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
    assert_eq!(found.problems[0].file, "self.py");
    assert!(found.problems[0].message.contains("symlink loop"));
    assert_eq!(displays(&found), ["pkg/a.py"]);
}

#[cfg(unix)]
#[test]
fn symlinked_files_are_followed_and_broken_links_reported() {
    use std::os::unix::fs::symlink;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "real/impl.py", "");
    write(root, "outside/lib.py", "");
    symlink("real/impl.py", root.join("pkg_link.py")).unwrap();
    symlink("missing.py", root.join("broken.py")).unwrap();
    symlink("outside", root.join("linked_dir")).unwrap();

    let found = run(&["."], &options(root));
    assert_eq!(
        displays(&found),
        ["outside/lib.py", "pkg_link.py", "real/impl.py"]
    );
    assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
    assert_eq!(found.problems[0].file, "broken.py");
    assert!(found.problems[0].message.contains("broken symbolic link"));

    // A linked directory named explicitly is walked.
    let found = run(&["linked_dir"], &options(root));
    assert_eq!(displays(&found), ["linked_dir/lib.py"]);
    assert_eq!(found.files[0].path, root.join("linked_dir/lib.py"));

    let mut following = options(root);
    following.follow_symlinks = true;
    assert_eq!(
        displays(&run(&["."], &following)),
        [
            "linked_dir/lib.py",
            "outside/lib.py",
            "pkg_link.py",
            "real/impl.py"
        ]
    );
}

#[cfg(unix)]
#[test]
fn unreadable_directories_are_problems_and_the_walk_goes_on() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "locked/secret.py", "");
    write(root, "open/ok.py", "");
    let locked = root.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root (and CAP_DAC_OVERRIDE) bypasses permission checks: then the directory is simply
    // readable and there is nothing to assert about the error path.
    let enforced = std::fs::read_dir(&locked).is_err();

    let found = run(&["."], &options(root));
    let explicit = run(&["locked"], &options(root));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();

    if enforced {
        assert_eq!(displays(&found), ["open/ok.py"]);
        assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
        assert_eq!(found.problems[0].file, "locked");
        assert_eq!(found.problems[0].kind, ProblemKind::IoError);
        assert!(found.problems[0].message.contains("permission denied"));
        assert!(explicit.files.is_empty());
        assert_eq!(explicit.problems.len(), 1, "{:?}", explicit.problems);
    } else {
        assert_eq!(displays(&found), ["locked/secret.py", "open/ok.py"]);
    }
}

#[test]
fn files_over_the_size_limit_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "small.py", "x = 1\n");
    write(root, "big.py", &"x = 1\n".repeat(100));
    let mut limited = options(root);
    limited.max_file_size = 100;

    for paths in [&["."][..], &["big.py", "small.py"][..]] {
        let found = run(paths, &limited);
        assert_eq!(displays(&found), ["small.py"]);
        assert_eq!(found.problems.len(), 1);
        let problem = &found.problems[0];
        assert_eq!(problem.file, "big.py");
        assert_eq!(problem.kind, ProblemKind::TooLarge);
        assert!(problem.message.contains("600 bytes"), "{}", problem.message);
        assert!(
            problem.message.contains("max-file-size"),
            "{}",
            problem.message
        );
    }
}

#[test]
fn missing_paths_stop_discovery_before_walking() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "a.py", "");
    let paths = [PathBuf::from("a.py"), PathBuf::from("nope/missing.py")];
    let error = discover(&paths, &options(root)).unwrap_err();
    assert!(
        matches!(&error, DiscoveryError::NotFound(path) if path == Path::new("nope/missing.py")),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "`nope/missing.py`: no such file or directory"
    );
    let error = discover(&[PathBuf::from("a.py/child")], &options(root)).unwrap_err();
    assert!(matches!(error, DiscoveryError::NotFound(_)), "{error:?}");
}

#[test]
fn invalid_globs_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = options(dir.path());
    bad.exclude = vec!["{a,b".to_string()];
    let error = discover(&[], &bad).unwrap_err();
    assert!(
        matches!(&error, DiscoveryError::InvalidGlob { option: "exclude", glob, .. } if glob == "{a,b"),
        "{error:?}"
    );
}

#[test]
fn output_is_sorted_deterministic_and_deduplicated() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut expected = Vec::new();
    for package in ["zeta", "alpha", "mid/deep/er", "Upper"] {
        for module in ["b", "a", "__init__", "c_2"] {
            let relative = format!("{package}/{module}.py");
            write(root, &relative, "");
            expected.push(relative);
        }
    }
    expected.sort();

    let first = run(&["."], &options(root));
    let displayed: Vec<String> = first
        .files
        .iter()
        .map(|file| file.display.clone())
        .collect();
    assert_eq!(displayed, expected);
    for _ in 0..5 {
        assert_eq!(run(&["."], &options(root)), first);
    }

    // The same file reached twice, through different spellings, is listed once, and counts
    // as explicit.
    let found = run(
        &[
            ".",
            "alpha/a.py",
            "./alpha/a.py",
            "zeta/../alpha/a.py",
            "alpha",
        ],
        &options(root),
    );
    assert_eq!(found.files.len(), expected.len());
    let alpha: Vec<&SourceFile> = found
        .files
        .iter()
        .filter(|file| file.display == "alpha/a.py")
        .collect();
    assert_eq!(alpha.len(), 1);
    assert!(alpha[0].explicit);
    assert_eq!(alpha[0].path, root.join("alpha/a.py"));
}

#[test]
fn display_paths_are_relative_to_cwd_or_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "work/app/x.py", "");
    write(root, "other/y.py", "");
    let cwd = root.join("work");

    let absolute = root.join("work/app/x.py");
    let found = run(&[absolute.to_str().unwrap(), "../other"], &options(&cwd));
    assert_eq!(displays(&found), ["../other/y.py", "app/x.py"]);

    let outside = root.join("other");
    let found = run(&[outside.to_str().unwrap()], &options(&cwd));
    let expected = format!("{}/y.py", outside.to_str().unwrap());
    assert_eq!(displays(&found), [expected.as_str()]);
    assert_eq!(found.files[0].path, root.join("other/y.py"));

    let found = run(&[], &options(&cwd));
    assert_eq!(displays(&found), ["app/x.py"]);
}

#[test]
fn config_files_are_listed_apart_only_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "app.py", "");
    write(root, ".env", "");
    write(root, "deploy/values.yaml", "");
    write(root, "notes.txt", "");
    write(root, "node_modules/pkg/package.json", "");
    write(root, "excluded/app.yaml", "");
    let mut plain = options(root);
    plain.exclude = vec!["excluded/".to_string()];
    let found = run(&["."], &plain);
    assert_eq!(displays(&found), ["app.py"]);
    assert!(found.config_files.is_empty());

    let mut asking = plain.clone();
    asking.config_files = vec![
        ".env".to_string(),
        "*.yaml".to_string(),
        "*.json".to_string(),
    ];
    let found = run(&["."], &asking);
    assert_eq!(displays(&found), ["app.py"]);
    let configs: Vec<&str> = found
        .config_files
        .iter()
        .map(|f| f.display.as_str())
        .collect();
    assert_eq!(configs, [".env", "deploy/values.yaml"]);
    // Named on the command line, a config file goes to its own list too.
    let named = run(&["notes.txt", "excluded/app.yaml"], &asking);
    assert_eq!(displays(&named), ["notes.txt"]);
    assert_eq!(named.config_files.len(), 1);
}
