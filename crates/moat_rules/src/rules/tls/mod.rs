//! TLS: connections that do not authenticate the server.

pub mod ssl_insecure_version;
pub mod ssl_unverified_context;
pub mod tls_verify_disabled;
