//! Deserialization of data that can make the loader run code.

pub mod pickle_load;
pub mod yaml_unsafe_load;
