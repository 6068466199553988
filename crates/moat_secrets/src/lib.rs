//! Secret detection over text, with no I/O and no syntax tree.
//!
//! - [`scan_text`] finds credentials in known token formats anywhere in a piece of text (a
//!   string literal's value, a whole config file): AWS access keys (and their secret keys
//!   nearby), GitHub, GitLab, Slack, Stripe, Google, Twilio, SendGrid, npm and PyPI tokens,
//!   private-key PEM blocks, JWTs and URLs with a password. A format with a checksum (GitHub
//!   `ghp_…`, npm) or a decodable structure (JWT, PyPI) is verified, and a match that fails
//!   the check is not reported.
//! - [`scan_named_value`] adds what needs the name the value is given: an AWS secret access
//!   key under an `aws_secret…` name, and a high-entropy value under a secret-like name
//!   (`password`, `token`, `api_key`, `client_secret`…), with per-charset Shannon-entropy
//!   thresholds.
//! - [`scan_config`] reads a config file line by line (`key = value`, `key: value`,
//!   `"key": "value"`) without parsing it, so a malformed file is still scanned.
//!
//! Placeholders (`changeme`, `<your-key>`, `xxx…`, `${VAR}`, `{{ var }}`, AWS's documented
//! example keys…), hex digests under hash-like names and UUIDs are not reported. Every
//! [`Detection`] carries a [`redacted`](Detection::redacted) form that never holds the whole
//! secret, and the part of the span to hide when showing the source.

mod config;
mod entropy;
mod formats;
mod kind;
mod names;
mod placeholder;
mod redact;
mod scan;

pub use config::{CONFIG_FILE_GLOBS, ConfigFinding, ConfigFormat, ConfigScan, scan_config};
pub use entropy::shannon_entropy;
pub use kind::SecretKind;
pub use names::{is_hash_name, is_secret_name, split_words};
pub use placeholder::is_placeholder;
pub use redact::mask;
pub use scan::{Detection, scan_named_value, scan_text};
