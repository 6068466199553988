//! Weak cryptography and predictable randomness.

pub mod ecb_mode;
pub mod insecure_random;
pub mod weak_cipher;
pub mod weak_hash;
