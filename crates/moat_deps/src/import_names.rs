//! The top-level import names a distribution provides (`PyYAML` → `yaml`), for
//! `moat audit`'s import-level reachability.
//!
//! An installed distribution says it itself: its `RECORD` lists the files it installed
//! (`yaml/__init__.py` → `yaml`; a namespace package without `__init__.py`, such as
//! `google/protobuf/__init__.py`, gives `google.protobuf`), else its `top_level.txt`. For a
//! requirement there is no such record: a short table of well-known distributions whose
//! import name differs from their name is used, else the PEP 503 name with `-` → `_`.

use crate::model::{Dependency, Kind};
use std::collections::BTreeSet;
use std::path::Path;

/// Well-known distributions (PEP 503 names) whose import names differ from their names.
const WELL_KNOWN: &[(&str, &[&str])] = &[
    ("attrs", &["attr", "attrs"]),
    ("beautifulsoup4", &["bs4"]),
    ("djangorestframework", &["rest_framework"]),
    ("dnspython", &["dns"]),
    ("gitpython", &["git"]),
    ("google-cloud-storage", &["google.cloud.storage"]),
    ("grpcio", &["grpc"]),
    ("ipython", &["IPython"]),
    ("mysqlclient", &["MySQLdb"]),
    ("opencv-contrib-python", &["cv2"]),
    ("opencv-contrib-python-headless", &["cv2"]),
    ("opencv-python", &["cv2"]),
    ("opencv-python-headless", &["cv2"]),
    ("pillow", &["PIL"]),
    ("protobuf", &["google.protobuf"]),
    ("psycopg2-binary", &["psycopg2"]),
    ("pycrypto", &["Crypto"]),
    ("pycryptodome", &["Crypto"]),
    ("pycryptodomex", &["Cryptodome"]),
    ("pygithub", &["github"]),
    ("pyjwt", &["jwt"]),
    ("pymongo", &["pymongo", "bson", "gridfs"]),
    ("pynacl", &["nacl"]),
    ("pyopenssl", &["OpenSSL"]),
    ("pyserial", &["serial"]),
    ("python-dateutil", &["dateutil"]),
    ("python-docx", &["docx"]),
    ("python-jose", &["jose"]),
    ("python-ldap", &["ldap"]),
    ("python-magic", &["magic"]),
    ("python-multipart", &["multipart", "python_multipart"]),
    ("pyyaml", &["yaml"]),
    ("pyzmq", &["zmq"]),
    ("ruamel-yaml", &["ruamel.yaml"]),
    ("scikit-image", &["skimage"]),
    ("scikit-learn", &["sklearn"]),
    ("setuptools", &["setuptools", "pkg_resources"]),
    ("websocket-client", &["websocket"]),
    ("zope-interface", &["zope.interface"]),
];

/// The import names of `dependency`: from its installed `RECORD` or `top_level.txt` when
/// it was found installed (`--env`), else from the table of well-known names, else its
/// PEP 503 name with `-` → `_`. Sorted, never empty.
pub fn import_names(dependency: &Dependency) -> Vec<String> {
    if dependency.kind == Kind::Installed
        && let Some(dist_info) = Path::new(&dependency.source.file).parent()
    {
        let recorded = recorded_import_names(dist_info);
        if !recorded.is_empty() {
            return recorded;
        }
    }
    guessed_import_names(&dependency.normalized_name)
}

/// The import names of a distribution that is not installed, from its PEP 503 name.
pub fn guessed_import_names(normalized_name: &str) -> Vec<String> {
    match WELL_KNOWN.binary_search_by(|(name, _)| (*name).cmp(normalized_name)) {
        Ok(index) => WELL_KNOWN[index]
            .1
            .iter()
            .map(|n| (*n).to_string())
            .collect(),
        Err(_) => vec![normalized_name.replace('-', "_")],
    }
}

