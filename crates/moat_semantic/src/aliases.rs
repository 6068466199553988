//! Other names for standard-library modules and functions: `six.moves` (and the copies
//! of `six` that Django and urllib3 vendored) re-export, under Python 2-compatible names,
//! what Python 3 keeps elsewhere. Qualified names are rewritten to the standard-library
//! name (`six.moves.urllib.request.urlopen` → `urllib.request.urlopen`), so every rule
//! that knows the standard-library API sees these calls too.

/// Packages whose `moves` module is `six.moves`.
const SIX_PACKAGES: &[&str] = &["six", "django.utils.six", "urllib3.packages.six"];

/// Names under `six.moves` and what they are in Python 3. Only names that are modules or
/// functions rules look at, or modules under which such names live.
const SIX_MOVES: &[(&str, &str)] = &[
    ("urllib", "urllib"),
    ("urllib_parse", "urllib.parse"),
    ("urllib_error", "urllib.error"),
    ("urllib_request", "urllib.request"),
    ("urllib_response", "urllib.response"),
    ("urllib_robotparser", "urllib.robotparser"),
    ("builtins", "builtins"),
    ("input", "builtins.input"),
    ("cPickle", "pickle"),
    ("copyreg", "copyreg"),
    ("configparser", "configparser"),
    ("http_client", "http.client"),
    ("http_cookiejar", "http.cookiejar"),
    ("http_cookies", "http.cookies"),
    ("html_parser", "html.parser"),
    ("BaseHTTPServer", "http.server"),
    ("CGIHTTPServer", "http.server"),
    ("SimpleHTTPServer", "http.server"),
    ("socketserver", "socketserver"),
    ("xmlrpc_client", "xmlrpc.client"),
    ("xmlrpc_server", "xmlrpc.server"),
    ("shlex_quote", "shlex.quote"),
    ("getcwd", "os.getcwd"),
    ("reload_module", "importlib.reload"),
    ("queue", "queue"),
];

/// The `moves` rest of `name` (`urllib.request.urlopen` for
/// `six.moves.urllib.request.urlopen`), `Some("")` for `six.moves` itself.
fn after_six_moves(name: &str) -> Option<&str> {
    SIX_PACKAGES.iter().find_map(|package| {
        let rest = name.strip_prefix(package)?.strip_prefix(".moves")?;
        match rest.strip_prefix('.') {
            Some(rest) => Some(rest),
            None => rest.is_empty().then_some(""),
        }
    })
}

/// The standard-library name `name` is another name for, if it is one.
pub(crate) fn canonical(name: &str) -> Option<String> {
    let rest = after_six_moves(name).filter(|rest| !rest.is_empty())?;
    let (head, tail) = rest.split_once('.').unwrap_or((rest, ""));
    let &(_, target) = SIX_MOVES.iter().find(|(moved, _)| *moved == head)?;
    Some(if tail.is_empty() {
        target.to_string()
    } else {
        format!("{target}.{tail}")
    })
}

/// The standard-library top-level modules an import of `name` may bring in under other
/// names: every module `six.moves` stands for when `six` or `six.moves` itself is
/// imported (`six.moves.urllib.request.urlopen(…)` after `import six`), the one it names
/// otherwise.
pub(crate) fn implied_roots(name: &str) -> Vec<&'static str> {
    let whole_package =
        SIX_PACKAGES.contains(&name) || after_six_moves(name).is_some_and(|rest| rest.is_empty());
    if whole_package {
        return SIX_MOVES.iter().map(|&(_, target)| root(target)).collect();
    }
    let Some(rest) = after_six_moves(name) else {
        return Vec::new();
    };
    let head = rest.split('.').next().unwrap_or(rest);
    SIX_MOVES
        .iter()
        .filter(|(moved, _)| *moved == head)
        .map(|&(_, target)| root(target))
        .collect()
}

fn root(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_moves_names_become_standard_library_names() {
        assert_eq!(
            canonical("six.moves.urllib.request.urlopen").as_deref(),
            Some("urllib.request.urlopen")
        );
        assert_eq!(
            canonical("six.moves.urllib_parse.urlsplit").as_deref(),
            Some("urllib.parse.urlsplit")
        );
        assert_eq!(
            canonical("six.moves.cPickle.loads").as_deref(),
            Some("pickle.loads")
        );
        assert_eq!(
            canonical("django.utils.six.moves.input").as_deref(),
            Some("builtins.input")
        );
        assert_eq!(canonical("six.moves"), None);
        assert_eq!(canonical("six.moves.unknown_name"), None);
        assert_eq!(canonical("six.movesx.urllib"), None);
        assert_eq!(canonical("sixer.moves.urllib"), None);
        assert_eq!(canonical("urllib.request.urlopen"), None);
    }

    #[test]
    fn importing_six_implies_the_modules_it_moves() {
        assert!(implied_roots("six").contains(&"urllib"));
        assert!(implied_roots("six.moves").contains(&"pickle"));
        assert_eq!(implied_roots("six.moves.urllib.request"), vec!["urllib"]);
        assert_eq!(implied_roots("six.moves.cPickle"), vec!["pickle"]);
        assert!(implied_roots("six.with_metaclass").is_empty());
        assert!(implied_roots("urllib").is_empty());
    }
}
