//! Poetry version constraints (`^1.2`, `~1.2`, `1.2.*`, `>=1,<2 || ^3`) → PEP 440.

use crate::model::Requirement;
use pep440_rs::{Version, VersionSpecifier, VersionSpecifiers};
use std::str::FromStr;

/// Converts a Poetry constraint to a requirement. Caret and tilde follow Poetry's
/// documentation: `^1.2.3` is `>=1.2.3,<2.0.0`, `^0.2.3` is `>=0.2.3,<0.3.0`, `~1.2` is
/// `>=1.2,<1.3`; a bare version is a pin and `*` allows everything. The error is a message.
pub(crate) fn poetry_requirement(constraint: &str) -> Result<Requirement, String> {
    let mut sets = Vec::new();
    for alternative in constraint.split("||") {
        let mut specifiers = Vec::new();
        for atom in atoms(alternative) {
            for pep440 in convert_atom(&atom)? {
                let specifier = VersionSpecifier::from_str(&pep440)
                    .map_err(|err| format!("`{atom}` is not a valid version constraint: {err}"))?;
                specifiers.push(specifier);
            }
        }
        sets.push(specifiers.into_iter().collect::<VersionSpecifiers>());
    }
    Ok(match sets.pop() {
        Some(only) if sets.is_empty() => Requirement::from_specifiers(only),
        Some(last) => {
            sets.push(last);
            Requirement::AnyOf(sets)
        }
        None => Requirement::Range(VersionSpecifiers::empty()),
    })
}

/// The single constraints of one alternative: split on commas and whitespace, with an
/// operator separated from its version by spaces (`>= 1.2`) glued back on.
fn atoms(alternative: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut operator_pending = false;
    for token in alternative
        .split([',', ' ', '\t'])
        .filter(|t| !t.is_empty())
    {
        if operator_pending && let Some(last) = out.last_mut() {
            last.push_str(token);
        } else {
            out.push(token.to_owned());
        }
        operator_pending = token
            .chars()
            .all(|c| matches!(c, '<' | '>' | '=' | '!' | '~' | '^'));
    }
    out
}

/// One Poetry constraint as PEP 440 specifiers.
fn convert_atom(atom: &str) -> Result<Vec<String>, String> {
    if atom == "*" {
        return Ok(Vec::new());
    }
    if let Some(rest) = atom.strip_prefix('^') {
        let release = release_of(rest, atom)?;
        let bump = release
            .iter()
            .position(|&part| part != 0)
            .unwrap_or(release.len().saturating_sub(1));
        return Ok(vec![
            format!(">={rest}"),
            format!("<{}", bumped(&release, bump)),
        ]);
    }
    if !atom.starts_with("~=")
        && let Some(rest) = atom.strip_prefix('~')
    {
        let release = release_of(rest, atom)?;
        let bump = usize::from(release.len() >= 2);
        return Ok(vec![
            format!(">={rest}"),
            format!("<{}", bumped(&release, bump)),
        ]);
    }
    if ["==", "!=", ">=", "<=", "~=", ">", "<"]
        .iter()
        .any(|op| atom.starts_with(op))
    {
        return Ok(vec![atom.to_owned()]);
    }
    let bare = atom.strip_prefix('=').unwrap_or(atom);
    Ok(vec![format!("=={bare}")])
}

/// The release numbers of `version` (`1.2.3` → `[1, 2, 3]`).
fn release_of(version: &str, atom: &str) -> Result<Vec<u64>, String> {
    Version::from_str(version)
        .map(|parsed| parsed.release().to_vec())
        .map_err(|err| format!("`{atom}` is not a valid version constraint: {err}"))
}

/// `release[..=index]` with the last part incremented (`[1, 2, 3]`, 1 → `1.3`).
fn bumped(release: &[u64], index: usize) -> String {
    let mut parts: Vec<u64> = release.iter().take(index + 1).copied().collect();
    if let Some(last) = parts.last_mut() {
        *last = last.saturating_add(1);
    }
    parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pep440(constraint: &str) -> String {
        poetry_requirement(constraint)
            .unwrap_or_else(|err| panic!("{constraint}: {err}"))
            .to_string()
    }

    #[test]
    fn caret() {
        assert_eq!(pep440("^1.2.3"), ">=1.2.3, <2");
        assert_eq!(pep440("^1.2"), ">=1.2, <2");
        assert_eq!(pep440("^1"), ">=1, <2");
        assert_eq!(pep440("^0.2.3"), ">=0.2.3, <0.3");
        assert_eq!(pep440("^0.0.3"), ">=0.0.3, <0.0.4");
        assert_eq!(pep440("^0.0"), ">=0.0, <0.1");
        assert_eq!(pep440("^0"), ">=0, <1");
    }

    #[test]
    fn tilde() {
        assert_eq!(pep440("~1.2.3"), ">=1.2.3, <1.3");
        assert_eq!(pep440("~1.2"), ">=1.2, <1.3");
        assert_eq!(pep440("~1"), ">=1, <2");
        assert_eq!(pep440("~=1.2"), "~=1.2");
    }

    #[test]
    fn plain_forms() {
        assert_eq!(pep440("*"), "");
        assert_eq!(pep440("1.2.3"), "==1.2.3");
        assert!(poetry_requirement("1.2.3").unwrap().pinned().is_some());
        assert_eq!(pep440("=1.2.3"), "==1.2.3");
        assert_eq!(pep440("1.2.*"), "==1.2.*");
        assert_eq!(pep440(">= 1.2, < 1.5"), ">=1.2, <1.5");
        assert_eq!(pep440(">=1.2 <1.5"), ">=1.2, <1.5");
    }

    #[test]
    fn unions() {
        let requirement = poetry_requirement("^1.0 || ^3.0").unwrap();
        assert!(matches!(requirement, Requirement::AnyOf(ref sets) if sets.len() == 2));
        assert!(requirement.admits(&Version::from_str("3.4").unwrap()));
        assert!(!requirement.admits(&Version::from_str("2.0").unwrap()));
    }

    #[test]
    fn invalid() {
        assert!(poetry_requirement("^banana").is_err());
        assert!(poetry_requirement(">=1.0-x-y").is_err());
    }
}
