//! CycloneDX 1.6 JSON.

use super::serial::content_uuid;
use super::{Component, ExternalKind, License, LicenseInfo, Sbom, Scope};
use serde::Serialize;
use std::io::{self, Write};

/// Writes `sbom` as a CycloneDX 1.6 JSON document. `serialNumber` is the v5 UUID of the
/// document written without it, so it changes exactly when the content (or timestamp) does.
///
/// # Errors
///
/// When writing to `out` fails.
pub fn write_cyclonedx(sbom: &Sbom, out: &mut dyn Write) -> io::Result<()> {
    let mut bom = Bom::new(sbom);
    let unnumbered = serde_json::to_vec(&bom)?;
    let serial = format!("urn:uuid:{}", content_uuid(&unnumbered));
    bom.serial_number = Some(serial);
    serde_json::to_writer_pretty(&mut *out, &bom)?;
    writeln!(out)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Bom<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    bom_format: &'static str,
    spec_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial_number: Option<String>,
    version: u32,
    metadata: Metadata<'a>,
    components: Vec<CdxComponent<'a>>,
    dependencies: Vec<Dependency<'a>>,
}

impl<'a> Bom<'a> {
    fn new(sbom: &'a Sbom) -> Self {
        Self {
            schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
            bom_format: "CycloneDX",
            spec_version: "1.6",
            serial_number: None,
            version: 1,
            metadata: Metadata {
                timestamp: &sbom.timestamp,
                tools: Tools {
                    components: vec![Tool {
                        kind: "application",
                        name: "moat",
                        version: &sbom.tool_version,
                    }],
                },
                component: CdxComponent::new(&sbom.root, "application", None),
            },
            components: sbom
                .components
                .iter()
                .map(|component| CdxComponent::new(component, "library", Some(component.scope)))
                .collect(),
            dependencies: sbom
                .dependencies
                .iter()
                .map(|node| Dependency {
                    reference: &node.reference,
                    depends_on: node.depends_on.iter().map(String::as_str).collect(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct Metadata<'a> {
    timestamp: &'a str,
    tools: Tools<'a>,
    component: CdxComponent<'a>,
}

#[derive(Serialize)]
struct Tools<'a> {
    components: Vec<Tool<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CdxComponent<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "bom-ref")]
    reference: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hashes: Vec<CdxHash<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<LicenseChoice<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    purl: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_references: Vec<CdxExternal<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    properties: Vec<CdxProperty<'a>>,
}

impl<'a> CdxComponent<'a> {
    fn new(component: &'a Component, kind: &'static str, scope: Option<Scope>) -> Self {
        Self {
            kind,
            reference: &component.reference,
            name: &component.name,
            version: component.version.as_deref(),
            scope: scope.map(|scope| match scope {
                Scope::Required => "required",
                Scope::Optional => "optional",
            }),
            hashes: component
                .hashes
                .iter()
                .map(|hash| CdxHash {
                    alg: hash.algorithm.cyclonedx_name(),
                    content: &hash.digest,
                })
                .collect(),
            licenses: match &component.license {
                None => Vec::new(),
                Some(LicenseInfo::Expression(expression)) => {
                    vec![LicenseChoice::Expression { expression }]
                }
                Some(LicenseInfo::Licenses(licenses)) => licenses
                    .iter()
                    .map(|license| LicenseChoice::License {
                        license: match license {
                            License::Id(id) => CdxLicense::Id { id },
                            License::Name(name) => CdxLicense::Name { name },
                        },
                    })
                    .collect(),
            },
            purl: component.purl.as_deref(),
            external_references: component
                .external
                .iter()
                .map(|external| CdxExternal {
                    kind: match external.kind {
                        ExternalKind::Vcs => "vcs",
                        ExternalKind::Distribution => "distribution",
                    },
                    url: &external.url,
                })
                .collect(),
            properties: component
                .properties
                .iter()
                .map(|property| CdxProperty {
                    name: &property.name,
                    value: &property.value,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct CdxHash<'a> {
    alg: &'static str,
    content: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum LicenseChoice<'a> {
    License { license: CdxLicense<'a> },
    Expression { expression: &'a str },
}

#[derive(Serialize)]
#[serde(untagged)]
enum CdxLicense<'a> {
    Id { id: &'a str },
    Name { name: &'a str },
}

#[derive(Serialize)]
struct CdxExternal<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct CdxProperty<'a> {
    name: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dependency<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    depends_on: Vec<&'a str>,
}
