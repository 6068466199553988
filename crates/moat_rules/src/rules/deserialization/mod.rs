//! Deserialization of data that can make the loader run code.

pub mod huggingface_trust_remote_code;
pub mod huggingface_unpinned_revision;
pub mod keras_unsafe_load;
pub mod pickle_load;
pub mod yaml_unsafe_load;
