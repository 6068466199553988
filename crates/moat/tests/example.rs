//! The shipped example reports exactly the findings its README's answer key lists, and
//! none of its safe look-alikes: the README's first command stays true.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// `(file, line, rule)` rows of the table under the heading that starts with `heading`.
fn table_rows(readme: &str, heading: &str) -> BTreeSet<(String, u32, String)> {
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("the example README has no `## {heading}` section"));
    let mut rows = BTreeSet::new();
    for line in section
        .lines()
        .filter(|l| l.starts_with("| app/") || l.starts_with("| tests/"))
    {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (file, lines) = cells[1].split_once(':').expect("file:line");
        for number in lines.split(',') {
            rows.insert((
                file.to_string(),
                number.trim().parse().expect("a line number"),
                cells[2].to_string(),
            ));
        }
    }
    rows
}

#[test]
fn the_example_reports_its_answer_key() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let example = root.join("examples/vulnerable-flask-app");
    let readme = std::fs::read_to_string(example.join("README.md")).unwrap();
    let intended = table_rows(&readme, "Intended findings");
    let safe = table_rows(&readme, "Deliberately safe look-alikes");
    let output = Command::new(env!("CARGO_BIN_EXE_moat"))
        .args(["check", "--format", "json", "."])
        .current_dir(&example)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let reported: BTreeSet<(String, u32, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("./")
                    .to_string(),
                f["line"].as_u64().unwrap() as u32,
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        reported, intended,
        "the example's findings differ from its README's answer key"
    );
    assert!(reported.is_disjoint(&safe));
    let heading = format!("## Intended findings ({})", intended.len());
    assert!(
        readme.contains(&heading),
        "the heading should say {heading}"
    );
    let top = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        top.contains(&format!("reports the {} mistakes planted", intended.len())),
        "README.md should say how many findings the example has"
    );
}
