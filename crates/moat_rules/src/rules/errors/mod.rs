//! Error-handling mistakes.

pub mod assert_used;
pub mod try_except_pass;
