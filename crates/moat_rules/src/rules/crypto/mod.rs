//! Weak cryptography, predictable randomness and unverified tokens.

pub mod ecb_mode;
pub mod hardcoded_crypto_key;
pub mod insecure_random;
pub mod jwt_verification_disabled;
mod password_hash_cost;
pub mod predictable_random_seed;
pub mod pycrypto_import;
pub mod rsa_pkcs1v15_encryption;
pub mod static_iv;
pub mod timing_unsafe_comparison;
mod values;
pub mod weak_cipher;
pub mod weak_hash;
pub mod weak_hash_any;
pub mod weak_key_size;
pub mod weak_password_hash;
