//! Config files read line by line: `key = value` (`.env`, INI, TOML, properties),
//! `key: value` (YAML) and `"key": "value"` (JSON and anything written like it). No file
//! is parsed as a whole, so a malformed one is scanned all the same and nothing here can
//! fail.

use crate::scan::{Detection, named, scan_text};
use std::ops::Range;

/// The kinds of config file scanned, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigFormat {
    /// `.env`, `.env.*`.
    Env,
    /// `*.ini`, `*.cfg`, `*.conf`, `*.properties`.
    Ini,
    /// `*.toml`.
    Toml,
    /// `*.yaml`, `*.yml` (and `docker-compose*.yml`).
    Yaml,
    /// `*.json`.
    Json,
    /// `package-lock.json`, `poetry.lock`, `uv.lock`, `Pipfile.lock`, `yarn.lock`,
    /// `pdm.lock`: only known formats are looked for, not high-entropy values, which lock
    /// files are full of.
    Lock,
}

/// Lock files, by exact name.
const LOCK_FILES: &[&str] = &[
    "package-lock.json",
    "npm-shrinkwrap.json",
    "poetry.lock",
    "uv.lock",
    "Pipfile.lock",
    "yarn.lock",
    "pdm.lock",
    "pnpm-lock.yaml",
];

/// Name parts that mark a file as an example to copy (`.env.example`,
/// `settings.sample.ini`), whose values are stand-ins.
const EXAMPLE_MARKS: &[&str] = &["example", "sample", "template", "dist", "tmpl", "tpl"];

/// Gitignore-style globs of the config files [`ConfigFormat::from_file_name`] accepts, for
/// file discovery.
pub const CONFIG_FILE_GLOBS: &[&str] = &[
    ".env",
    ".env.*",
    "*.env",
    "*.ini",
    "*.cfg",
    "*.conf",
    "*.properties",
    "*.toml",
    "*.yaml",
    "*.yml",
    "*.json",
    "poetry.lock",
    "uv.lock",
    "Pipfile.lock",
    "yarn.lock",
    "pdm.lock",
];

impl ConfigFormat {
    /// The format of a file called `name` (no directories), or `None` when it is not a
    /// config file Moat scans.
    pub fn from_file_name(name: &str) -> Option<ConfigFormat> {
        if LOCK_FILES.contains(&name) {
            return Some(ConfigFormat::Lock);
        }
        if name == ".env" || name.starts_with(".env.") || name.ends_with(".env") {
            return Some(ConfigFormat::Env);
        }
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match extension.as_str() {
            "ini" | "cfg" | "conf" | "properties" => ConfigFormat::Ini,
            "toml" => ConfigFormat::Toml,
            "yaml" | "yml" => ConfigFormat::Yaml,
            "json" => ConfigFormat::Json,
            _ => return None,
        })
    }

    /// Whether high-entropy values under secret-like names are looked for in a file called
    /// `name` of this format: not in lock files, nor in example files (`.env.example`).
    pub fn generic_applies(self, name: &str) -> bool {
        self != ConfigFormat::Lock
            && !name
                .to_ascii_lowercase()
                .split(['.', '-', '_'])
                .any(|part| EXAMPLE_MARKS.contains(&part))
    }

    /// Whether `#` starts a comment (every format but JSON).
    fn hash_comments(self) -> bool {
        self != ConfigFormat::Json
    }
}

/// One secret in a config file.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigFinding {
    /// The secret; its spans are byte ranges of the file's text.
    pub detection: Detection,
    /// Byte range of the key the value is given to, for what the name added (an AWS
    /// secret key, a high-entropy value); `None` for a known format.
    pub key: Option<Range<usize>>,
}

/// What scanning one config file found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfigScan {
    /// The secrets, sorted by position.
    pub findings: Vec<ConfigFinding>,
    /// Byte ranges of the `#` comments, where suppression directives may be.
    pub comments: Vec<Range<usize>>,
}

