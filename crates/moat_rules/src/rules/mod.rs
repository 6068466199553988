//! Every rule, one file each, grouped by category.

pub mod code;
pub mod crypto;
pub mod deserialization;
pub mod django;
pub mod errors;
pub mod files;
pub mod flask;
pub mod http_clients;
pub mod injection;
pub mod network;
pub mod patterns;
pub mod regex;
pub mod secrets;
pub mod taint;
pub mod tls;
pub mod xml;
