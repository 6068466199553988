//! `moat sbom` end to end: CycloneDX 1.6 and SPDX 2.3 output checked against the official
//! schemas, snapshots of the fixture projects in `fixtures/sbom/`, reproducibility, exit
//! statuses and bad input.

mod common;

use common::{Project, Run};
use jsonschema::{Retrieve, Uri, Validator};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/schemas");

/// 2023-11-14T22:13:20Z.
const EPOCH: &str = "1700000000";

fn schema(file: &str) -> Value {
    let path = format!("{SCHEMAS}/{file}");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
    serde_json::from_str(&text).unwrap()
}

/// Serves the two schemas the CycloneDX schema refers to from the local copies; anything
/// else is refused, so validation never touches the network.
struct LocalSchemas;

impl Retrieve for LocalSchemas {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.path().as_str().rsplit('/').next().unwrap_or_default();
        match name {
            "spdx.schema.json" | "spdx.SNAPSHOT.schema.json" => {
                Ok(schema("cyclonedx-spdx-licenses.schema.json"))
            }
            "jsf-0.82.schema.json" | "jsf-0.82.SNAPSHOT.schema.json" => {
                Ok(schema("cyclonedx-jsf-0.82.schema.json"))
            }
            _ => Err(format!("no local copy of `{uri}`").into()),
        }
    }
}

static CYCLONEDX: LazyLock<Validator> = LazyLock::new(|| {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .with_retriever(LocalSchemas)
        .build(&schema("cyclonedx-bom-1.6.schema.json"))
        .expect("the CycloneDX schema compiles")
});

static SPDX: LazyLock<Validator> = LazyLock::new(|| {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema("spdx-2.3.schema.json"))
        .expect("the SPDX schema compiles")
});

fn violations(validator: &Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|error| format!("{}: {error}", error.instance_path))
        .collect()
}

/// Panics unless `document` is valid CycloneDX 1.6 whose references all resolve.
fn assert_cyclonedx(document: &Value) {
    let errors = violations(&CYCLONEDX, document);
    assert!(
        errors.is_empty(),
        "invalid CycloneDX:\n{}",
        errors.join("\n")
    );
    let mut refs: HashSet<&str> = HashSet::new();
    refs.insert(
        document["metadata"]["component"]["bom-ref"]
            .as_str()
            .unwrap(),
    );
    for component in document["components"].as_array().unwrap() {
        assert!(
            refs.insert(component["bom-ref"].as_str().unwrap()),
            "duplicate bom-ref {component}"
        );
    }
    for node in document["dependencies"].as_array().unwrap() {
        assert!(refs.contains(node["ref"].as_str().unwrap()), "{node}");
        for target in node["dependsOn"].as_array().unwrap() {
            assert!(refs.contains(target.as_str().unwrap()), "{node}");
        }
    }
}

/// Panics unless `document` is valid SPDX 2.3 with unique ids, resolvable relationships
/// and every `LicenseRef-` declared.
fn assert_spdx(document: &Value) {
    let errors = violations(&SPDX, document);
    assert!(errors.is_empty(), "invalid SPDX:\n{}", errors.join("\n"));
    let mut ids: HashSet<&str> = HashSet::from(["SPDXRef-DOCUMENT"]);
    for package in document["packages"].as_array().unwrap() {
        let id = package["SPDXID"].as_str().unwrap();
        assert!(id.starts_with("SPDXRef-"), "{id}");
        assert!(
            id["SPDXRef-".len()..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
            "{id}"
        );
        assert!(ids.insert(id), "duplicate SPDXID {id}");
    }
    for relationship in document["relationships"].as_array().unwrap() {
        for key in ["spdxElementId", "relatedSpdxElement"] {
            assert!(
                ids.contains(relationship[key].as_str().unwrap()),
                "{relationship}"
            );
        }
    }
    let declared: HashSet<&str> = document["hasExtractedLicensingInfos"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|info| info["licenseId"].as_str().unwrap())
        .collect();
    for package in document["packages"].as_array().unwrap() {
        let license = package["licenseDeclared"].as_str().unwrap();
        for word in license.split([' ', '(', ')']) {
            if word.starts_with("LicenseRef-") {
                assert!(declared.contains(word), "undeclared {word}");
            }
        }
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sbom")
}

/// Runs `moat ARGS` in `dir` with `env` set and `SOURCE_DATE_EPOCH` unset unless given.
fn moat_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_moat"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH");
    for (key, value) in env {
        command.env(key, value);
    }
    Run::from(command.output().expect("moat runs"))
}

