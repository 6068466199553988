//! Every rule, one file each, grouped by category.

pub mod errors;
pub mod injection;
