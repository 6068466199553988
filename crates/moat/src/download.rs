//! Downloads one file over HTTP(S) for `moat db update`, the only part of Moat that uses the
//! network: bounded waits, a size cap, a conditional request (`If-None-Match` /
//! `If-Modified-Since`) so an unchanged export is not fetched again, and a progress bar on
//! standard error when it is a terminal.
//!
//! Plain `http://` is accepted only for loopback hosts (a local mirror, the tests): an
//! advisory database fetched in clear text could have its advisories removed on the way.

use std::io::{IsTerminal, Read, Write};
use std::time::Duration;

/// The largest download accepted; OSV's whole PyPI export is far smaller.
pub const MAX_DOWNLOAD_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// How long the body of a download may take in total.
const BODY_DEADLINE: Duration = Duration::from_secs(30 * 60);

/// What the server said about a copy we already have, to ask only for a newer one.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    /// The `ETag` of the copy we have.
    pub etag: Option<String>,
    /// The `Last-Modified` date of the copy we have.
    pub last_modified: Option<String>,
}

/// One download to make.
pub struct Request<'a> {
    /// `https://…`, or `http://` on a loopback host.
    pub url: &'a str,
    /// How long to wait for name resolution, the connection, the response headers, and for
    /// each read of the body.
    pub timeout: Duration,
    /// Validators of the copy already held, if any.
    pub validators: Option<&'a Validators>,
}

/// How a download ended, when it did not fail.
#[derive(Debug)]
pub enum Outcome {
    /// The server says the copy we have is current (HTTP 304).
    NotModified,
    /// The body was written; these validators describe it.
    Downloaded { bytes: u64, validators: Validators },
}

/// Why a download failed; each message says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error("`{url}` is not an http(s) URL")]
    BadUrl { url: String },
    #[error(
        "refusing to download the advisory database over plain http from `{host}`: use an https URL (plain http is accepted only for loopback hosts)"
    )]
    InsecureUrl { host: String },
    #[error(
        "cannot reach `{host}` ({detail}); if this machine is offline, download the export elsewhere and load it with `moat db import FILE.zip`"
    )]
    Unreachable { host: String, detail: String },
    #[error("`{host}` did not answer within {seconds} s ({what}); try again, or raise `--timeout`")]
    Timeout {
        host: String,
        seconds: u64,
        what: String,
    },
    #[error("the server answered `{url}` with HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("the download is larger than {limit} bytes; is `{url}` the right file?")]
    TooLarge { url: String, limit: u64 },
    #[error("the download from `{host}` failed: {detail}")]
    Transfer { host: String, detail: String },
    #[error("cannot write the download to disk: {0}")]
    Write(std::io::Error),
}

/// The host part of `url` (`https://user@host:8080/x` → `host:8080`), for messages and the
/// loopback check.
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    (!host.is_empty()).then_some(host)
}

/// Whether `host` (with an optional port) names this machine.
fn is_loopback(host: &str) -> bool {
    let name = if let Some(bracketed) = host.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Checks the URL's scheme: https anywhere, http only to loopback hosts. Returns the host.
pub fn check_url(url: &str) -> Result<&str, DownloadError> {
    let bad = || DownloadError::BadUrl {
        url: url.to_owned(),
    };
    let (scheme, _) = url.split_once("://").ok_or_else(bad)?;
    let host = host_of(url).ok_or_else(bad)?;
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(host),
        "http" if is_loopback(host) => Ok(host),
        "http" => Err(DownloadError::InsecureUrl {
            host: host.to_owned(),
        }),
        _ => Err(bad()),
    }
}

/// Downloads `request.url` into `out`. Nothing is written to `out` unless the server sent
/// a body with status 200.
pub fn download(request: &Request<'_>, out: &mut impl Write) -> Result<Outcome, DownloadError> {
    let host = check_url(request.url)?.to_owned();
    let secure = request
        .url
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .https_only(secure)
        .user_agent(concat!("moat/", env!("CARGO_PKG_VERSION")))
        .timeout_resolve(Some(request.timeout))
        .timeout_connect(Some(request.timeout))
        .timeout_recv_response(Some(request.timeout))
        .timeout_per_read(Some(request.timeout))
        .timeout_recv_body(Some(BODY_DEADLINE))
        .build()
        .into();

    let mut call = agent.get(request.url);
    if let Some(validators) = request.validators {
        if let Some(etag) = &validators.etag {
            call = call.header("If-None-Match", etag);
        }
        if let Some(date) = &validators.last_modified {
            call = call.header("If-Modified-Since", date);
        }
    }
    let response = call
        .call()
        .map_err(|error| classify(error, Phase::Connect, &host, request))?;

    let status = response.status().as_u16();
    if status == 304 && request.validators.is_some() {
        return Ok(Outcome::NotModified);
    }
    if status != 200 {
        return Err(DownloadError::Status {
            url: request.url.to_owned(),
            status,
        });
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let length = header("content-length").and_then(|n| n.parse::<u64>().ok());
    if length.is_some_and(|n| n > MAX_DOWNLOAD_BYTES) {
        return Err(DownloadError::TooLarge {
            url: request.url.to_owned(),
            limit: MAX_DOWNLOAD_BYTES,
        });
    }

    let progress = Progress::new(length);
    let mut reader = response
        .into_body()
        .into_with_config()
        .limit(MAX_DOWNLOAD_BYTES)
        .reader();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut bytes = 0u64;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                progress.abandon();
                return Err(match (read_error(e, &host, request), length) {
                    (DownloadError::Transfer { host, detail }, Some(total)) => {
                        DownloadError::Transfer {
                            host,
                            detail: format!("{detail} after {bytes} of {total} bytes"),
                        }
                    }
                    (error, _) => error,
                });
            }
        };
        out.write_all(&buffer[..n]).map_err(DownloadError::Write)?;
        bytes += n as u64;
        progress.advance(n as u64);
    }
    out.flush().map_err(DownloadError::Write)?;
    progress.finish();
    Ok(Outcome::Downloaded { bytes, validators })
}