/// What an installed distribution's `RECORD` (else `top_level.txt`) says it provides;
/// empty when neither can be read.
fn recorded_import_names(dist_info: &Path) -> Vec<String> {
    if let Ok(record) = fs_err::read_to_string(dist_info.join("RECORD")) {
        let names = names_from_record(&record);
        if !names.is_empty() {
            return names;
        }
    }
    match fs_err::read_to_string(dist_info.join("top_level.txt")) {
        Ok(text) => {
            let names: BTreeSet<String> = text
                .lines()
                .map(|line| line.trim().replace('/', "."))
                .filter(|line| is_module_path(line))
                .collect();
            names.into_iter().collect()
        }
        Err(_) => Vec::new(),
    }
}

/// The importable top-level names of the paths in a `RECORD` (CSV: path first). A
/// directory without an `__init__.py` of its own is a namespace package: its
/// sub-packages are the names (`google/protobuf/__init__.py` → `google.protobuf`).
fn names_from_record(record: &str) -> Vec<String> {
    let paths: Vec<Vec<&str>> = record
        .lines()
        .filter_map(|line| line.split(',').next())
        .map(|path| path.trim_matches('"'))
        .filter(|path| !path.starts_with("..") && !path.starts_with('/'))
        .map(|path| path.split('/').collect::<Vec<_>>())
        .collect();
    // `__init__.py`, or a compiled `__init__.cpython-311-….so`.
    let has_init = |dir: &[&str]| {
        paths.iter().any(|path| {
            path.len() == dir.len() + 1
                && path.starts_with(dir)
                && path[dir.len()].starts_with("__init__.")
        })
    };
    let mut names = BTreeSet::new();
    for path in &paths {
        // At most two namespace levels (`google.cloud.storage`).
        let mut depth = 0;
        while depth < path.len() {
            let segment = path[depth];
            let is_last = depth + 1 == path.len();
            if is_last {
                if let Some(module) = module_of_file(segment)
                    && module != "__init__"
                {
                    names.insert(dotted(&path[..depth], module));
                }
                break;
            }
            if segment.ends_with(".dist-info")
                || segment.ends_with(".data")
                || segment == "__pycache__"
                || !is_identifier(segment)
            {
                break;
            }
            if has_init(&path[..=depth]) || depth == 2 {
                names.insert(path[..=depth].join("."));
                break;
            }
            depth += 1;
        }
    }
    names.into_iter().collect()
}

/// `six.py` → `six`, `_cffi_backend.cpython-311-x86_64-linux-gnu.so` → `_cffi_backend`.
fn module_of_file(name: &str) -> Option<&str> {
    let stem = if let Some(stem) = name.strip_suffix(".py") {
        stem
    } else if name.ends_with(".so") || name.ends_with(".pyd") {
        name.split('.').next()?
    } else {
        return None;
    };
    is_identifier(stem).then_some(stem)
}

fn dotted(parents: &[&str], module: &str) -> String {
    let mut parts: Vec<&str> = parents.to_vec();
    parts.push(module);
    parts.join(".")
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|first| first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

fn is_module_path(text: &str) -> bool {
    !text.is_empty() && text.split('.').all(is_identifier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(WELL_KNOWN.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn guesses() {
        assert_eq!(guessed_import_names("pyyaml"), ["yaml"]);
        assert_eq!(guessed_import_names("protobuf"), ["google.protobuf"]);
        assert_eq!(
            guessed_import_names("typing-extensions"),
            ["typing_extensions"]
        );
        assert_eq!(guessed_import_names("jinja2"), ["jinja2"]);
    }

    #[test]
    fn record_paths_give_packages_modules_and_namespace_packages() {
        let record = "yaml/__init__.py,sha256=x,1\nyaml/composer.py,,\n\
                      _yaml/__init__.py,,\nsix.py,,\n\
                      _cffi_backend.cpython-311-x86_64-linux-gnu.so,,\n\
                      google/protobuf/__init__.py,,\ngoogle/protobuf/message.py,,\n\
                      PyYAML-6.0.dist-info/METADATA,,\n../../../bin/tool,,\n\
                      __pycache__/six.cpython-311.pyc,,\n\"weird,name.py\",,\n";
        assert_eq!(
            names_from_record(record),
            ["_cffi_backend", "_yaml", "google.protobuf", "six", "yaml"]
        );
    }
}
