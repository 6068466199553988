//! Weak cryptography and predictable randomness.

pub mod insecure_random;
pub mod pycrypto_import;
pub mod weak_hash;
