//! `cleartext-protocol`: Telnet and FTP sessions, which send credentials and data in the
//! clear.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Flags connections made with cleartext protocols: `telnetlib.Telnet(...)` and
`ftplib.FTP(...)`. `ftplib.FTP_TLS`, which encrypts the control and (after `prot_p()`) the
data connection, is not flagged, nor is test code.

Bandit also flags the mere import of `telnetlib` (B401) and `ftplib` (B402); Moat answers
to those codes with this rule but reports where the connection is made, since importing
`ftplib` for `FTP_TLS` or its exceptions is fine.

## Why is this bad?
Telnet and FTP send everything, the user name and password included, unencrypted. Anyone
who can see the traffic (a shared network, a compromised router, a cloud neighbour on the
same segment) reads the credentials and the files and can change them in transit.
`telnetlib` was deprecated in Python 3.11 and removed in 3.13.

## Example
```python
import ftplib

def upload_report(path):
    with ftplib.FTP("files.example.com", "reports", PASSWORD) as ftp:
        ftp.storbinary("STOR report.csv", open(path, "rb"))
```

## Use instead
Use SFTP (for example with `paramiko`) or FTP over TLS, and SSH instead of Telnet:
```python
import ftplib

def upload_report(path):
    with ftplib.FTP_TLS("files.example.com", "reports", PASSWORD) as ftp:
        ftp.prot_p()
        ftp.storbinary("STOR report.csv", open(path, "rb"))
```

## References
- CWE-319: Cleartext Transmission of Sensitive Information
- OWASP Top 10 2025: A04 Cryptographic Failures
- Python docs: `ftplib.FTP_TLS`; PEP 594 (removal of `telnetlib`)
"#;

/// Metadata of `cleartext-protocol`.
pub static META: RuleMeta = RuleMeta {
    id: "cleartext-protocol",
    title: "Telnet or FTP connection in cleartext",
    category: Category::Network,
    cwe: &[319],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B312", "B321", "B401", "B402"],
    ruff: &["S312", "S321", "S401", "S402"],
    docs: DOCS,
};

/// The rule: inspects calls of the cleartext clients.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["telnetlib", "ftplib"],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let (protocol, instead) = match callee {
        "telnetlib.Telnet" => ("a Telnet", "SSH (for example `paramiko`)"),
        "ftplib.FTP" => ("an FTP", "SFTP or `ftplib.FTP_TLS` with `prot_p()`"),
        _ => return,
    };
    let host = call
        .arguments
        .find_argument_value("host", 0)
        .map_or_else(String::new, |h| format!(" to `{}`", ctx.snippet(h)));
    ctx.report(
        call.range(),
        format!("`{callee}` opens {protocol} connection{host}, which sends the password and all data unencrypted; use {instead}"),
    );
}
