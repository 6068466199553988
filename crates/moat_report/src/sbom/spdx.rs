//! SPDX 2.3 JSON.

use super::serial::content_uuid;
use super::{Component, License, LicenseInfo, Sbom, Scope};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

/// Writes `sbom` as an SPDX 2.3 JSON document. The `documentNamespace` ends in the v5 UUID
/// of the document written without it, so re-runs on the same input are identical.
///
/// Licences that are not SPDX ids become `LicenseRef-…` with their text in
/// `hasExtractedLicensingInfos`; a package without a declared licence says `NOASSERTION`.
///
/// # Errors
///
/// When writing to `out` fails.
pub fn write_spdx(sbom: &Sbom, out: &mut dyn Write) -> io::Result<()> {
    let mut document = Document::new(sbom);
    let content = serde_json::to_vec(&document)?;
    document.document_namespace = Some(format!(
        "https://spdx.org/spdxdocs/{}-{}",
        id_string(&sbom.root.name),
        content_uuid(&content)
    ));
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

const NOASSERTION: &str = "NOASSERTION";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    spdx_version: &'static str,
    data_license: &'static str,
    #[serde(rename = "SPDXID")]
    spdx_id: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    document_namespace: Option<String>,
    creation_info: CreationInfo<'a>,
    packages: Vec<Package<'a>>,
    relationships: Vec<Relationship>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    has_extracted_licensing_infos: Vec<ExtractedLicense<'a>>,
}

impl<'a> Document<'a> {
    fn new(sbom: &'a Sbom) -> Self {
        let mut ids = Ids::default();
        let mut licenses = LicenseRefs::default();
        let root_id = "SPDXRef-Root".to_owned();
        let mut by_reference: HashMap<&str, (String, Scope)> = HashMap::new();
        by_reference.insert(&sbom.root.reference, (root_id.clone(), Scope::Required));
        let mut packages = vec![Package::new(
            &sbom.root,
            root_id.clone(),
            "APPLICATION",
            &mut licenses,
        )];
        for component in &sbom.components {
            let id = ids.assign(component);
            by_reference.insert(&component.reference, (id.clone(), component.scope));
            packages.push(Package::new(component, id, "LIBRARY", &mut licenses));
        }
        let mut relationships = vec![Relationship {
            spdx_element_id: "SPDXRef-DOCUMENT".to_owned(),
            relationship_type: "DESCRIBES",
            related_spdx_element: root_id.clone(),
        }];
        for node in &sbom.dependencies {
            let Some((from, _)) = by_reference.get(node.reference.as_str()) else {
                continue;
            };
            for target in &node.depends_on {
                let Some((to, scope)) = by_reference.get(target.as_str()) else {
                    continue;
                };
                relationships.push(if *from == root_id && *scope == Scope::Optional {
                    Relationship {
                        spdx_element_id: to.clone(),
                        relationship_type: "OPTIONAL_DEPENDENCY_OF",
                        related_spdx_element: from.clone(),
                    }
                } else {
                    Relationship {
                        spdx_element_id: from.clone(),
                        relationship_type: "DEPENDS_ON",
                        related_spdx_element: to.clone(),
                    }
                });
            }
        }
        Self {
            spdx_version: "SPDX-2.3",
            data_license: "CC0-1.0",
            spdx_id: "SPDXRef-DOCUMENT",
            name: &sbom.root.name,
            document_namespace: None,
            creation_info: CreationInfo {
                created: &sbom.timestamp,
                creators: vec![format!("Tool: moat-{}", sbom.tool_version)],
            },
            packages,
            relationships,
            has_extracted_licensing_infos: licenses.into_infos(),
        }
    }
}

/// `SPDXRef-Package-<name>-<version>` ids, made unique with a counter.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
}

impl Ids {
    fn assign(&mut self, component: &Component) -> String {
        let mut base = format!("SPDXRef-Package-{}", id_string(&component.name));
        if let Some(version) = &component.version {
            base.push('-');
            base.push_str(&id_string(version));
        }
        let mut id = base.clone();
        let mut counter = 1;
        while !self.used.insert(id.clone()) {
            counter += 1;
            id = format!("{base}-{counter}");
        }
        id
    }
}

/// `text` with every character an SPDX id may not hold (letters, digits, `.`, `-`) as `-`.
fn id_string(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() {
        "unnamed".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The `LicenseRef-…` ids given to licence names, and the names they stand for.
#[derive(Default)]
struct LicenseRefs<'a> {
    by_id: BTreeMap<String, &'a str>,
}

impl<'a> LicenseRefs<'a> {
    /// The `licenseDeclared` expression of `license`.
    fn declared(&mut self, license: Option<&'a LicenseInfo>) -> String {
        match license {
            None => NOASSERTION.to_owned(),
            Some(LicenseInfo::Expression(expression)) => expression.clone(),
            Some(LicenseInfo::Licenses(licenses)) => {
                let parts: Vec<String> = licenses
                    .iter()
                    .map(|license| match license {
                        License::Id(id) => id.clone(),
                        License::Name(name) => self.reference(name),
                    })
                    .collect();
                match parts.as_slice() {
                    [] => NOASSERTION.to_owned(),
                    [one] => one.clone(),
                    _ => parts.join(" AND "),
                }
            }
        }
    }

    fn reference(&mut self, name: &'a str) -> String {
        let base = format!("LicenseRef-{}", id_string(name));
        let mut id = base.clone();
        let mut counter = 1;
        while let Some(existing) = self.by_id.get(&id) {
            if *existing == name {
                return id;
            }
            counter += 1;
            id = format!("{base}-{counter}");
        }
        self.by_id.insert(id.clone(), name);
        id
    }

    fn into_infos(self) -> Vec<ExtractedLicense<'a>> {
        self.by_id
            .into_iter()
            .map(|(license_id, name)| ExtractedLicense {
                license_id,
                name,
                extracted_text: name,
            })
            .collect()
    }
}

