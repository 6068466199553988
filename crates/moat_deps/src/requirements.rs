//! `requirements*.txt` files in pip's syntax, with `-r`/`-c` includes.

use crate::model::{Kind, Parsed};
use crate::name::{is_valid_name, leading_name};
use crate::pep508::{Entry, Origin, parse_requirement};
use crate::text::{problem_at, read_text, syntax_problem};
use moat_diagnostics::ProblemKind;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Options pip accepts on their own line that take a value and do not name dependencies.
const VALUE_OPTIONS: &[&str] = &[
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "--no-binary",
    "--only-binary",
    "--trusted-host",
    "--use-feature",
];

/// Options pip accepts on their own line that take no value.
const FLAG_OPTIONS: &[&str] = &["--no-index", "--pre", "--prefer-binary", "--require-hashes"];

/// Per-requirement options that take a value (after the requirement on its line).
const REQUIREMENT_OPTIONS: &[&str] = &["--hash", "--global-option", "--config-settings", "-C"];

/// Archive suffixes that make a bare line a file rather than a name.
const ARCHIVE_SUFFIXES: &[&str] = &[
    ".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar", ".zip",
];

/// Parses a requirements file and everything it includes with `-r` (as requirements) and
/// `-c` (as constraints: [`Kind::Constraint`]). Includes are resolved relative to the
/// including file; a missing include or an include cycle is a problem at the include line.
pub fn parse_requirements_file(path: &Path) -> Parsed {
    let mut walker = Walker::default();
    walker.visit(path, &path.display().to_string(), Kind::Direct, None);
    let mut parsed = walker.parsed;
    parsed.sort();
    parsed
}

/// Follows includes, remembering what was read and what is being read.
#[derive(Default)]
struct Walker {
    parsed: Parsed,
    /// Files already parsed, with the kind they were parsed as.
    visited: HashSet<(PathBuf, Kind)>,
    /// The chain of files being parsed, for cycle detection: canonical and displayed paths.
    stack: Vec<(PathBuf, String)>,
}

/// The line that included a file: its file and line.
type IncludedFrom<'a> = Option<(&'a str, u32)>;

impl Walker {
    fn visit(&mut self, path: &Path, display: &str, kind: Kind, from: IncludedFrom<'_>) {
        let canonical = match fs_err::canonicalize(path) {
            Ok(canonical) => canonical,
            Err(err) => {
                self.parsed.problems.push(match from {
                    Some((file, line)) => problem_at(
                        file,
                        Some(line),
                        ProblemKind::IoError,
                        format!("cannot read included file `{display}`: {err}"),
                    ),
                    None => problem_at(display, None, ProblemKind::IoError, err.to_string()),
                });
                return;
            }
        };
        if let Some(start) = self.stack.iter().position(|(seen, _)| *seen == canonical) {
            let chain: Vec<String> = self.stack[start..]
                .iter()
                .map(|(_, shown)| format!("`{shown}`"))
                .chain(std::iter::once(format!("`{display}`")))
                .collect();
            if let Some((file, line)) = from {
                self.parsed.problems.push(syntax_problem(
                    file,
                    Some(line),
                    format!("include cycle: {}", chain.join(" → ")),
                ));
            }
            return;
        }
        if !self.visited.insert((canonical.clone(), kind)) {
            return;
        }
        let text = match read_text(path) {
            Ok(text) => text,
            Err(err) => {
                self.parsed.problems.push(err.into_problem(display));
                return;
            }
        };
        self.stack.push((canonical, display.to_owned()));
        let base_dir = path.parent().unwrap_or_else(|| Path::new(""));
        for (line, logical) in logical_lines(&text) {
            self.line(&logical, display, line, kind, base_dir);
        }
        self.stack.pop();
    }

    /// Handles one logical line (comments and continuations already removed).
    fn line(&mut self, text: &str, file: &str, line: u32, kind: Kind, base_dir: &Path) {
        let origin = Origin {
            file,
            line: Some(line),
            kind,
            group: None,
        };
        if text.starts_with('-') {
            self.option_line(text, origin, base_dir);
        } else {
            self.requirement_line(text, origin);
        }
    }

