//! Rule metadata: the facts about a rule that every output (text, JSON, SARIF, docs) shows.

use std::fmt;
use std::str::FromStr;

/// How much harm a finding can do if it is a real weakness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// All severities, lowest first.
    pub const ALL: [Severity; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    /// The lowercase name used in configuration and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    /// The GitHub code-scanning `security-severity` score (0.0–10.0) for this level.
    pub fn security_severity(self) -> &'static str {
        match self {
            Self::Low => "3.0",
            Self::Medium => "5.5",
            Self::High => "8.0",
            Self::Critical => "9.5",
        }
    }
}

/// How sure the rule is that a finding is a real weakness and not a false alarm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    /// All confidence levels, lowest first.
    pub const ALL: [Confidence; 3] = [Self::Low, Self::Medium, Self::High];

    /// The lowercase name used in configuration and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    /// The SARIF `precision` property for this level.
    pub fn sarif_precision(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

macro_rules! impl_level_parsing {
    ($ty:ident, $what:literal) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .into_iter()
                    .find(|level| level.as_str().eq_ignore_ascii_case(s))
                    .ok_or_else(|| {
                        let allowed: Vec<&str> = Self::ALL.iter().map(|l| l.as_str()).collect();
                        format!(
                            "`{s}` is not a {}; expected one of: {}",
                            $what,
                            allowed.join(", ")
                        )
                    })
            }
        }
    };
}

impl_level_parsing!(Severity, "severity");
impl_level_parsing!(Confidence, "confidence level");

/// The OWASP Top 10 2025 categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owasp {
    A01BrokenAccessControl,
    A02SecurityMisconfiguration,
    A03SoftwareSupplyChainFailures,
    A04CryptographicFailures,
    A05Injection,
    A06InsecureDesign,
    A07AuthenticationFailures,
    A08SoftwareOrDataIntegrityFailures,
    A09SecurityLoggingAndAlertingFailures,
    A10MishandlingOfExceptionalConditions,
}

impl Owasp {
    /// The category's short id, e.g. `A05:2025`.
    pub fn id(self) -> &'static str {
        match self {
            Self::A01BrokenAccessControl => "A01:2025",
            Self::A02SecurityMisconfiguration => "A02:2025",
            Self::A03SoftwareSupplyChainFailures => "A03:2025",
            Self::A04CryptographicFailures => "A04:2025",
            Self::A05Injection => "A05:2025",
            Self::A06InsecureDesign => "A06:2025",
            Self::A07AuthenticationFailures => "A07:2025",
            Self::A08SoftwareOrDataIntegrityFailures => "A08:2025",
            Self::A09SecurityLoggingAndAlertingFailures => "A09:2025",
            Self::A10MishandlingOfExceptionalConditions => "A10:2025",
        }
    }

    /// The category's title as OWASP writes it.
    pub fn title(self) -> &'static str {
        match self {
            Self::A01BrokenAccessControl => "Broken Access Control",
            Self::A02SecurityMisconfiguration => "Security Misconfiguration",
            Self::A03SoftwareSupplyChainFailures => "Software Supply Chain Failures",
            Self::A04CryptographicFailures => "Cryptographic Failures",
            Self::A05Injection => "Injection",
            Self::A06InsecureDesign => "Insecure Design",
            Self::A07AuthenticationFailures => "Authentication Failures",
            Self::A08SoftwareOrDataIntegrityFailures => "Software or Data Integrity Failures",
            Self::A09SecurityLoggingAndAlertingFailures => "Security Logging and Alerting Failures",
            Self::A10MishandlingOfExceptionalConditions => "Mishandling of Exceptional Conditions",
        }
    }

    /// The label used in output, e.g. `A05:2025-Injection`.
    pub fn label(self) -> String {
        format!("{}-{}", self.id(), self.title())
    }
}

impl fmt::Display for Owasp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.id(), self.title())
    }
}

/// A rule family; each doubles as a selector (`--select crypto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Injection,
    Crypto,
    Tls,
    Network,
    Deserialization,
    Files,
    Flask,
    Django,
    Errors,
    Code,
    Xml,
    Secrets,
    Regex,
}

impl Category {
    /// Every category, in documentation order.
    pub const ALL: [Category; 13] = [
        Self::Injection,
        Self::Crypto,
        Self::Tls,
        Self::Network,
        Self::Deserialization,
        Self::Files,
        Self::Flask,
        Self::Django,
        Self::Errors,
        Self::Code,
        Self::Xml,
        Self::Secrets,
        Self::Regex,
    ];

    /// The lowercase name used as a selector and a folder name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Injection => "injection",
            Self::Crypto => "crypto",
            Self::Tls => "tls",
            Self::Network => "network",
            Self::Deserialization => "deserialization",
            Self::Files => "files",
            Self::Flask => "flask",
            Self::Django => "django",
            Self::Errors => "errors",
            Self::Code => "code",
            Self::Xml => "xml",
            Self::Secrets => "secrets",
            Self::Regex => "regex",
        }
    }

    /// Looks a category up by its selector name.
    pub fn from_name(name: &str) -> Option<Category> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything Moat knows about a rule apart from its code.
///
/// Defined as a `const` next to the rule's implementation; the registry, `moat rules`,
/// `moat explain`, SARIF `tool.driver.rules` and the generated docs all read it.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case slug naming the dangerous pattern; never reused.
    pub id: &'static str,
    /// One-line title, used as the SARIF short description.
    pub title: &'static str,
    /// The rule family.
    pub category: Category,
    /// CWE ids, most specific first.
    pub cwe: &'static [u32],
    /// OWASP Top 10 2025 category.
    pub owasp: Owasp,
    /// Default severity of its findings.
    pub severity: Severity,
    /// Default confidence of its findings.
    pub confidence: Confidence,
    /// Whether the rule runs when no `select` is given.
    pub default_enabled: bool,
    /// Whether the rule also runs on test code (test folders, `test_*.py`, `conftest.py`)
    /// when `check-tests` is off, as it is by default. Only rules whose findings matter in
    /// code that is never deployed do: leaked credentials, Trojan Source characters.
    pub checks_test_code: bool,
    /// Bandit test ids this rule covers (`B602`), accepted as aliases.
    pub bandit: &'static [&'static str],
    /// Ruff rule codes this rule covers (`S602`), accepted as aliases.
    pub ruff: &'static [&'static str],
    /// Markdown documentation with the headings *What it does*, *Why is this bad?*,
    /// *Example*, *Use instead* and *References*.
    pub docs: &'static str,
}

impl RuleMeta {
    /// Whether `code` names this rule: its id, or one of its Bandit or Ruff aliases.
    pub fn answers_to(&self, code: &str) -> bool {
        self.id == code
            || self.bandit.iter().any(|b| b.eq_ignore_ascii_case(code))
            || self.ruff.iter().any(|r| r.eq_ignore_ascii_case(code))
    }

    /// The first paragraph under *What it does*, used as the SARIF full description.
    pub fn summary(&self) -> &'static str {
        let body = self
            .docs
            .split_once("## What it does")
            .map_or(self.docs, |(_, rest)| rest);
        let body = body.trim_start();
        let end = body.find("\n\n").unwrap_or(body.len());
        body[..end].trim()
    }
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for RuleMeta {}
