//! Licences of installed distributions (`License-Expression:`, `License:`, `Classifier:
//! License :: …`) as SPDX ids, SPDX expressions or plain names.

use moat_deps::License as Metadata;
use moat_report::sbom::{License, LicenseInfo};

/// A `License:` value longer than this, or spanning lines, is the licence's full text.
const MAX_NAME_LEN: usize = 100;

/// The declared licence: `License-Expression` (PEP 639), else `License` when it is a name
/// rather than a whole licence text, else the licence classifiers; `None` when none says
/// anything.
pub fn declared_license(metadata: &Metadata) -> Option<LicenseInfo> {
    if let Some(expression) = metadata.expression.as_deref().map(str::trim)
        && !expression.is_empty()
    {
        return Some(spdx_or_name(expression));
    }
    let text = metadata.text.as_deref().map(str::trim).filter(|text| {
        !text.is_empty()
            && !text.eq_ignore_ascii_case("UNKNOWN")
            && !text.contains('\n')
            && text.len() <= MAX_NAME_LEN
    });
    if let Some(text) = text {
        return Some(spdx_or_name(text));
    }
    let licenses: Vec<License> = metadata
        .classifiers
        .iter()
        .map(|classifier| classifier_license(classifier))
        .collect();
    if !licenses.is_empty() {
        return Some(LicenseInfo::Licenses(licenses));
    }
    // Only a full licence text: name it by its first line.
    let first_line = metadata
        .text
        .as_deref()?
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())?;
    Some(LicenseInfo::Licenses(vec![License::Name(
        first_line.chars().take(MAX_NAME_LEN).collect(),
    )]))
}

/// A single SPDX id as [`License::Id`], a valid SPDX expression as
/// [`LicenseInfo::Expression`], anything else (including expressions with `LicenseRef-`,
/// whose text is not known) as [`License::Name`].
fn spdx_or_name(text: &str) -> LicenseInfo {
    if let Some(id) = spdx::license_id(text)
        && !id.is_deprecated()
    {
        return LicenseInfo::Licenses(vec![License::Id(id.name.to_owned())]);
    }
    match spdx::Expression::parse(text) {
        Ok(expression)
            if expression
                .requirements()
                .all(|req| req.req.license.id().is_some()) =>
        {
            LicenseInfo::Expression(text.to_owned())
        }
        _ => LicenseInfo::Licenses(vec![License::Name(text.to_owned())]),
    }
}

/// Trove classifiers that name exactly one SPDX licence. `Apache Software License`, `BSD
/// License` and others that leave the version or variant open are kept as names.
const CLASSIFIERS: &[(&str, &str)] = &[
    (
        "License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication",
        "CC0-1.0",
    ),
    (
        "License :: OSI Approved :: Academic Free License (AFL)",
        "AFL-3.0",
    ),
    (
        "License :: OSI Approved :: Boost Software License 1.0 (BSL-1.0)",
        "BSL-1.0",
    ),
    (
        "License :: OSI Approved :: Eclipse Public License 1.0 (EPL-1.0)",
        "EPL-1.0",
    ),
    (
        "License :: OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)",
        "EPL-2.0",
    ),
    (
        "License :: OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)",
        "EUPL-1.2",
    ),
    (
        "License :: OSI Approved :: GNU Affero General Public License v3",
        "AGPL-3.0-only",
    ),
    (
        "License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)",
        "AGPL-3.0-or-later",
    ),
    (
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
        "GPL-2.0-only",
    ),
    (
        "License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)",
        "GPL-2.0-or-later",
    ),
    (
        "License :: OSI Approved :: GNU General Public License v3 (GPLv3)",
        "GPL-3.0-only",
    ),
    (
        "License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)",
        "GPL-3.0-or-later",
    ),
    (
        "License :: OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)",
        "LGPL-2.0-only",
    ),
    (
        "License :: OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)",
        "LGPL-2.0-or-later",
    ),
    (
        "License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)",
        "LGPL-3.0-only",
    ),
    (
        "License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)",
        "LGPL-3.0-or-later",
    ),
    ("License :: OSI Approved :: ISC License (ISCL)", "ISC"),
    ("License :: OSI Approved :: MIT License", "MIT"),
    (
        "License :: OSI Approved :: MIT No Attribution License (MIT-0)",
        "MIT-0",
    ),
    (
        "License :: OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)",
        "MPL-1.1",
    ),
    (
        "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)",
        "MPL-2.0",
    ),
    (
        "License :: OSI Approved :: Python Software Foundation License",
        "PSF-2.0",
    ),
    (
        "License :: OSI Approved :: The Unlicense (Unlicense)",
        "Unlicense",
    ),
    (
        "License :: OSI Approved :: Universal Permissive License (UPL)",
        "UPL-1.0",
    ),
    ("License :: OSI Approved :: zlib/libpng License", "Zlib"),
];