#[derive(Serialize)]
struct CreationInfo<'a> {
    created: &'a str,
    creators: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Package<'a> {
    name: &'a str,
    #[serde(rename = "SPDXID")]
    spdx_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_info: Option<&'a str>,
    download_location: &'a str,
    files_analyzed: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    checksums: Vec<Checksum<'a>>,
    license_concluded: &'static str,
    license_declared: String,
    copyright_text: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_refs: Vec<ExternalRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_info: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    primary_package_purpose: &'static str,
}

impl<'a> Package<'a> {
    fn new(
        component: &'a Component,
        spdx_id: String,
        purpose: &'static str,
        licenses: &mut LicenseRefs<'a>,
    ) -> Self {
        let sources: Vec<&str> = component
            .properties
            .iter()
            .filter(|p| p.name == "moat:source")
            .map(|p| p.value.as_str())
            .collect();
        let other: Vec<String> = component
            .properties
            .iter()
            .filter(|p| p.name != "moat:source")
            .map(|p| format!("{}: {}", p.name.trim_start_matches("moat:"), p.value))
            .collect();
        Self {
            name: &component.name,
            spdx_id,
            version_info: component.version.as_deref(),
            download_location: component
                .external
                .as_ref()
                .map_or(NOASSERTION, |external| external.url.as_str()),
            files_analyzed: false,
            checksums: component
                .hashes
                .iter()
                .map(|hash| Checksum {
                    algorithm: hash.algorithm.spdx_name(),
                    checksum_value: &hash.digest,
                })
                .collect(),
            license_concluded: NOASSERTION,
            license_declared: licenses.declared(component.license.as_ref()),
            copyright_text: NOASSERTION,
            external_refs: component
                .purl
                .iter()
                .map(|purl| ExternalRef {
                    reference_category: "PACKAGE-MANAGER",
                    reference_type: "purl",
                    reference_locator: purl,
                })
                .collect(),
            source_info: (!sources.is_empty()).then(|| format!("from {}", sources.join(", "))),
            comment: (!other.is_empty()).then(|| other.join("; ")),
            primary_package_purpose: purpose,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Checksum<'a> {
    algorithm: &'static str,
    checksum_value: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExternalRef<'a> {
    reference_category: &'static str,
    reference_type: &'static str,
    reference_locator: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Relationship {
    spdx_element_id: String,
    relationship_type: &'static str,
    related_spdx_element: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExtractedLicense<'a> {
    license_id: String,
    name: &'a str,
    extracted_text: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sbom::{DependencyNode, Property};

    fn component(reference: &str, name: &str, license: Option<LicenseInfo>) -> Component {
        Component {
            reference: reference.to_owned(),
            name: name.to_owned(),
            version: Some("1.0".to_owned()),
            purl: None,
            scope: Scope::Required,
            hashes: Vec::new(),
            license,
            external: None,
            properties: vec![Property::new("moat:source", "uv.lock:3")],
        }
    }

    fn named(name: &str) -> Option<LicenseInfo> {
        Some(LicenseInfo::Licenses(vec![License::Name(name.to_owned())]))
    }

    #[test]
    fn ids_and_licence_refs_are_unique() {
        let sbom = Sbom {
            root: component("root", "app", None),
            components: vec![
                component("a", "pkg", named("Acme License")),
                component("b", "pkg", named("Acme License")),
                component("c", "other", named("Acme+License")),
                component(
                    "d",
                    "both",
                    Some(LicenseInfo::Licenses(vec![
                        License::Id("MIT".to_owned()),
                        License::Name("Acme License".to_owned()),
                    ])),
                ),
            ],
            dependencies: vec![DependencyNode {
                reference: "root".to_owned(),
                depends_on: vec!["a".to_owned(), "missing".to_owned()],
            }],
            timestamp: "2024-01-01T00:00:00Z".to_owned(),
            tool_version: "0.0.0".to_owned(),
        };
        let mut out = Vec::new();
        write_spdx(&sbom, &mut out).unwrap();
        let document: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let ids: Vec<&str> = document["packages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["SPDXID"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "SPDXRef-Root",
                "SPDXRef-Package-pkg-1.0",
                "SPDXRef-Package-pkg-1.0-2",
                "SPDXRef-Package-other-1.0",
                "SPDXRef-Package-both-1.0"
            ]
        );
        let declared: Vec<&str> = document["packages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["licenseDeclared"].as_str().unwrap())
            .collect();
        assert_eq!(
            declared,
            [
                "NOASSERTION",
                "LicenseRef-Acme-License",
                "LicenseRef-Acme-License",
                "LicenseRef-Acme-License-2",
                "MIT AND LicenseRef-Acme-License"
            ]
        );
        assert_eq!(
            document["hasExtractedLicensingInfos"],
            serde_json::json!([
                {"licenseId": "LicenseRef-Acme-License", "name": "Acme License", "extractedText": "Acme License"},
                {"licenseId": "LicenseRef-Acme-License-2", "name": "Acme+License", "extractedText": "Acme+License"},
            ])
        );
        // A reference to a component that is not in the SBOM makes no relationship.
        assert_eq!(document["relationships"].as_array().unwrap().len(), 2);
        assert!(
            document["documentNamespace"]
                .as_str()
                .unwrap()
                .starts_with("https://spdx.org/spdxdocs/app-")
        );
    }
}
