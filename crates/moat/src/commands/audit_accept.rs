//! Which findings of `moat audit` are not reported: `--ignore-vuln` ids, and the
//! vulnerabilities the configuration accepts (`[[tool.moat.audit.ignore]]`) until their
//! expiry date.

use moat_report::audit::{AuditFinding, ExpiredAcceptance, IgnoredFinding};
use moat_workspace::{AuditIgnore, Config};
use std::path::Path;

/// A vulnerability the configuration accepts.
#[derive(Debug, Clone)]
pub struct Acceptance {
    /// The id as written, upper-cased for matching.
    id: String,
    reason: String,
    expires: Option<String>,
    /// `file:line` of the entry.
    config: String,
}

/// What to leave out of the report, and today's date for expiry.
#[derive(Debug, Clone, Default)]
pub struct Ignores {
    /// `--ignore-vuln` ids, upper-cased.
    cli: Vec<String>,
    accepted: Vec<Acceptance>,
    /// `YYYY-MM-DD`.
    today: String,
}

/// The findings sorted into reported and accepted, and how many `--ignore-vuln` removed.
#[derive(Debug, Default)]
pub struct Sorted {
    /// Reported, those whose acceptance expired marked so.
    pub reported: Vec<AuditFinding>,
    /// Accepted by the configuration.
    pub ignored: Vec<IgnoredFinding>,
    /// Removed by `--ignore-vuln`.
    pub suppressed: usize,
}

impl Ignores {
    /// The ignores of `--ignore-vuln` and of `config`, whose file is shown relative to `cwd`.
    pub fn new(cli: &[String], config: &Config, cwd: &Path, today: String) -> Self {
        let file = config.path.as_deref().map_or_else(String::new, |path| {
            path.strip_prefix(cwd).unwrap_or(path).display().to_string()
        });
        let accepted = config
            .audit_ignores
            .iter()
            .map(|entry: &AuditIgnore| Acceptance {
                id: entry.id.to_uppercase(),
                reason: entry.reason.clone(),
                expires: entry.expires.clone(),
                config: format!("{file}:{}", entry.line),
            })
            .collect();
        Self {
            cli: cli.iter().map(|id| id.trim().to_uppercase()).collect(),
            accepted,
            today,
        }
    }

    /// Sorts `findings` (in report order, which both lists keep).
    pub fn sort(&self, findings: Vec<AuditFinding>) -> Sorted {
        let mut sorted = Sorted::default();
        for mut finding in findings {
            let ids: Vec<String> = std::iter::once(&finding.id)
                .chain(&finding.aliases)
                .map(|id| id.to_uppercase())
                .collect();
            if ids.iter().any(|id| self.cli.contains(id)) {
                sorted.suppressed += 1;
                continue;
            }
            let matching = || self.accepted.iter().filter(|a| ids.contains(&a.id));
            // An acceptance still in force wins over one that has expired.
            let current = matching().find(|a| {
                a.expires
                    .as_deref()
                    .is_none_or(|expires| self.today.as_str() <= expires)
            });
            if let Some(acceptance) = current {
                sorted.ignored.push(IgnoredFinding {
                    finding,
                    reason: acceptance.reason.clone(),
                    expires: acceptance.expires.clone(),
                    config: acceptance.config.clone(),
                });
                continue;
            }
            finding.expired_acceptance = matching()
                .filter_map(|a| {
                    a.expires.as_ref().map(|expires| ExpiredAcceptance {
                        expires: expires.clone(),
                        reason: a.reason.clone(),
                        config: a.config.clone(),
                    })
                })
                .max_by(|a, b| a.expires.cmp(&b.expires));
            sorted.reported.push(finding);
        }
        sorted
    }
}
