//! Taint models as data: which library values are untrusted input (sources), which
//! arguments must not receive it (sinks, by kind), which calls make it safe (sanitizers
//! and guards), how it moves through calls Moat cannot see into (summaries), and which
//! calls produce instances of which classes (types). The files live in `models/`, one per
//! library, embedded in the binary; users add theirs through configuration.
//!
//! This crate does no I/O: callers hand it file names and texts.

mod embedded;
mod kinds;
mod load;
mod models;
mod schema;

pub use embedded::{EMBEDDED, builtin};
pub use kinds::{KINDS, Kind, KindSet};
pub use load::ModelError;
pub use models::*;
