//! `bind-all-interfaces`: servers listening on every network interface.

use crate::context::{Context, Report};
use crate::rule::{Check, Rule};
use crate::rules::patterns::as_method_call;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags servers bound to every interface, with the address `"0.0.0.0"`, `"::"` or `""`
(a constant, followed through names):
- `sock.bind((host, port))` in modules that import `socket` (high confidence when `sock`
  is known to be a `socket.socket(...)`, medium otherwise);
- `socket.create_server((host, port))`, the `socketserver`, `http.server` and
  `xmlrpc.server` server classes, `wsgiref.simple_server.make_server(host, ...)`,
  `asyncio.start_server(cb, host, ...)`;
- `uvicorn.run(app, host=...)`, `aiohttp.web.run_app(app, host=...)`,
  `waitress.serve(app, host=...)` and `app.run(host=...)` on a known `flask.Flask(...)`.

**Off by default, low severity**: in containers and behind firewalls, listening on all
interfaces is usual and correct. Enable it (`--extend-select bind-all-interfaces`) for
programs meant to run on hosts with several networks. Test code is not checked. Unlike
Bandit, Moat does not flag every `"0.0.0.0"` string, only addresses actually bound.

## Why is this bad?
A service bound to all interfaces answers on every network the host is connected to: the
public one, a VPN, a container bridge, not only the one it was meant for. A development
server, an admin endpoint or a debug port then becomes reachable by people it was never
meant for.

## Example
```python
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("0.0.0.0", 9000))
```

## Use instead
Bind to the interface the service is for, and make it configurable:
```python
import os
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind((os.environ.get("LISTEN_ADDRESS", "127.0.0.1"), 9000))
```

## References
- CWE-1327: Binding to an Unrestricted IP Address (Bandit files this check under
  CWE-605, which is about several sockets sharing a port)
- OWASP Top 10 2025: A02 Security Misconfiguration
"#;

/// Metadata of `bind-all-interfaces`.
pub static META: RuleMeta = RuleMeta {
    id: "bind-all-interfaces",
    title: "Server bound to all network interfaces",
    category: Category::Network,
    cwe: &[1327],
    owasp: Owasp::A02SecurityMisconfiguration,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B104"],
    ruff: &["S104"],
    docs: DOCS,
};

/// The rule: inspects server constructors and `bind` calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check_call), Check::Expr(check_method)],
    modules: &[
        "socket",
        "socketserver",
        "http",
        "xmlrpc",
        "wsgiref",
        "asyncio",
        "uvicorn",
        "aiohttp",
        "waitress",
        "flask",
    ],
};

/// Where a server API takes its address.
enum Address {
    /// A `(host, port)` tuple at this position (or keyword).
    Tuple(usize, &'static str),
    /// A host string at this position (or keyword).
    Host(usize, &'static str),
    /// A host given only as this keyword.
    Keyword(&'static str),
}

/// The `server_address` tuple `socketserver` and `http.server` servers take first.
const SERVER_ADDRESS: Address = Address::Tuple(0, "server_address");

/// Server APIs and where their address is.
const SERVERS: &[(&str, Address)] = &[
    ("socket.create_server", Address::Tuple(0, "address")),
    ("socketserver.TCPServer", SERVER_ADDRESS),
    ("socketserver.UDPServer", SERVER_ADDRESS),
    ("socketserver.ThreadingTCPServer", SERVER_ADDRESS),
    ("socketserver.ThreadingUDPServer", SERVER_ADDRESS),
    ("socketserver.ForkingTCPServer", SERVER_ADDRESS),
    ("socketserver.ForkingUDPServer", SERVER_ADDRESS),
    ("http.server.HTTPServer", SERVER_ADDRESS),
    ("http.server.ThreadingHTTPServer", SERVER_ADDRESS),
    (
        "xmlrpc.server.SimpleXMLRPCServer",
        Address::Tuple(0, "addr"),
    ),
    ("xmlrpc.server.DocXMLRPCServer", Address::Tuple(0, "addr")),
    (
        "wsgiref.simple_server.make_server",
        Address::Host(0, "host"),
    ),
    ("asyncio.start_server", Address::Host(1, "host")),
    ("uvicorn.run", Address::Keyword("host")),
    ("aiohttp.web.run_app", Address::Keyword("host")),
    ("waitress.serve", Address::Keyword("host")),
];

/// The wildcard address `host` folds to, if it is one.
fn wildcard(ctx: &Context<'_, '_>, host: &Expr) -> Option<&'static str> {
    let value = ctx.constant(host)?;
    match value.as_str()? {
        "0.0.0.0" => Some("0.0.0.0"),
        "::" => Some("::"),
        "" => Some("\"\""),
        _ => None,
    }
}

/// The host element of a `(host, port)` tuple.
fn tuple_host(address: &Expr) -> Option<&Expr> {
    match address {
        Expr::Tuple(tuple) => tuple.elts.first(),
        _ => None,
    }
}

fn report<'r>(
    ctx: &'r mut Context<'_, '_>,
    call: &ExprCall,
    what: &str,
    address: &str,
) -> &'r mut Report {
    ctx.report(
        call.range(),
        format!("`{what}` listens on `{address}`, every network interface of the host, so the service is reachable from any network it is connected to; bind to the interface it is meant for"),
    )
}

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some((_, address)) = SERVERS.iter().find(|(name, _)| *name == callee) else {
        return;
    };
    let host = match *address {
        Address::Tuple(position, name) => call
            .arguments
            .find_argument_value(name, position)
            .and_then(tuple_host),
        Address::Host(position, name) => call.arguments.find_argument_value(name, position),
        Address::Keyword(name) => call.arguments.find_keyword(name).map(|k| &k.value),
    };
    if let Some(wild) = host.and_then(|h| wildcard(ctx, h)) {
        report(ctx, call, callee, wild);
    }
}

/// `sock.bind(("0.0.0.0", port))` and Flask's `app.run(host="0.0.0.0")`.
fn check_method(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Some((call, receiver, method)) = as_method_call(expr) else {
        return;
    };
    match method {
        "bind" if ctx.imports_module("socket") => {
            let Some(wild) = call
                .arguments
                .find_positional(0)
                .and_then(tuple_host)
                .and_then(|h| wildcard(ctx, h))
            else {
                return;
            };
            let known = ctx.constructor_of(receiver).as_deref() == Some("socket.socket");
            let what = ctx.snippet(&*call.func);
            let confidence = if known {
                Confidence::High
            } else {
                Confidence::Medium
            };
            report(ctx, call, &what, wild).confidence(confidence);
        }
        "run" if ctx.constructor_of(receiver).as_deref() == Some("flask.Flask") => {
            if let Some(wild) = call
                .arguments
                .find_argument_value("host", 0)
                .and_then(|h| wildcard(ctx, h))
            {
                let what = ctx.snippet(&*call.func);
                report(ctx, call, &what, wild);
            }
        }
        _ => {}
    }
}
