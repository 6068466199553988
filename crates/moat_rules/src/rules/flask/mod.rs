//! Flask: application configuration, cookies and sessions.

mod app;
pub mod cors_wildcard_credentials;
pub mod csrf_disabled;
pub mod flask_debug;
pub mod flask_hardcoded_secret_key;
pub mod insecure_cookie;
