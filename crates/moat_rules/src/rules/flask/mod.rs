//! Flask: application configuration, cookies and sessions.
