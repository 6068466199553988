//! Error-handling mistakes.

pub mod try_except_pass;