    fn option_line(&mut self, text: &str, origin: Origin<'_>, base_dir: &Path) {
        let tokens = tokens(text);
        let Some(&(_, first)) = tokens.first() else {
            return;
        };
        let (name, attached) = split_option_token(first);
        let value = attached.or_else(|| tokens.get(1).map(|&(_, value)| value));
        let line = origin.line.unwrap_or(1);
        match name {
            "-r" | "--requirement" | "-c" | "--constraint" => {
                let Some(value) = value else {
                    self.missing_value(name, origin);
                    return;
                };
                if value.contains("://") {
                    self.parsed.unauditable.push(origin.unauditable(
                        None,
                        text,
                        "remote requirements file",
                    ));
                    return;
                }
                let kind = if matches!(name, "-c" | "--constraint") {
                    Kind::Constraint
                } else {
                    origin.kind
                };
                let shown = Path::new(origin.file)
                    .parent()
                    .unwrap_or_else(|| Path::new(""))
                    .join(value);
                self.visit(
                    &base_dir.join(value),
                    &shown.display().to_string(),
                    kind,
                    Some((origin.file, line)),
                );
            }
            "-e" | "--editable" => {
                let Some(value) = value else {
                    self.missing_value(name, origin);
                    return;
                };
                let name = egg_name(value).or_else(|| {
                    let written = leading_name(value);
                    (value.contains('@') && is_valid_name(written)).then_some(written)
                });
                self.parsed.unauditable.push(
                    origin
                        .unauditable(name, text, "editable install")
                        .with_target(value),
                );
            }
            _ if VALUE_OPTIONS.contains(&name) => {
                if value.is_none() {
                    self.missing_value(name, origin);
                }
            }
            _ if FLAG_OPTIONS.contains(&name) => {}
            _ => self.parsed.problems.push(syntax_problem(
                origin.file,
                origin.line,
                format!("unknown option `{name}` in requirements file"),
            )),
        }
    }

    fn missing_value(&mut self, option: &str, origin: Origin<'_>) {
        self.parsed.problems.push(syntax_problem(
            origin.file,
            origin.line,
            format!("option `{option}` needs a value"),
        ));
    }

    fn requirement_line(&mut self, text: &str, origin: Origin<'_>) {
        let tokens = tokens(text);
        let options_start = tokens
            .iter()
            .position(|&(_, token)| token.starts_with('-'))
            .unwrap_or(tokens.len());
        let requirement = match tokens.get(options_start) {
            Some(&(offset, _)) => text[..offset].trim(),
            None => text.trim(),
        };
        let hashes = self.requirement_options(&tokens[options_start..], origin);

        if is_nameless_path_or_url(requirement) {
            self.parsed.unauditable.push(
                origin
                    .unauditable(
                        egg_name(requirement),
                        requirement,
                        "URL or local path without a package name",
                    )
                    .with_target(requirement),
            );
            return;
        }
        match parse_requirement(requirement, origin) {
            Ok(Entry::Dependency(mut dependency)) => {
                dependency.hashes = hashes;
                self.parsed.dependencies.push(dependency);
            }
            Ok(Entry::Unauditable(entry)) => self.parsed.unauditable.push(entry),
            Err(problem) => self.parsed.problems.push(problem),
        }
    }

    /// Reads `--hash` and the other per-requirement options; returns the hashes.
    fn requirement_options(&mut self, tokens: &[(usize, &str)], origin: Origin<'_>) -> Vec<String> {
        let mut hashes = Vec::new();
        let mut index = 0;
        while let Some(&(_, token)) = tokens.get(index) {
            index += 1;
            let (name, attached) = split_option_token(token);
            if !REQUIREMENT_OPTIONS.contains(&name) {
                self.parsed.problems.push(syntax_problem(
                    origin.file,
                    origin.line,
                    format!("unknown option `{name}` after a requirement"),
                ));
                continue;
            }
            let value = match attached {
                Some(value) => Some(value),
                None => {
                    index += 1;
                    tokens.get(index - 1).map(|&(_, value)| value)
                }
            };
            let Some(value) = value else {
                self.missing_value(name, origin);
                continue;
            };
            if name == "--hash" {
                match value.split_once(':') {
                    Some((algorithm, digest)) if !algorithm.is_empty() && !digest.is_empty() => {
                        hashes.push(value.to_owned());
                    }
                    _ => self.parsed.problems.push(syntax_problem(
                        origin.file,
                        origin.line,
                        format!("invalid hash `{value}`; expected `algorithm:hex`"),
                    )),
                }
            }
        }
        hashes
    }
}

/// Splits `--opt=value` into `("--opt", Some("value"))` and `-rfile` into
/// `("-r", Some("file"))`.
fn split_option_token(token: &str) -> (&str, Option<&str>) {
    if token.starts_with("--") {
        match token.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (token, None),
        }
    } else {
        let split = token
            .char_indices()
            .nth(2)
            .map_or(token.len(), |(at, _)| at);
        let (name, rest) = token.split_at(split);
        let rest = rest.strip_prefix('=').unwrap_or(rest);
        (name, (!rest.is_empty()).then_some(rest))
    }
}

