//! Django: settings, middleware and view decorators.

pub mod django_allowed_hosts_wildcard;
pub mod django_csrf_exempt;
pub mod django_debug_true;
pub mod django_hardcoded_secret_key;
pub mod django_insecure_cookie_settings;
pub mod django_mark_safe;
pub mod django_missing_security_middleware;
pub mod django_raw_sql;
pub mod django_weak_password_hasher;
pub mod django_xframe_exempt;
mod exemptions;
mod settings;
