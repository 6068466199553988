//! One module per subcommand.

pub mod audit;
mod audit_accept;
pub mod check;
pub mod db;
mod dependency_files;
pub mod explain;
pub mod regex;
pub mod rules;
pub mod sbom;
mod sbom_components;
mod sbom_license;

use crate::exit::UsageError;
use std::io::Write;
use std::path::Path;

/// Writes a rendered report to `output`, or to standard output when there is none. A closed
/// pipe on standard output (`moat check | head`) is the reader's choice, not an error.
pub fn deliver(output: Option<&Path>, report: &[u8]) -> Result<(), UsageError> {
    let written = match output {
        Some(path) => fs_err::write(path, report),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(report).and_then(|()| stdout.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            }
        }
    };
    written.map_err(|e| UsageError(format!("cannot write the report: {e}")))
}