/// Whitespace-separated tokens with their byte offsets.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, ch) in text.char_indices() {
        match (ch.is_whitespace(), start) {
            (true, Some(begin)) => {
                out.push((begin, &text[begin..at]));
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(begin) = start {
        out.push((begin, &text[begin..]));
    }
    out
}

/// The `#egg=name` fragment of a URL, if any.
fn egg_name(url: &str) -> Option<&str> {
    let (_, fragment) = url.split_once("#egg=")?;
    let name = fragment.split(['&', ' ']).next()?;
    is_valid_name(name).then_some(name)
}

/// Whether a requirement is a path or URL with no `name @` in front.
fn is_nameless_path_or_url(requirement: &str) -> bool {
    let written = leading_name(requirement);
    let rest = requirement[requirement.find(written).unwrap_or(0) + written.len()..].trim_start();
    let has_name = !written.is_empty()
        && !rest.starts_with([':', '/', '\\'])
        && (rest.starts_with(['@', '[']) || !requirement.contains("://"));
    if has_name {
        let lower = requirement.to_ascii_lowercase();
        return rest.is_empty()
            && ARCHIVE_SUFFIXES
                .iter()
                .any(|suffix| lower.ends_with(suffix));
    }
    true
}

/// Joins continuation lines and drops comments and blank lines, as pip does. Each logical
/// line comes with the 1-based number of its first physical line.
fn logical_lines(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut pending: Option<(u32, String)> = None;
    for (index, raw) in text.split('\n').enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let full_comment = line.trim_start().starts_with('#');
        if let Some(body) = line.strip_suffix('\\')
            && !full_comment
        {
            match &mut pending {
                Some((_, joined)) => joined.push_str(body),
                None => pending = Some((number, body.to_owned())),
            }
            continue;
        }
        let (number, joined) = match pending.take() {
            // A comment line ends a continuation without adding to it.
            Some((first, joined)) if full_comment => (first, joined),
            Some((first, mut joined)) => {
                joined.push_str(line);
                (first, joined)
            }
            None => (number, line.to_owned()),
        };
        push_logical(&mut out, number, &joined);
    }
    if let Some((number, joined)) = pending {
        push_logical(&mut out, number, &joined);
    }
    out
}

fn push_logical(out: &mut Vec<(u32, String)>, number: u32, line: &str) {
    let content = strip_comment(line).trim();
    if !content.is_empty() {
        out.push((number, content.to_owned()));
    }
}

/// `line` without a comment: `#` at the start or after whitespace (`#egg=` in URLs stays).
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        if byte == b'#' && (at == 0 || bytes[at - 1].is_ascii_whitespace()) {
            return &line[..at];
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_continuations_and_drops_comments() {
        let lines = logical_lines("a \\\n  ==1 # c\n# only\n\n\nb\\\r\n# x\nc#egg=d\n");
        assert_eq!(
            lines,
            vec![
                (1, "a   ==1".to_owned()),
                (6, "b".to_owned()),
                (8, "c#egg=d".to_owned())
            ]
        );
    }

    #[test]
    fn splits_options() {
        assert_eq!(split_option_token("-rbase.txt"), ("-r", Some("base.txt")));
        assert_eq!(split_option_token("-r"), ("-r", None));
        assert_eq!(
            split_option_token("--hash=sha256:x"),
            ("--hash", Some("sha256:x"))
        );
        assert_eq!(split_option_token("--pre"), ("--pre", None));
    }

    #[test]
    fn detects_nameless_paths() {
        assert!(is_nameless_path_or_url("./vendor/pkg"));
        assert!(is_nameless_path_or_url("https://x.org/pkg-1.0.tar.gz"));
        assert!(is_nameless_path_or_url("pkg-1.0-py3-none-any.whl"));
        assert!(is_nameless_path_or_url("git+https://github.com/a/b#egg=b"));
        assert!(is_nameless_path_or_url("C:\\pkgs\\a.zip"));
        assert!(!is_nameless_path_or_url("pkg @ https://x.org/pkg.zip"));
        assert!(!is_nameless_path_or_url(
            "pkg[extra] @ https://x.org/pkg.zip"
        ));
        assert!(!is_nameless_path_or_url("requests>=2"));
        assert!(!is_nameless_path_or_url("zope.interface"));
    }
}
