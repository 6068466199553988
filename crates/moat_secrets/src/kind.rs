//! What kind of credential a detection is, and the facts that follow from the kind.

use moat_diagnostics::Severity;

/// A kind of credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SecretKind {
    /// `AKIA…`/`ASIA…`: an AWS access key id.
    AwsAccessKeyId,
    /// 40 characters next to an AWS access key id or under an `aws_secret…` name.
    AwsSecretAccessKey,
    /// `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` with a valid CRC32 checksum.
    GitHubToken,
    /// `github_pat_…`: a fine-grained personal access token.
    GitHubFineGrainedToken,
    /// `glpat-…`: a GitLab personal access token.
    GitLabToken,
    /// `xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`.
    SlackToken,
    /// `https://hooks.slack.com/services/T…/B…/…`.
    SlackWebhook,
    /// `sk_live_…`, `rk_live_…`.
    StripeLiveKey,
    /// `sk_test_…`, `rk_test_…`: test mode, no real money, still account access.
    StripeTestKey,
    /// `AIza…`: a Google API key.
    GoogleApiKey,
    /// `AC…`/`SK…` and 32 hex digits: a Twilio account or API key SID.
    TwilioSid,
    /// `SG.….…`: a SendGrid API key.
    SendGridKey,
    /// `npm_…` with a valid CRC32 checksum.
    NpmToken,
    /// `pypi-AgEIcHlwaS5vcmc…`: a PyPI (or TestPyPI) upload token.
    PyPiToken,
    /// `-----BEGIN … PRIVATE KEY-----` with a key body.
    PrivateKey,
    /// A JSON Web Token: three base64url parts, a JSON header with `alg`.
    Jwt,
    /// The password in `scheme://user:password@host`.
    UrlPassword,
    /// A high-entropy value given to a secret-like name.
    HighEntropy,
}

impl SecretKind {
    /// A stable kebab-case id (`github-token`).
    pub fn id(self) -> &'static str {
        match self {
            Self::AwsAccessKeyId => "aws-access-key-id",
            Self::AwsSecretAccessKey => "aws-secret-access-key",
            Self::GitHubToken => "github-token",
            Self::GitHubFineGrainedToken => "github-fine-grained-token",
            Self::GitLabToken => "gitlab-token",
            Self::SlackToken => "slack-token",
            Self::SlackWebhook => "slack-webhook",
            Self::StripeLiveKey => "stripe-live-key",
            Self::StripeTestKey => "stripe-test-key",
            Self::GoogleApiKey => "google-api-key",
            Self::TwilioSid => "twilio-sid",
            Self::SendGridKey => "sendgrid-key",
            Self::NpmToken => "npm-token",
            Self::PyPiToken => "pypi-token",
            Self::PrivateKey => "private-key",
            Self::Jwt => "jwt",
            Self::UrlPassword => "url-password",
            Self::HighEntropy => "high-entropy",
        }
    }

    /// What it is, for messages (`GitHub token`).
    pub fn label(self) -> &'static str {
        match self {
            Self::AwsAccessKeyId => "AWS access key ID",
            Self::AwsSecretAccessKey => "AWS secret access key",
            Self::GitHubToken => "GitHub token",
            Self::GitHubFineGrainedToken => "GitHub fine-grained personal access token",
            Self::GitLabToken => "GitLab personal access token",
            Self::SlackToken => "Slack token",
            Self::SlackWebhook => "Slack incoming-webhook URL",
            Self::StripeLiveKey => "Stripe live secret key",
            Self::StripeTestKey => "Stripe test-mode secret key",
            Self::GoogleApiKey => "Google API key",
            Self::TwilioSid => "Twilio SID",
            Self::SendGridKey => "SendGrid API key",
            Self::NpmToken => "npm access token",
            Self::PyPiToken => "PyPI upload token",
            Self::PrivateKey => "private key",
            Self::Jwt => "JSON Web Token",
            Self::UrlPassword => "password in a URL",
            Self::HighEntropy => "high-entropy secret",
        }
    }

    /// CWE ids, CWE-798 (hard-coded credentials) first, then CWE-321 for cryptographic
    /// keys; [`crate::Detection::cwe`] adds CWE-259 for passwords.
    pub fn cwe(self) -> &'static [u32] {
        match self {
            Self::PrivateKey => &[798, 321],
            Self::UrlPassword => &[798, 259],
            _ => &[798],
        }
    }

    /// How much harm the credential does when leaked.
    pub fn severity(self) -> Severity {
        match self {
            Self::StripeTestKey => Severity::Low,
            Self::TwilioSid | Self::Jwt => Severity::Medium,
            Self::AwsAccessKeyId
            | Self::AwsSecretAccessKey
            | Self::PrivateKey
            | Self::StripeLiveKey => Severity::Critical,
            _ => Severity::High,
        }
    }
}