/// The licence a classifier names: its SPDX id, or its last segment as a name.
fn classifier_license(classifier: &str) -> License {
    let classifier = classifier.trim();
    if let Some((_, id)) = CLASSIFIERS.iter().find(|(name, _)| *name == classifier) {
        return License::Id((*id).to_owned());
    }
    let last = classifier.rsplit("::").next().unwrap_or(classifier).trim();
    License::Name(last.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(expression: Option<&str>, text: Option<&str>, classifiers: &[&str]) -> Metadata {
        Metadata {
            expression: expression.map(str::to_owned),
            text: text.map(str::to_owned),
            classifiers: classifiers.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    fn id(id: &str) -> Option<LicenseInfo> {
        Some(LicenseInfo::Licenses(vec![License::Id(id.to_owned())]))
    }

    fn name(name: &str) -> Option<LicenseInfo> {
        Some(LicenseInfo::Licenses(vec![License::Name(name.to_owned())]))
    }

    #[test]
    fn expression_wins_and_is_checked() {
        let mit = "License :: OSI Approved :: MIT License";
        assert_eq!(
            declared_license(&metadata(Some("MIT"), Some("BSD"), &[mit])),
            id("MIT")
        );
        assert_eq!(
            declared_license(&metadata(Some("MIT OR Apache-2.0"), None, &[])),
            Some(LicenseInfo::Expression("MIT OR Apache-2.0".to_owned()))
        );
        assert_eq!(
            declared_license(&metadata(Some("LicenseRef-Acme OR MIT"), None, &[])),
            name("LicenseRef-Acme OR MIT")
        );
        assert_eq!(
            declared_license(&metadata(Some("Apache 2"), None, &[])),
            name("Apache 2")
        );
    }

    #[test]
    fn license_field_then_classifiers() {
        let mit = "License :: OSI Approved :: MIT License";
        let apache = "License :: OSI Approved :: Apache Software License";
        assert_eq!(
            declared_license(&metadata(None, Some("BSD-3-Clause"), &[])),
            id("BSD-3-Clause")
        );
        assert_eq!(
            declared_license(&metadata(None, Some("Apache 2.0"), &[])),
            name("Apache 2.0")
        );
        assert_eq!(
            declared_license(&metadata(None, Some("UNKNOWN"), &[mit])),
            id("MIT")
        );
        let full_text = "Copyright (c) 2020 Someone\n\nPermission is hereby granted…";
        assert_eq!(
            declared_license(&metadata(None, Some(full_text), &[mit])),
            id("MIT")
        );
        assert_eq!(
            declared_license(&metadata(None, Some(full_text), &[])),
            name("Copyright (c) 2020 Someone")
        );
        assert_eq!(
            declared_license(&metadata(None, None, &[mit, apache])),
            Some(LicenseInfo::Licenses(vec![
                License::Id("MIT".to_owned()),
                License::Name("Apache Software License".to_owned())
            ]))
        );
        assert_eq!(declared_license(&metadata(None, None, &[])), None);
    }

    #[test]
    fn every_mapped_classifier_is_a_current_spdx_id() {
        for (classifier, id) in CLASSIFIERS {
            let found = spdx::license_id(id).unwrap_or_else(|| panic!("{id} for {classifier}"));
            assert!(!found.is_deprecated(), "{id} is deprecated");
        }
    }
}