/// Scans a config file's text: known formats anywhere in it, then, when `generic`, the
/// values of keys with secret-like names.
pub fn scan_config(text: &str, format: ConfigFormat, generic: bool) -> ConfigScan {
    let mut scan = ConfigScan {
        findings: scan_text(text)
            .into_iter()
            .map(|detection| ConfigFinding {
                detection,
                key: None,
            })
            .collect(),
        comments: Vec::new(),
    };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let comment = format
            .hash_comments()
            .then(|| comment_start(content))
            .flatten();
        if let Some(at) = comment {
            scan.comments.push(offset + at..offset + content.len());
        }
        let code = &content[..comment.unwrap_or(content.len())];
        for (key, value) in pairs(code, format) {
            let value_span = offset + value.start..offset + value.end;
            if scan.findings.iter().any(|f| {
                f.detection.span.start < value_span.end && value_span.start < f.detection.span.end
            }) {
                continue;
            }
            if let Some(mut detection) = named(&code[value.clone()], &code[key.clone()], generic) {
                detection.span = shift(&detection.span, value_span.start);
                detection.hidden = shift(&detection.hidden, value_span.start);
                scan.findings.push(ConfigFinding {
                    detection,
                    key: Some(shift(&key, offset)),
                });
            }
        }
        offset += line.len();
    }
    scan.findings.sort_by_key(|f| f.detection.span.start);
    scan
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// Where a `#` comment starts on a line: at the start, or after whitespace outside quotes
/// (`value # note`), never inside a value such as `pa#ss` or a URL fragment.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote = None;
    let mut previous = b' ';
    for (i, b) in line.bytes().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'#' && previous.is_ascii_whitespace() => return Some(i),
            None => {}
        }
        previous = b;
    }
    None
}

/// The `(key, value)` byte ranges on one line of code (comments removed).
fn pairs(line: &str, format: ConfigFormat) -> Vec<(Range<usize>, Range<usize>)> {
    let quoted = quoted_pairs(line);
    if !quoted.is_empty() || format == ConfigFormat::Json {
        return quoted;
    }
    let indent = line.len() - line.trim_start().len();
    let mut start = indent;
    let rest = &line[start..];
    if rest.starts_with(';')
        || rest.starts_with("//")
        || rest.starts_with('!')
        || rest.starts_with('[')
    {
        return Vec::new();
    }
    for prefix in ["export ", "- "] {
        if line[start..].starts_with(prefix) {
            start += prefix.len();
        }
    }
    let Some(separator) = line[start..].find(['=', ':']).map(|i| start + i) else {
        return Vec::new();
    };
    let key = trim_range(line, start..separator);
    let key = unquote(line, key);
    let mut value_start = separator + 1;
    // `key: value` in YAML needs a space after the colon; `a:b` is a plain scalar.
    if line.as_bytes()[separator] == b':'
        && format == ConfigFormat::Yaml
        && !line[value_start..].starts_with([' ', '\t'])
        && value_start < line.len()
    {
        return Vec::new();
    }
    if line[value_start..].starts_with('=') {
        value_start += 1;
    }
    let value = unquote(line, trim_range(line, value_start..line.len()));
    if key.is_empty()
        || value.is_empty()
        || line[key.clone()].contains(char::is_whitespace) && format != ConfigFormat::Ini
    {
        return Vec::new();
    }
    vec![(key, value)]
}

/// `"key": "value"` pairs anywhere on a line, as JSON (or YAML and TOML written like it)
/// has them; several per line in minified JSON.
fn quoted_pairs(line: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let strings = quoted_strings(line);
    let mut out = Vec::new();
    for pair in strings.windows(2) {
        let between = line[pair[0].end + 1..pair[1].start - 1].trim();
        if between == ":" || between == "=" {
            out.push((pair[0].clone(), pair[1].clone()));
        }
    }
    out
}

/// The contents of every double-quoted string on a line (escapes skipped over).
fn quoted_strings(line: &str) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j] != b'"' {
            j += if bytes[j] == b'\\' { 2 } else { 1 };
        }
        if j >= bytes.len() {
            break;
        }
        out.push(start..j);
        i = j + 1;
    }
    out
}

fn trim_range(line: &str, range: Range<usize>) -> Range<usize> {
    let text = &line[range.clone()];
    let start = range.start + (text.len() - text.trim_start().len());
    start..start + text.trim().len()
}