/// Where a download was when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Resolving, connecting, sending the request, waiting for the response headers.
    Connect,
    /// Reading the body.
    Body,
}

/// Turns a request error into a message about the network.
fn classify(error: ureq::Error, phase: Phase, host: &str, request: &Request<'_>) -> DownloadError {
    let host = host.to_owned();
    match error {
        ureq::Error::Timeout(what) => DownloadError::Timeout {
            host,
            seconds: request.timeout.as_secs(),
            what: what.to_string(),
        },
        ureq::Error::HostNotFound => DownloadError::Unreachable {
            host,
            detail: "the name does not resolve".to_owned(),
        },
        ureq::Error::ConnectionFailed => DownloadError::Unreachable {
            host,
            detail: "the connection failed".to_owned(),
        },
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => DownloadError::Timeout {
            host,
            seconds: request.timeout.as_secs(),
            what: e.to_string(),
        },
        // Before the response, an I/O error is the network: the name did not resolve (the
        // resolver's error has no kind of its own), or the connection failed.
        ureq::Error::Io(e) if phase == Phase::Connect || is_connection_error(&e) => {
            DownloadError::Unreachable {
                host,
                detail: e.to_string(),
            }
        }
        ureq::Error::BodyExceedsLimit(limit) => DownloadError::TooLarge {
            url: request.url.to_owned(),
            limit,
        },
        other => DownloadError::Transfer {
            host,
            detail: other.to_string(),
        },
    }
}

/// Turns an error while reading the body into a message: ureq wraps its own errors in
/// `io::Error`, so look inside first.
fn read_error(error: std::io::Error, host: &str, request: &Request<'_>) -> DownloadError {
    if error
        .get_ref()
        .is_some_and(|inner| inner.is::<ureq::Error>())
    {
        let inner = error
            .into_inner()
            .and_then(|inner| inner.downcast::<ureq::Error>().ok());
        if let Some(inner) = inner {
            return classify(*inner, Phase::Body, host, request);
        }
        return DownloadError::Transfer {
            host: host.to_owned(),
            detail: "the connection broke".to_owned(),
        };
    }
    if error.kind() == std::io::ErrorKind::TimedOut {
        return DownloadError::Timeout {
            host: host.to_owned(),
            seconds: request.timeout.as_secs(),
            what: "reading the body".to_owned(),
        };
    }
    DownloadError::Transfer {
        host: host.to_owned(),
        detail: error.to_string(),
    }
}

fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{
        AddrNotAvailable, ConnectionAborted, ConnectionRefused, ConnectionReset, HostUnreachable,
        NetworkDown, NetworkUnreachable, NotConnected,
    };
    matches!(
        error.kind(),
        ConnectionRefused
            | ConnectionReset
            | ConnectionAborted
            | NotConnected
            | AddrNotAvailable
            | HostUnreachable
            | NetworkUnreachable
            | NetworkDown
    )
}

/// A progress bar on standard error, drawn only when it is a terminal.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(length: Option<u64>) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self(None);
        }
        let bar = match length {
            Some(total) => indicatif::ProgressBar::new(total).with_style(
                indicatif::ProgressStyle::with_template(
                    "downloading {bar:30} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            ),
            None => indicatif::ProgressBar::new_spinner().with_style(
                indicatif::ProgressStyle::with_template(
                    "downloading {spinner} {bytes} ({bytes_per_sec})",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            ),
        };
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        Self(Some(bar))
    }

    fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(bytes);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }

    fn abandon(&self) {
        if let Some(bar) = &self.0 {
            bar.abandon();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_from_urls() {
        assert_eq!(
            host_of("https://example.org/PyPI/all.zip"),
            Some("example.org")
        );
        assert_eq!(
            host_of("http://user:pw@127.0.0.1:8080/x"),
            Some("127.0.0.1:8080")
        );
        assert_eq!(host_of("http://[::1]:80/x?y"), Some("[::1]:80"));
        assert_eq!(host_of("https:///x"), None);
    }

    #[test]
    fn plain_http_is_only_for_loopback() {
        assert!(check_url("http://127.0.0.1:9/all.zip").is_ok());
        assert!(check_url("http://localhost/all.zip").is_ok());
        assert!(check_url("http://[::1]:8000/all.zip").is_ok());
        assert!(check_url("HTTPS://mirror.example/all.zip").is_ok());
        assert!(matches!(
            check_url("http://mirror.example/all.zip"),
            Err(DownloadError::InsecureUrl { .. })
        ));
        assert!(matches!(
            check_url("http://127.0.0.1.example/all.zip"),
            Err(DownloadError::InsecureUrl { .. })
        ));
        assert!(matches!(
            check_url("ftp://mirror.example/all.zip"),
            Err(DownloadError::BadUrl { .. })
        ));
        assert!(matches!(
            check_url("all.zip"),
            Err(DownloadError::BadUrl { .. })
        ));
    }
}
