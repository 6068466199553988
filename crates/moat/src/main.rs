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
