//! `docs/rules/` is generated from the registry; this test fails when it is stale.
//! Regenerate with `MOAT_UPDATE_DOCS=1 cargo test -p moat_rules --test generated_docs`.

use moat_diagnostics::RuleMeta;
use moat_rules::RULES;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn docs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules")
}

fn rule_page(meta: &RuleMeta) -> String {
    let cwe: Vec<String> = meta
        .cwe
        .iter()
        .map(|c| format!("[CWE-{c}](https://cwe.mitre.org/data/definitions/{c}.html)"))
        .collect();
    let aliases: Vec<&str> = meta.bandit.iter().chain(meta.ruff).copied().collect();
    let mut page = format!("# `{}`: {}\n\n", meta.id, meta.title);
    page.push_str("| | |\n| --- | --- |\n");
    page.push_str(&format!("| Category | `{}` |\n", meta.category));
    page.push_str(&format!("| Severity | {} |\n", meta.severity));
    page.push_str(&format!("| Confidence | {} |\n", meta.confidence));
    page.push_str(&format!("| CWE | {} |\n", cwe.join(", ")));
    page.push_str(&format!("| OWASP Top 10 2025 | {} |\n", meta.owasp.label()));
    page.push_str(&format!(
        "| Enabled by default | {} |\n",
        if meta.default_enabled { "yes" } else { "no" }
    ));
    page.push_str(&format!(
        "| Checks test code | {} |\n",
        if meta.checks_test_code {
            "yes"
        } else {
            "only with `--check-tests`"
        }
    ));
    if !aliases.is_empty() {
        page.push_str(&format!(
            "| Bandit / Ruff aliases | {} |\n",
            aliases.join(", ")
        ));
    }
    page.push('\n');
    page.push_str(meta.docs.trim_end());
    page.push('\n');
    page
}

fn index_page() -> String {
    let mut page = String::from(
        "# Rules\n\nGenerated from the rule registry; `moat rules` prints the same list and `moat explain RULE` a rule's page.\n\n| rule | category | severity | CWE | OWASP | aliases |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for rule in RULES {
        let meta = rule.meta;
        let cwe: Vec<String> = meta.cwe.iter().map(|c| format!("CWE-{c}")).collect();
        let aliases: Vec<&str> = meta.bandit.iter().chain(meta.ruff).copied().collect();
        page.push_str(&format!(
            "| [`{id}`]({id}.md) | {} | {} | {} | {} | {} |\n",
            meta.category,
            meta.severity,
            cwe.join(", "),
            meta.owasp.id(),
            aliases.join(" "),
            id = meta.id
        ));
    }
    page
}

#[test]
fn generated_rule_docs_are_current() {
    let mut expected: BTreeMap<String, String> = RULES
        .iter()
        .map(|rule| (format!("{}.md", rule.meta.id), rule_page(rule.meta)))
        .collect();
    expected.insert("README.md".to_string(), index_page());
    let dir = docs_dir();
    if std::env::var_os("MOAT_UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut actual = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            actual.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    let stale: Vec<&String> = expected
        .keys()
        .chain(actual.keys())
        .filter(|name| expected.get(*name) != actual.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "docs/rules is stale ({stale:?}); run `MOAT_UPDATE_DOCS=1 cargo test -p moat_rules --test generated_docs`"
    );
}
