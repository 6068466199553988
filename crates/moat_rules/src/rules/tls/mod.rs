//! TLS: connections that do not authenticate the server.

pub mod tls_verify_disabled;
