//! `moat check`: configuration, discovery, analysis, baseline, report, exit status.

use crate::analysis::analyse;
use crate::args::{CheckArgs, CheckFormat, ColorChoice};
use crate::config_scan::scan_config_files;
use crate::exit::{ExitStatus, UsageError};
use crate::today::today;
use moat_diagnostics::{Confidence, Finding, Severity};
use moat_report::baseline::Baseline;
use moat_report::{Report, Summary, write_json, write_sarif, write_text};
use moat_rules::{CONFIG_FILE_RULE, all_meta, rule_index};
use moat_workspace::{Config, DiscoveryOptions, RuleSelection, discover};
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

/// Runs `moat check`.
pub fn run(args: &CheckArgs) -> Result<ExitStatus, UsageError> {
    let started = Instant::now();
    let cwd = std::env::current_dir()
        .map_err(|e| UsageError(format!("cannot read the working directory: {e}")))?;
    let all = all_meta();

    let config = if args.no_config {
        Config::with_root(&cwd)
    } else if let Some(path) = &args.config {
        Config::from_file(path, &all).map_err(|e| UsageError(e.to_string()))?
    } else {
        Config::discover(&args.paths, &cwd, &all).map_err(|e| UsageError(e.to_string()))?
    };

    let select = args.select.as_deref().or(config.select.as_deref());
    let extend_select: Vec<String> = config
        .extend_select
        .iter()
        .chain(&args.extend_select)
        .cloned()
        .collect();
    let ignore: Vec<String> = config.ignore.iter().chain(&args.ignore).cloned().collect();
    let selection = RuleSelection::new(
        &all,
        select,
        &extend_select,
        &ignore,
        &config.per_path_ignores,
        &config.root,
    )
    .map_err(|e| UsageError(e.to_string()))?
    .check_tests(args.check_tests || config.check_tests);
    let severity = match &args.severity {
        Some(level) => level.parse::<Severity>().map_err(UsageError)?,
        None => config.severity,
    };
    let confidence = match &args.confidence {
        Some(level) => level.parse::<Confidence>().map_err(UsageError)?,
        None => config.confidence,
    };

    let mut options = DiscoveryOptions::from_config(&config, &cwd);
    options.exclude.extend(args.exclude.iter().cloned());
    if !args.include.is_empty() {
        options.include.clone_from(&args.include);
    }
    // Config files are read only for the secrets scan, when it runs.
    if rule_index(CONFIG_FILE_RULE).is_some_and(|i| selection.enabled_set().contains(i)) {
        options.config_files = moat_secrets::CONFIG_FILE_GLOBS
            .iter()
            .map(|glob| (*glob).to_string())
            .collect();
    }
    let discovered = discover(&args.paths, &options).map_err(|e| UsageError(e.to_string()))?;

    let baseline_path = args.baseline.clone().or_else(|| config.baseline.clone());
    let baseline = match (&args.write_baseline, &baseline_path) {
        (None, Some(path)) => Some(read_baseline(path)?),
        _ => None,
    };

    let rules_for = |file: &moat_workspace::SourceFile| {
        let set = selection.rules_for(&file.path);
        (0..all.len())
            .map(|i| set.contains(i))
            .collect::<Vec<bool>>()
    };
    let taint = taint_setup(&config, &selection)?;
    let mut analysis = analyse(
        &discovered.files,
        &rules_for,
        args.threads.unwrap_or(0),
        taint.as_ref(),
    );
    analysis.merge(scan_config_files(&discovered.config_files, &rules_for));

    let findings: Vec<Finding> = analysis
        .findings
        .into_iter()
        .filter(|f| f.severity >= severity && f.confidence >= confidence)
        .collect();
    let mut problems = discovered.problems;
    problems.extend(analysis.problems);
    problems.sort();

    if let Some(path) = &args.write_baseline {
        let previous = if path.exists() {
            Some(read_baseline(path)?)
        } else {
            None
        };
        let updated = Baseline::updated(previous.as_ref(), &findings);
        fs_err::write(path, updated.to_toml_string()).map_err(|e| UsageError(e.to_string()))?;
        eprintln!(
            "Wrote {} finding{} to the baseline `{}`.",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" },
            path.display()
        );
        for problem in &problems {
            eprintln!(
                "error[{}]: {}: {}",
                problem.kind, problem.file, problem.message
            );
        }
        return Ok(if !problems.iter().any(counts_for_exit) {
            ExitStatus::Success
        } else {
            ExitStatus::Failure
        });
    }

    let (findings, baselined) = match &baseline {
        Some(baseline) => baseline.filter(findings, &today()),
        None => (findings, 0),
    };

    let files_with_problems = problems
        .iter()
        .map(|p| p.file.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let enabled = selection.enabled();
    let report = Report {
        findings: &findings,
        problems: &problems,
        rules: &enabled,
        summary: Summary {
            files_analysed: analysis.files_analysed,
            files_with_problems,
            suppressed: analysis.suppressed,
            baselined,
            test_files_limited: discovered
                .files
                .iter()
                .filter(|file| selection.limited_as_test_code(&file.path))
                .count(),
            duration: started.elapsed(),
        },
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    write_report(args, &report, &analysis.sources)?;

    Ok(
        if problems.iter().any(counts_for_exit) || (!findings.is_empty() && !args.exit_zero) {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        },
    )
}

/// Whether a problem fails the run: all do except notes that an analysis hit a bound.
fn counts_for_exit(problem: &moat_diagnostics::Problem) -> bool {
    problem.kind != moat_diagnostics::ProblemKind::AnalysisBound
}

/// The taint models (shipped ones plus the configuration's `taint.models`) and options,
/// when a taint rule is selected.
fn taint_setup(
    config: &Config,
    selection: &RuleSelection,
) -> Result<Option<crate::analysis::TaintSetup>, UsageError> {
    let enabled = selection.enabled_set();
    let any_taint = moat_rules::TAINT_KINDS
        .iter()
        .filter_map(|kind| rule_index(kind))
        .any(|i| enabled.contains(i));
    if !any_taint {
        return Ok(None);
    }
    let mut models = moat_models::builtin();
    for path in &config.taint.models {
        let text = fs_err::read_to_string(path)
            .map_err(|e| UsageError(format!("cannot read the taint model file: {e}")))?;
        models
            .add_file(&path.display().to_string(), &text)
            .map_err(|e| UsageError(format!("invalid taint model file {e}")))?;
    }
    Ok(Some(crate::analysis::TaintSetup {
        models,
        options: moat_taint::Options {
            untrusted: config.taint.untrusted.clone(),
            ..moat_taint::Options::default()
        },
    }))
}

fn read_baseline(path: &Path) -> Result<Baseline, UsageError> {
    let text = fs_err::read_to_string(path).map_err(|e| UsageError(e.to_string()))?;
    Baseline::parse(&text).map_err(|e| UsageError(format!("`{}`: {e}", path.display())))
}

fn write_report(
    args: &CheckArgs,
    report: &Report<'_>,
    sources: &std::collections::HashMap<String, String>,
) -> Result<(), UsageError> {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut buffer = Vec::new();
    let rendered = match args.format {
        CheckFormat::Text => write_text(report, sources, color, &mut buffer),
        CheckFormat::Json => write_json(report, &mut buffer),
        CheckFormat::Sarif => write_sarif(report, &mut buffer),
    };
    rendered.map_err(|e| UsageError(format!("cannot render the report: {e}")))?;
    super::deliver(args.output.as_deref(), &buffer)
}
