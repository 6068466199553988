//! Every rule, one file each, grouped by category.

pub mod code;
pub mod crypto;
pub mod deserialization;
pub mod errors;
pub mod injection;
pub mod secrets;
pub mod tls;
