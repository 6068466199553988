//! Weak cryptography and predictable randomness.

pub mod insecure_random;
pub mod weak_hash;