/// `moat sbom ARGS` in the fixtures folder at [`EPOCH`].
fn sbom(args: &[&str]) -> Run {
    let mut all = vec!["sbom"];
    all.extend_from_slice(args);
    moat_in(&fixtures(), &all, &[("SOURCE_DATE_EPOCH", EPOCH)])
}

#[test]
fn uv_project_as_cyclonedx() {
    let run = sbom(&["uv-project"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    let document = run.json();
    assert_cyclonedx(&document);
    assert_eq!(document["metadata"]["timestamp"], "2023-11-14T22:13:20Z");
    insta::assert_snapshot!("uv_project_cyclonedx", run.stdout);
}

#[test]
fn uv_project_as_spdx() {
    let run = sbom(&["uv-project", "--format", "spdx-json"]);
    run.assert_code(0);
    let document = run.json();
    assert_spdx(&document);
    assert_eq!(document["creationInfo"]["created"], "2023-11-14T22:13:20Z");
    insta::assert_snapshot!("uv_project_spdx", run.stdout);
}

#[test]
fn uv_project_scopes_and_graph() {
    let document = sbom(&["uv-project"]).json();
    let scope = |name: &str| {
        document["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("no {name}"))["scope"]
            .clone()
    };
    // requests asks nothing of pysocks, but the project asks for `requests[socks]`.
    assert_eq!(scope("pysocks"), "required");
    assert_eq!(scope("requests"), "required");
    // Only the `fast` extra and the `dev` group (and what they pull in) are optional.
    assert_eq!(scope("orjson"), "optional");
    assert_eq!(scope("pytest"), "optional");
    assert_eq!(scope("iniconfig"), "optional");
    let requests = document["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|node| node["ref"] == "pkg:pypi/requests@2.31.0")
        .unwrap();
    assert_eq!(
        requests["dependsOn"],
        json!([
            "pkg:pypi/certifi@2024.2.2",
            "pkg:pypi/idna@3.6",
            "pkg:pypi/pysocks@1.7.1"
        ])
    );
}

#[test]
fn poetry_project_as_cyclonedx_and_spdx() {
    let run = sbom(&["poetry-project"]);
    run.assert_code(0);
    assert_cyclonedx(&run.json());
    insta::assert_snapshot!("poetry_project_cyclonedx", run.stdout);
    let run = sbom(&["poetry-project", "--format", "spdx-json"]);
    run.assert_code(0);
    assert_spdx(&run.json());
}

#[test]
fn installed_environment_with_licences() {
    let dir = fixtures().join("installed-env");
    let run = moat_in(
        &dir,
        &["sbom", "--env", "venv"],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    run.assert_code(0);
    let document = run.json();
    assert_cyclonedx(&document);
    assert_eq!(document["metadata"]["component"]["name"], "installed-env");
    insta::assert_snapshot!("installed_env_cyclonedx", run.stdout);

    let run = moat_in(
        &dir,
        &["sbom", "--env", "venv", "--format", "spdx-json"],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    run.assert_code(0);
    let document = run.json();
    assert_spdx(&document);
    let declared: Vec<(&str, &str)> = document["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["licenseDeclared"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        declared,
        [
            ("installed-env", "NOASSERTION"),
            ("attrs", "MIT OR Apache-2.0"),
            ("certifi", "MPL-2.0"),
            ("legacy_pkg", "LicenseRef-Other-Proprietary-License"),
            ("mytool", "NOASSERTION"),
            ("requests", "LicenseRef-Apache-2.0"),
            ("torch", "LicenseRef-BSD-3"),
            ("urllib3", "MIT"),
        ]
    );
}

#[test]
fn a_broken_lock_file_is_reported_and_the_rest_written() {
    let run = sbom(&["broken"]);
    run.assert_code(1);
    let document = run.json();
    assert_cyclonedx(&document);
    insta::assert_snapshot!("broken_stderr", run.stderr);
    insta::assert_snapshot!("broken_cyclonedx", run.stdout);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for format in ["cyclonedx-json", "spdx-json"] {
        let first = sbom(&["uv-project", "--format", format]);
        let second = sbom(&["uv-project", "--format", format]);
        assert_eq!(first.stdout, second.stdout, "{format}");
        let later = moat_in(
            &fixtures(),
            &["sbom", "uv-project", "--format", format],
            &[("SOURCE_DATE_EPOCH", "1700000001")],
        );
        assert_ne!(first.stdout, later.stdout, "{format}");
    }
    let first = sbom(&["uv-project"]).json();
    let later = moat_in(
        &fixtures(),
        &["sbom", "uv-project"],
        &[("SOURCE_DATE_EPOCH", "1700000001")],
    )
    .json();
    assert_ne!(first["serialNumber"], later["serialNumber"]);
    assert_eq!(later["metadata"]["timestamp"], "2023-11-14T22:13:21Z");
}

#[test]
fn without_source_date_epoch_the_time_is_now() {
    let run = moat_in(&fixtures(), &["sbom", "uv-project"], &[]);
    run.assert_code(0);
    let document = run.json();
    assert_cyclonedx(&document);
    let timestamp = document["metadata"]["timestamp"].as_str().unwrap();
    let year: u32 = timestamp[..4].parse().unwrap();
    assert!(year >= 2025, "{timestamp}");
    assert_ne!(timestamp, "2023-11-14T22:13:20Z");
}

#[test]
fn a_bad_source_date_epoch_is_a_usage_error() {
    let run = moat_in(
        &fixtures(),
        &["sbom", "uv-project"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    run.assert_code(2);
    assert!(run.stderr.contains("SOURCE_DATE_EPOCH"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn usage_errors_exit_2() {
    let project = Project::new();
    project.write("notes/readme.md", "nothing here");
    for (args, expected) in [
        (
            &["sbom", "missing"][..],
            "`missing`: no such file or directory",
        ),
        (&["sbom", "notes"][..], "no dependency files found"),
        (&["sbom", "--env", "notes"][..], "`--env notes`:"),
        (&["sbom", "--env", "absent"][..], "`absent`: no such file"),
        (&["sbom", "--format", "xml"][..], "invalid value 'xml'"),
    ] {
        let run = project.moat(args);
        run.assert_code(2);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

#[test]
fn output_goes_to_the_named_file() {
    let project = Project::with_files("# --- file: requirements.txt\nsix==1.16.0\n");
    let run = project.moat_with_env(
        &["sbom", "-o", "sbom.cdx.json"],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    run.assert_code(0);
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(project.path().join("sbom.cdx.json")).unwrap();
    let document: Value = serde_json::from_str(&written).unwrap();
    assert_cyclonedx(&document);
    assert_eq!(document["components"][0]["purl"], "pkg:pypi/six@1.16.0");
}

/// `(bom-ref, version, properties)` of every component.
fn summary(document: &Value) -> Vec<(String, Value, Vec<String>)> {
    document["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let properties = c["properties"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| {
                    format!(
                        "{}={}",
                        p["name"].as_str().unwrap(),
                        p["value"].as_str().unwrap()
                    )
                })
                .collect();
            (
                c["bom-ref"].as_str().unwrap().to_owned(),
                c["version"].clone(),
                properties,
            )
        })
        .collect()
}

#[test]
fn packages_in_several_files_are_merged_and_ranges_kept_without_version() {
    let project = Project::with_files(
        "# --- file: requirements.txt\n\
         Requests==2.31.0\n\
         flask>=2\n\
         -c constraints.txt\n\
         # --- file: requirements-dev.txt\n\
         requests==2.31.0\n\
         requests==2.32.0\n\
         # --- file: constraints.txt\n\
         urllib3==2.2.1\n",
    );
    let run = project.moat_with_env(&["sbom"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    run.assert_code(0);
    let document = run.json();
    assert_cyclonedx(&document);
    assert_eq!(
        summary(&document),
        [
            (
                "pkg:pypi/flask".to_owned(),
                Value::Null,
                vec![
                    "moat:source=requirements.txt:2".to_owned(),
                    "moat:unpinned=>=2".to_owned()
                ]
            ),
            (
                "pkg:pypi/requests@2.31.0".to_owned(),
                json!("2.31.0"),
                vec![
                    "moat:source=requirements-dev.txt:1".to_owned(),
                    "moat:source=requirements.txt:1".to_owned()
                ]
            ),
            (
                "pkg:pypi/requests@2.32.0".to_owned(),
                json!("2.32.0"),
                vec!["moat:source=requirements-dev.txt:2".to_owned()]
            ),
        ]
    );
    // Without a graph, the project depends on everything it declares.
    assert_eq!(
        document["dependencies"][0]["dependsOn"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn url_and_vcs_requirements_have_external_references() {
    let project = Project::with_files(
        "# --- file: requirements.txt\n\
         pkg @ git+https://github.com/acme/pkg@v1.0\n\
         wheel-dist @ https://example.com/dist/wheel_dist-1.0-py3-none-any.whl\n\
         -e ./local-tool\n",
    );
    let run = project.moat_with_env(&["sbom"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    run.assert_code(0);
    let document = run.json();
    assert_cyclonedx(&document);
    let components = document["components"].as_array().unwrap();
    let find = |name: &str| components.iter().find(|c| c["name"] == name).unwrap();
    assert_eq!(
        find("pkg")["externalReferences"],
        json!([{"type": "vcs", "url": "git+https://github.com/acme/pkg@v1.0"}])
    );
    assert_eq!(
        find("pkg")["purl"],
        "pkg:pypi/pkg?vcs_url=git%2Bhttps://github.com/acme/pkg%40v1.0"
    );
    assert_eq!(
        find("wheel-dist")["externalReferences"][0]["type"],
        "distribution"
    );
    let local = find("./local-tool");
    assert!(local.get("purl").is_none(), "{local}");
    assert!(local.get("externalReferences").is_none(), "{local}");

    let run = project.moat_with_env(
        &["sbom", "--format", "spdx-json"],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    let document = run.json();
    assert_spdx(&document);
    let locations: Vec<&str> = document["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["downloadLocation"].as_str().unwrap())
        .collect();
    assert_eq!(
        locations,
        [
            "NOASSERTION",
            "NOASSERTION",
            "git+https://github.com/acme/pkg@v1.0",
            "https://example.com/dist/wheel_dist-1.0-py3-none-any.whl"
        ]
    );
}

#[test]
fn an_environment_adds_licences_to_locked_packages() {
    let project = Project::with_files(
        "# --- file: requirements.txt\n\
         urllib3==2.2.1 --hash=sha256:450b20ec296a467077128bff42b73080516e71b56ff59a60a02bef2232c4fa9d\n\
         # --- file: venv/lib/python3.12/site-packages/urllib3-2.2.1.dist-info/METADATA\n\
         Metadata-Version: 2.4\nName: urllib3\nVersion: 2.2.1\nLicense-Expression: MIT\n",
    );
    let run = project.moat_with_env(
        &["sbom", ".", "--env", "venv"],
        &[("SOURCE_DATE_EPOCH", EPOCH)],
    );
    run.assert_code(0);
    let document = run.json();
    assert_cyclonedx(&document);
    let components = document["components"].as_array().unwrap();
    assert_eq!(components.len(), 1, "{components:?}");
    assert_eq!(
        components[0]["licenses"],
        json!([{"license": {"id": "MIT"}}])
    );
    assert_eq!(components[0]["hashes"][0]["alg"], "SHA-256");
}

#[test]
fn the_validators_reject_broken_documents() {
    let valid = sbom(&["uv-project"]).json();
    let breakages: [fn(&mut Value); 4] = [
        |d| {
            d.as_object_mut().unwrap().remove("bomFormat");
        },
        |d| d["components"][0]["hashes"][0]["alg"] = json!("sha256"),
        |d| d["components"][0]["scope"] = json!("dev"),
        |d| d["serialNumber"] = json!("urn:uuid:not-a-uuid"),
    ];
    for (index, breakage) in breakages.iter().enumerate() {
        let mut broken = valid.clone();
        breakage(&mut broken);
        assert!(
            !violations(&CYCLONEDX, &broken).is_empty(),
            "breakage {index}"
        );
    }
    let mut licence = valid.clone();
    licence["components"][0]["licenses"] = json!([{"license": {"id": "Not-A-Licence"}}]);
    assert!(!violations(&CYCLONEDX, &licence).is_empty());

    let valid = sbom(&["uv-project", "--format", "spdx-json"]).json();
    let mut broken = valid.clone();
    broken["packages"][0]
        .as_object_mut()
        .unwrap()
        .remove("downloadLocation");
    assert!(!violations(&SPDX, &broken).is_empty());
    let mut broken = valid;
    broken["packages"][1]["checksums"][0]["algorithm"] = json!("SHA-256");
    assert!(!violations(&SPDX, &broken).is_empty());
}
