//! Known token formats: one anchor (a fixed prefix the format starts with, or `://` for
//! URLs) per matcher, found in one pass with Aho-Corasick, then each candidate checked for
//! its exact length, charset, checksum or decodable structure.

mod checksum;
mod prefixed;
mod structured;
mod url;

pub(crate) use prefixed::aws_secret_shape;

use crate::kind::SecretKind;
use aho_corasick::AhoCorasick;
use moat_diagnostics::{Confidence, Severity};
use std::ops::Range;
use std::sync::LazyLock;

/// A candidate that passed its format's checks, before redaction.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) kind: SecretKind,
    pub(crate) span: Range<usize>,
    /// How many leading characters of the span are the format's fixed, non-secret prefix.
    pub(crate) visible_prefix: usize,
    /// The part to hide when showing the text, when not the span minus the visible prefix
    /// and the last four characters.
    pub(crate) hidden: Option<Range<usize>>,
    pub(crate) verified: bool,
    pub(crate) confidence: Confidence,
    pub(crate) severity: Severity,
}

impl Found {
    pub(crate) fn new(kind: SecretKind, span: Range<usize>, visible_prefix: usize) -> Found {
        Found {
            kind,
            span,
            visible_prefix,
            hidden: None,
            verified: false,
            confidence: Confidence::High,
            severity: kind.severity(),
        }
    }

    pub(crate) fn verified(mut self) -> Found {
        self.verified = true;
        self
    }

    pub(crate) fn confidence(mut self, confidence: Confidence) -> Found {
        self.confidence = confidence;
        self
    }
}

type Matcher = fn(&str, usize) -> Option<Found>;

/// Each anchor and the matcher that checks what starts (or, for `://`, surrounds) it.
const ANCHORS: &[(&str, Matcher)] = &[
    ("AKIA", prefixed::aws_access_key_id),
    ("ASIA", prefixed::aws_access_key_id),
    ("ABIA", prefixed::aws_access_key_id),
    ("ACCA", prefixed::aws_access_key_id),
    ("ghp_", checksum::github_token),
    ("gho_", checksum::github_token),
    ("ghu_", checksum::github_token),
    ("ghs_", checksum::github_token),
    ("ghr_", checksum::github_token),
    ("npm_", checksum::npm_token),
    ("github_pat_", prefixed::github_fine_grained),
    ("glpat-", prefixed::gitlab_token),
    ("xoxb-", prefixed::slack_token),
    ("xoxp-", prefixed::slack_token),
    ("xoxa-", prefixed::slack_token),
    ("xoxr-", prefixed::slack_token),
    ("hooks.slack.com/services/", prefixed::slack_webhook),
    ("sk_live_", prefixed::stripe_key),
    ("rk_live_", prefixed::stripe_key),
    ("sk_test_", prefixed::stripe_key),
    ("rk_test_", prefixed::stripe_key),
    ("AIza", prefixed::google_api_key),
    ("AC", prefixed::twilio_sid),
    ("SK", prefixed::twilio_sid),
    ("SG.", prefixed::sendgrid_key),
    ("pypi-AgEIcHlwaS5vcmc", structured::pypi_token),
    ("pypi-AgENdGVzdC5weXBpLm9yZw", structured::pypi_token),
    ("-----BEGIN ", structured::private_key),
    ("eyJ", structured::jwt),
    ("://", url::url_password),
];

static FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(ANCHORS.iter().map(|(anchor, _)| *anchor))
        .expect("the anchors are plain strings")
});

/// Every known-format credential in `text`, sorted by start, without overlaps (a longer
/// match wins over one that starts inside it).
pub(crate) fn find_all(text: &str) -> Vec<Found> {
    let mut found: Vec<Found> = FINDER
        .find_overlapping_iter(text)
        .filter_map(|m| (ANCHORS[m.pattern().as_usize()].1)(text, m.start()))
        .collect();
    let key_ids: Vec<Range<usize>> = found
        .iter()
        .filter(|f| f.kind == SecretKind::AwsAccessKeyId)
        .map(|f| f.span.clone())
        .collect();
    for id in key_ids {
        found.extend(prefixed::aws_secrets_near(text, id));
    }
    found.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    for candidate in found {
        if kept
            .last()
            .is_none_or(|last| candidate.span.start >= last.span.end)
        {
            kept.push(candidate);
        }
    }
    kept
}

/// The end of the run of bytes from `start` that satisfy `allowed`.
pub(crate) fn run_end(text: &str, start: usize, allowed: impl Fn(u8) -> bool) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len() && allowed(bytes[end]) {
        end += 1;
    }
    end
}

/// Whether the byte before `at` cannot continue a token (so a match is not the tail of a
/// longer word).
pub(crate) fn starts_token(text: &str, at: usize) -> bool {
    at == 0 || {
        let before = text.as_bytes()[at - 1];
        !(before.is_ascii_alphanumeric() || before == b'_')
    }
}

/// ASCII letters and digits.
pub(crate) fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// The base64url alphabet.
pub(crate) fn base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}
