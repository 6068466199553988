//! Credentials written into the code.

pub mod hardcoded_password;
pub mod leaked_secret;