/// The range without surrounding matching quotes (and a trailing `,` of JSON-like lines).
fn unquote(line: &str, range: Range<usize>) -> Range<usize> {
    let mut text = &line[range.clone()];
    if let Some(stripped) = text.strip_suffix(',') {
        text = stripped.trim_end();
    }
    let bytes = text.as_bytes();
    if bytes.len() >= 2
        && (bytes[0] == b'"' || bytes[0] == b'\'')
        && bytes[bytes.len() - 1] == bytes[0]
    {
        return range.start + 1..range.start + text.len() - 1;
    }
    range.start..range.start + text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, format: ConfigFormat) -> Vec<&str> {
        scan_config(text, format, true)
            .findings
            .iter()
            .map(|f| &text[f.detection.span.clone()])
            .collect()
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(
            ConfigFormat::from_file_name(".env"),
            Some(ConfigFormat::Env)
        );
        assert_eq!(
            ConfigFormat::from_file_name(".env.local"),
            Some(ConfigFormat::Env)
        );
        assert_eq!(
            ConfigFormat::from_file_name("docker-compose.prod.yml"),
            Some(ConfigFormat::Yaml)
        );
        assert_eq!(
            ConfigFormat::from_file_name("uv.lock"),
            Some(ConfigFormat::Lock)
        );
        assert_eq!(
            ConfigFormat::from_file_name("package-lock.json"),
            Some(ConfigFormat::Lock)
        );
        assert_eq!(
            ConfigFormat::from_file_name("app.properties"),
            Some(ConfigFormat::Ini)
        );
        assert_eq!(ConfigFormat::from_file_name("main.py"), None);
        assert_eq!(ConfigFormat::from_file_name("Makefile"), None);
        assert!(!ConfigFormat::Env.generic_applies(".env.example"));
        // The discovery globs name what `from_file_name` accepts, lock files included.
        for glob in CONFIG_FILE_GLOBS {
            let name = glob.replace('*', "x");
            assert!(ConfigFormat::from_file_name(&name).is_some(), "{glob}");
        }
        for lock in LOCK_FILES {
            assert!(
                CONFIG_FILE_GLOBS.iter().any(
                    |g| g == lock || g.strip_prefix('*').is_some_and(|ext| lock.ends_with(ext))
                ),
                "{lock}"
            );
        }
        assert!(ConfigFormat::Env.generic_applies(".env.production"));
    }

    #[test]
    fn key_value_styles() {
        let secret = "q8Zr2LmT0vXa9KpW3nBc";
        for (text, format) in [
            (format!("API_KEY={secret}\n"), ConfigFormat::Env),
            (format!("export API_KEY=\"{secret}\"\n"), ConfigFormat::Env),
            (format!("[db]\npassword = {secret}\n"), ConfigFormat::Ini),
            (
                format!("db:\n  password: '{secret}'  # prod\n"),
                ConfigFormat::Yaml,
            ),
            (
                format!("{{\"name\": \"x\", \"client_secret\": \"{secret}\"}}\n"),
                ConfigFormat::Json,
            ),
            (format!("api_token = \"{secret}\"\n"), ConfigFormat::Toml),
            (
                format!("spring.datasource.password={secret}\n"),
                ConfigFormat::Ini,
            ),
        ] {
            assert_eq!(found(&text, format), [secret], "{text}");
        }
    }

    #[test]
    fn safe_and_malformed_lines() {
        let text = "# password = q8Zr2LmT0vXa9KpW3nBc\npassword = ${DB_PASSWORD}\ntoken_url = https://x/q8Zr2LmT0vXa9KpW3nBc\nsha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n{{{ \"unterminated\n= = =\n:\n";
        assert!(found(text, ConfigFormat::Yaml).is_empty());
        let scan = scan_config(
            "password = q8Zr2LmT0vXa9KpW3nBc # nosec\n",
            ConfigFormat::Ini,
            true,
        );
        assert_eq!(scan.comments, vec![32..39_usize]);
        assert!(found("password = q8Zr2LmT0vXa9KpW3nBc\n", ConfigFormat::Lock).len() == 1);
        assert!(
            scan_config(
                "password = q8Zr2LmT0vXa9KpW3nBc\n",
                ConfigFormat::Lock,
                false
            )
            .findings
            .is_empty()
        );
    }
}
