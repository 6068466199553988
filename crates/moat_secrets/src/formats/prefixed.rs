//! Tokens recognised by a fixed prefix, an exact length and a charset: AWS access key ids
//! (and the secret keys next to them), GitHub fine-grained tokens, GitLab, Slack, Stripe,
//! Google, Twilio and SendGrid.

use super::{Found, alnum, base64url, run_end, starts_token};
use crate::kind::SecretKind;
use crate::placeholder::{is_filler, is_placeholder_body};
use moat_diagnostics::{Confidence, Severity};
use std::ops::Range;

/// Whether nothing that could continue a token follows `end`.
fn ends_token(text: &str, end: usize) -> bool {
    text.as_bytes()
        .get(end)
        .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
}

/// `AKIA`, `ASIA`, `ABIA` or `ACCA` and 16 base32 characters (`A-Z`, `2-7`); not AWS's
/// documented examples, which end in `EXAMPLE`.
pub(crate) fn aws_access_key_id(text: &str, at: usize) -> Option<Found> {
    let body = at + 4;
    let end = run_end(text, body, |b| {
        b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)
    });
    if !starts_token(text, at) || end - body != 16 || !ends_token(text, end) {
        return None;
    }
    let random = &text[body..end];
    if random.ends_with("EXAMPLE") || is_placeholder_body(random) {
        return None;
    }
    Some(Found::new(SecretKind::AwsAccessKeyId, at..end, 4))
}

/// 40 characters of `A-Za-z0-9/+` with both cases and a digit or symbol, bounded by
/// characters outside that set.
pub(crate) fn aws_secret_shape(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 40
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
        && bytes.iter().any(u8::is_ascii_uppercase)
        && bytes.iter().any(u8::is_ascii_lowercase)
        && bytes
            .iter()
            .any(|&b| b.is_ascii_digit() || b == b'/' || b == b'+')
        && !value.contains("EXAMPLEKEY")
        && !is_filler(value)
}

/// AWS secret access keys on the lines around the access key id at `id` (four lines either
/// way), where a config file or a script keeps the pair together.
pub(crate) fn aws_secrets_near(text: &str, id: Range<usize>) -> Vec<Found> {
    let start = nth_line_start_before(text, id.start, 4);
    let end = nth_line_end_after(text, id.end, 4);
    let window = &text[start..end];
    let secret_char = |b: u8| b.is_ascii_alphanumeric() || b == b'/' || b == b'+';
    let bytes = window.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !secret_char(bytes[i]) {
            i += 1;
            continue;
        }
        let run = run_end(window, i, secret_char);
        let bounded = bytes.get(run) != Some(&b'=');
        if bounded && aws_secret_shape(&window[i..run]) {
            found.push(Found::new(
                SecretKind::AwsSecretAccessKey,
                start + i..start + run,
                0,
            ));
        }
        i = run;
    }
    found
}

fn nth_line_start_before(text: &str, offset: usize, lines: usize) -> usize {
    let mut start = offset;
    for _ in 0..=lines {
        match text[..start].rfind('\n') {
            Some(newline) => start = newline,
            None => return 0,
        }
    }
    start + 1
}

fn nth_line_end_after(text: &str, offset: usize, lines: usize) -> usize {
    let mut end = offset;
    for _ in 0..=lines {
        match text[end..].find('\n') {
            Some(newline) => end += newline + 1,
            None => return text.len(),
        }
    }
    end
}

/// `github_pat_`, 22 characters, `_`, 59 characters.
pub(crate) fn github_fine_grained(text: &str, at: usize) -> Option<Found> {
    let first = at + "github_pat_".len();
    let first_end = run_end(text, first, alnum);
    if !starts_token(text, at)
        || first_end - first != 22
        || text.as_bytes().get(first_end) != Some(&b'_')
    {
        return None;
    }
    let second = first_end + 1;
    let end = run_end(text, second, alnum);
    (end - second == 59 && ends_token(text, end) && !is_placeholder_body(&text[first..end]))
        .then(|| Found::new(SecretKind::GitHubFineGrainedToken, at..end, 11))
}

/// `glpat-` and at least 20 characters of `A-Za-z0-9_-.`.
pub(crate) fn gitlab_token(text: &str, at: usize) -> Option<Found> {
    let body = at + 6;
    let end = run_end(text, body, |b| base64url(b) || b == b'.');
    let end = text[..end].trim_end_matches('.').len().max(body);
    (starts_token(text, at) && end - body >= 20 && !is_placeholder_body(&text[body..end]))
        .then(|| Found::new(SecretKind::GitLabToken, at..end, 6))
}

