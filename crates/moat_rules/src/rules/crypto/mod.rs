//! Weak cryptography and predictable randomness.

pub mod ecb_mode;
pub mod hardcoded_crypto_key;
pub mod insecure_random;
pub mod static_iv;
mod values;
pub mod weak_cipher;
pub mod weak_hash;
pub mod weak_key_size;
