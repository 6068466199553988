//! The `moat` binary.

mod analysis;
mod args;
mod commands;
mod config_scan;
mod download;
mod exit;
mod reachability;
mod today;

use args::{Cli, Command};
use clap::Parser;
use exit::{ExitStatus, UsageError};
use std::process::ExitCode;

/// mimalloc: parsing allocates many small nodes, and glibc's allocator showed up as a
/// fifth of the run time in profiles.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    keep_freed_memory();
    silence_panics_in_analysis_threads();
    let cli = Cli::parse();
    let status = match run(&cli) {
        Ok(status) => status,
        Err(UsageError(message)) => {
            eprintln!("error: {message}");
            ExitStatus::Usage
        }
    };
    ExitCode::from(status.code())
}

/// mimalloc's `purge_delay` option, by its index in mimalloc 3's `mi_option_t` (the Rust
/// bindings name the options of mimalloc 2 only); a test checks its documented default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc to keep the memory it frees instead of returning it to the system a
/// second later. A run frees and allocates hundreds of MiB of syntax trees; returning them
/// made the kernel zero the same memory again and again (a tenth of the CPU time on the
/// bench corpus). Moat is a short-lived batch process, so its peak memory is what counts.
#[allow(unsafe_code)] // The one unsafe call in Moat (ARCHITECTURE.md, invariant 8).
fn keep_freed_memory() {
    // SAFETY: called first in `main`, before any other thread exists (the setting is not
    // thread safe); -1 is mimalloc's documented "never purge".
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

fn run(cli: &Cli) -> Result<ExitStatus, UsageError> {
    match &cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Audit(args) => commands::audit::run(args),
        Command::Db(args) => commands::db::run(args),
        Command::Sbom(args) => commands::sbom::run(args),
        Command::Regex(args) => commands::regex::run(args),
        Command::Rules(args) => {
            let mut out = Vec::new();
            commands::rules::run(args, &mut out).map_err(|e| UsageError(e.to_string()))?;
            commands::deliver(None, &out)?;
            Ok(ExitStatus::Success)
        }
        Command::Explain(args) => {
            let mut out = Vec::new();
            match commands::explain::run(args, &mut out) {
                Ok(Ok(())) => {
                    commands::deliver(None, &out)?;
                    Ok(ExitStatus::Success)
                }
                Ok(Err(commands::explain::UnknownRule(message))) => Err(UsageError(message)),
                Err(error) => Err(UsageError(error.to_string())),
            }
        }
    }
}

/// A panic while analysing a file is caught and reported as that file's internal error;
/// the default hook would also print it to stderr mid-report.
fn silence_panics_in_analysis_threads() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_analysis = std::thread::current()
            .name()
            .is_some_and(|name| name.starts_with("moat-analysis"));
        if !in_analysis {
            default_hook(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::MI_OPTION_PURGE_DELAY;

    #[test]
    #[allow(unsafe_code)]
    fn the_purge_delay_index_names_the_option_with_its_default() {
        // Only `purge_delay` defaults to 1000 (ms) among the options around index 15; a
        // mimalloc upgrade that renumbers them fails here instead of setting another one.
        // (Tests do not run `main`, so nothing has changed the option.)
        let value = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(value, 1000);
    }
}