/// `xoxb-`, `xoxp-`, `xoxa-` or `xoxr-` and dash-separated groups: at least two of digits
/// and a final one of 16 or more letters and digits.
pub(crate) fn slack_token(text: &str, at: usize) -> Option<Found> {
    let body = at + 5;
    let end = run_end(text, body, |b| alnum(b) || b == b'-');
    let end = text[..end].trim_end_matches('-').len().max(body);
    let groups: Vec<&str> = text[body..end].split('-').collect();
    let numeric = groups
        .iter()
        .filter(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        .count();
    let last = groups.last().copied().unwrap_or_default();
    let ok = starts_token(text, at)
        && numeric >= 2
        && last.len() >= 16
        && last.bytes().any(|b| b.is_ascii_alphabetic())
        && !is_placeholder_body(last);
    ok.then(|| Found::new(SecretKind::SlackToken, at..end, 5))
}

/// `hooks.slack.com/services/T…/B…/…` (with the `https://` before it when present).
pub(crate) fn slack_webhook(text: &str, at: usize) -> Option<Found> {
    let mut cursor = at + "hooks.slack.com/services/".len();
    let id_part = |cursor: usize, first: u8| -> Option<usize> {
        let bytes = text.as_bytes();
        if bytes.get(cursor) != Some(&first) {
            return None;
        }
        let end = run_end(text, cursor, |b| {
            b.is_ascii_uppercase() || b.is_ascii_digit()
        });
        (end - cursor >= 9 && bytes.get(end) == Some(&b'/')).then_some(end + 1)
    };
    cursor = id_part(cursor, b'T')?;
    cursor = id_part(cursor, b'B')?;
    let end = run_end(text, cursor, alnum);
    if end - cursor < 24 || is_placeholder_body(&text[cursor..end]) {
        return None;
    }
    let start = text[..at]
        .strip_suffix("https://")
        .map_or(at, |before| before.len());
    let mut found = Found::new(SecretKind::SlackWebhook, start..end, cursor - start);
    found.hidden = Some(cursor..end - 4);
    Some(found)
}

/// `sk_live_`/`rk_live_` (or `_test_`) and at least 24 letters and digits.
pub(crate) fn stripe_key(text: &str, at: usize) -> Option<Found> {
    let body = at + 8;
    let end = run_end(text, body, alnum);
    if !starts_token(text, at) || end - body < 24 || is_placeholder_body(&text[body..end]) {
        return None;
    }
    let kind = if text[at..].starts_with("sk_test_") || text[at..].starts_with("rk_test_") {
        SecretKind::StripeTestKey
    } else {
        SecretKind::StripeLiveKey
    };
    Some(Found::new(kind, at..end, 8))
}

/// `AIza` and exactly 35 characters of `A-Za-z0-9_-`.
pub(crate) fn google_api_key(text: &str, at: usize) -> Option<Found> {
    let body = at + 4;
    let end = run_end(text, body, base64url);
    (starts_token(text, at) && end - body == 35 && !is_placeholder_body(&text[body..end]))
        .then(|| Found::new(SecretKind::GoogleApiKey, at..end, 4))
}

/// `AC` or `SK` and exactly 32 lowercase hex digits, with letters and digits both.
pub(crate) fn twilio_sid(text: &str, at: usize) -> Option<Found> {
    let body = at + 2;
    let end = run_end(text, body, |b| {
        b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
    });
    if !starts_token(text, at) || end - body != 32 || !ends_token(text, end) {
        return None;
    }
    let hex = &text[body..end];
    let mixed =
        hex.bytes().any(|b| b.is_ascii_digit()) && hex.bytes().any(|b| b.is_ascii_alphabetic());
    (mixed && !is_filler(hex)).then(|| {
        let mut found =
            Found::new(SecretKind::TwilioSid, at..end, 2).confidence(Confidence::Medium);
        found.severity = Severity::Medium;
        found
    })
}

/// `SG.`, 22 characters, `.`, 43 characters (base64url).
pub(crate) fn sendgrid_key(text: &str, at: usize) -> Option<Found> {
    let first = at + 3;
    let first_end = run_end(text, first, base64url);
    if !starts_token(text, at)
        || first_end - first != 22
        || text.as_bytes().get(first_end) != Some(&b'.')
    {
        return None;
    }
    let second = first_end + 1;
    let end = run_end(text, second, base64url);
    (end - second == 43 && !is_placeholder_body(&text[first..end]))
        .then(|| Found::new(SecretKind::SendGridKey, at..end, 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_key_ids() {
        assert!(aws_access_key_id("AKIAQ3ZLM7W2RT5YH4BK", 0).is_some());
        assert!(aws_access_key_id("AKIAIOSFODNN7EXAMPLE", 0).is_none());
        assert!(aws_access_key_id("AKIAQ3ZLM7W2RT5YH4B", 0).is_none());
        assert!(aws_access_key_id("AKIAQ3ZLM7W2RT5YH4BKX", 0).is_none());
        assert!(aws_access_key_id("AKIAQ3ZLM7W2RT5YH41K", 0).is_none());
        assert!(aws_secret_shape("Zq3/Lm7W2rT5yH4bK9xV+8nP1sD6fG0hJ2kL4mN6"));
        assert!(!aws_secret_shape(
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        ));
        assert!(!aws_secret_shape(
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        ));
    }

    #[test]
    fn secrets_next_to_key_ids() {
        let text = "[default]\naws_access_key_id = AKIAQ3ZLM7W2RT5YH4BK\naws_secret_access_key = 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\n";
        let id = text.find("AKIA").unwrap();
        let near = aws_secrets_near(text, id..id + 20);
        assert_eq!(near.len(), 1);
        assert_eq!(
            &text[near[0].span.clone()],
            "Zq3/Lm7W2rT5yH4bK9xV+8nP1sD6fG0hJ2kL4mN6"
        );
    }

    #[test]
    fn slack_and_stripe() {
        assert!(
            slack_token(
                "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
                0
            )
            .is_some()
        );
        assert!(slack_token("xoxb-your-token-here", 0).is_none());
        assert!(stripe_key("sk_live_51HxY2eZvKYlo2C", 0).is_none());
        let test = stripe_key("sk_test_4eC39HqLyjWDarjtT1zdp7dc", 0).unwrap();
        assert_eq!(test.kind, SecretKind::StripeTestKey);
        let hook = "url = 'https://hooks.slack.com/services/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'";
        let at = hook.find("hooks").unwrap();
        let found = slack_webhook(hook, at).unwrap();
        assert!(hook[found.span].starts_with("https://"));
    }
}
