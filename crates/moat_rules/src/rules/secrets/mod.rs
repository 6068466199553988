//! Credentials written into the code.

pub mod hardcoded_password;
