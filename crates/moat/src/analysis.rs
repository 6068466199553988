//! The analysis pipeline of `moat check`: read and decode every file, parse it, build the
//! project module graph, then run the rules, all in parallel on threads with stacks big
//! enough for the parser's bounds. A file that cannot be read, decoded or parsed, or on
//! which Moat itself panics, becomes a [`Problem`]; the run goes on.

use moat_diagnostics::{Finding, Position, Problem, ProblemKind};
use moat_python::{
    ANALYSIS_STACK_SIZE, LineIndex, ParseFailure, decode_source, parse_module, reparse_module,
};
use moat_rules::{ModuleInput, check_module};
use moat_semantic::{ModuleExports, ProjectIndex, SemanticModel, module_name_for_path};
use moat_workspace::SourceFile;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Everything the analysis of a set of files produced.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Findings not silenced by a suppression comment, sorted by file, line, column, rule.
    pub findings: Vec<Finding>,
    /// Files that could not be analysed, sorted by file.
    pub problems: Vec<Problem>,
    /// How many findings suppression comments silenced.
    pub suppressed: usize,
    /// How many files were analysed.
    pub files_analysed: usize,
    /// Decoded text of the files with findings, by display path, for code frames; the
    /// secrets rules found are masked (`moat_secrets::mask`), so no frame shows them.
    pub sources: HashMap<String, String>,
}

impl Analysis {
    /// Records the outcome of checking one file whose text is `text`.
    pub(crate) fn add_checked(
        &mut self,
        display: &str,
        checked: moat_rules::CheckedModule,
        mut text: String,
    ) {
        self.files_analysed += 1;
        self.suppressed += checked.suppressed;
        if !checked.findings.is_empty() {
            moat_secrets::mask(&mut text, &checked.redactions);
            self.sources.insert(display.to_string(), text);
        }
        self.findings.extend(checked.findings);
    }

    /// Adds what another analysis (of other files) produced.
    pub fn merge(&mut self, other: Analysis) {
        self.findings.extend(other.findings);
        self.problems.extend(other.problems);
        self.suppressed += other.suppressed;
        self.files_analysed += other.files_analysed;
        self.sources.extend(other.sources);
        self.sort();
    }

    /// Sorts findings by file, line, column, rule and problems by file.
    pub(crate) fn sort(&mut self) {
        self.findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.problems.sort();
    }
}

/// A file that was read, decoded and parsed once, with its module name.
struct LoadedFile<'f> {
    file: &'f SourceFile,
    text: String,
    module_name: String,
    is_package: bool,
    /// Its syntax tree, kept from pass 1 for pass 2 while [`KEPT_SOURCE_BYTES`] allows
    /// (pass 2 parses the others again).
    parsed: std::sync::Mutex<Option<moat_python::ParsedModule>>,
}

/// How much source (in bytes) pass 1 keeps the syntax trees of for pass 2. A tree takes
/// about nine times its source, so this bounds them to about 600 MiB; past it, parsing
/// twice costs time instead of memory.
const KEPT_SOURCE_BYTES: usize = 64 << 20;

/// The taint analysis's models and options, when taint rules run.
pub struct TaintSetup {
    pub models: moat_models::Models,
    pub options: moat_taint::Options,
}

/// Analyses `files`, running for each the rules `rules_for` enables (indexed like
/// [`moat_rules::RULES`]), on `threads` threads (0: one per core); with `taint`, the
/// taint rules too.
pub fn analyse(
    files: &[SourceFile],
    rules_for: &(dyn Fn(&SourceFile) -> Vec<bool> + Sync),
    threads: usize,
    taint: Option<&TaintSetup>,
) -> Analysis {
    analysis_pool(threads).install(|| analyse_in_pool(files, rules_for, taint))
}

/// The thread pool Python files are parsed on: `threads` threads (0: one per core) with
/// stacks big enough for the parser's bounds, named so that panics stay quiet.
pub(crate) fn analysis_pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(ANALYSIS_STACK_SIZE)
        .thread_name(|i| format!("moat-analysis-{i}"))
        .build()
        .expect("the analysis thread pool starts")
}

fn analyse_in_pool(
    files: &[SourceFile],
    rules_for: &(dyn Fn(&SourceFile) -> Vec<bool> + Sync),
    taint: Option<&TaintSetup>,
) -> Analysis {
    let package_dirs: HashSet<&Path> = files
        .iter()
        .filter(|f| {
            f.path
                .file_name()
                .is_some_and(|n| n == "__init__.py" || n == "__init__.pyi")
        })
        .filter_map(|f| f.path.parent())
        .collect();
    let is_package_dir = |dir: &Path| package_dirs.contains(dir);

    let phases = PhaseTimer::new();
    let kept_bytes = std::sync::atomic::AtomicUsize::new(0);
    let keep_tree = |len: usize| {
        use std::sync::atomic::Ordering;
        kept_bytes
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |kept| {
                (kept + len <= KEPT_SOURCE_BYTES).then_some(kept + len)
            })
            .is_ok()
    };
    // Pass 1: load every file and record what its module exports.
    let loaded: Vec<Result<(LoadedFile<'_>, ModuleExports), Problem>> = files
        .par_iter()
        .map(|file| {
            guarded(file, || {
                let text = read_source(file)?;
                let (module_name, is_package) = module_name_for_path(&file.path, &is_package_dir);
                let parsed =
                    parse_module(&text).map_err(|failure| parse_problem(file, &text, failure))?;
                let exports = {
                    let model =
                        SemanticModel::module_level(parsed.suite(), &module_name, is_package);
                    ModuleExports::from_model(&model)
                };
                let parsed = keep_tree(text.len()).then_some(parsed);
                Ok((
                    LoadedFile {
                        file,
                        text,
                        module_name,
                        is_package,
                        parsed: std::sync::Mutex::new(parsed),
                    },
                    exports,
                ))
            })
        })
        .collect();

    let mut analysis = Analysis::default();
    let mut loaded_files = Vec::new();
    let mut exports_by_module: HashMap<String, Vec<ModuleExports>> = HashMap::new();
    for result in loaded {
        match result {
            Ok((file, exports)) => {
                exports_by_module
                    .entry(file.module_name.clone())
                    .or_default()
                    .push(exports);
                loaded_files.push(file);
            }
            Err(problem) => analysis.problems.push(problem),
        }
    }
    let project = project_index(exports_by_module);

    phases.mark("pass 1 (read, parse, exports)");
    // Pass 2: run the rules, and lower each module for the taint analysis.
    let taint_rules: Vec<usize> = moat_rules::TAINT_KINDS
        .iter()
        .filter_map(|kind| moat_rules::rule_index(kind))
        .collect();
    let checked: Vec<Result<Checked<'_, '_>, Problem>> = loaded_files
        .par_iter()
        .map(|loaded| {
            guarded(loaded.file, || {
                let kept = loaded
                    .parsed
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .take();
                let parsed = match kept {
                    Some(parsed) => parsed,
                    None => reparse_module(&loaded.text)
                        .map_err(|failure| parse_problem(loaded.file, &loaded.text, failure))?,
                };
                let enabled = rules_for(loaded.file);
                let wants_taint = taint_rules.iter().any(|&i| enabled[i]);
                let templates =
                    |folder: &str, name: &str| read_template(&loaded.file.path, folder, name);
                let input = ModuleInput {
                    path: &loaded.file.display,
                    templates: Some(&templates),
                    source: &loaded.text,
                    module_name: &loaded.module_name,
                    is_package: loaded.is_package,
                    project: Some(&project),
                    enabled: &enabled,
                    taint_models: taint.filter(|_| wants_taint).map(|t| &t.models),
                    handed_out: None,
                };
                let module = check_module(&input, &parsed);
                Ok(Checked {
                    module,
                    loaded,
                    enabled,
                })
            })
        })
        .collect();

    phases.mark("pass 2 (semantic model, rules, taint lowering)");
    let mut taint_inputs = Vec::new();
    let mut handed_out = Vec::new();
    // Secrets the rules found, by file, to mask in the code frames of later findings.
    let mut redactions: HashMap<String, Vec<std::ops::Range<usize>>> = HashMap::new();
    for result in checked {
        match result {
            Ok(Checked {
                mut module,
                loaded,
                enabled,
            }) => {
                handed_out.append(&mut module.handed_out);
                if !module.redactions.is_empty() {
                    redactions.insert(loaded.file.display.clone(), module.redactions.clone());
                }
                if let Some((ir, suppressions)) = module.taint.take() {
                    taint_inputs.push(TaintInput {
                        ir,
                        suppressions,
                        loaded,
                        enabled,
                        redactions: module.redactions.clone(),
                    });
                }
                let text = if module.findings.is_empty() {
                    String::new()
                } else {
                    loaded.text.clone()
                };
                analysis.add_checked(&loaded.file.display, module, text);
            }
            Err(problem) => analysis.problems.push(problem),
        }
    }
    let handed_out = moat_rules::HandedOutIndex::new(handed_out, |name| project.canonical(name));
    // Pass 2b and pass 3 are independent: pass 2b runs on the cores the taint analysis
    // leaves idle between its batches.
    let mut taint_part = Analysis::default();
    let mut taint_outcome = None;
    rayon::join(
        || {
            if !handed_out.is_empty() {
                let looked_at = CallerLook {
                    rules_for,
                    project: &project,
                    handed_out: &handed_out,
                    redactions: &redactions,
                };
                check_callers(&mut analysis, &loaded_files, &looked_at);
            }
        },
        || {
            if let Some(taint) = taint
                && !taint_inputs.is_empty()
            {
                // A panic in the taint phase loses its findings, not the run's.
                taint_outcome = Some(catch_unwind(AssertUnwindSafe(|| {
                    run_taint(&mut taint_part, taint, taint_inputs);
                })));
            }
        },
    );
    phases.mark("pass 2b and pass 3 (callers of weak values in other modules; taint)");
    if let Some(outcome) = taint_outcome {
        match outcome {
            Ok(()) => {
                analysis.findings.extend(taint_part.findings);
                analysis.problems.extend(taint_part.problems);
                analysis.suppressed += taint_part.suppressed;
                for (file, text) in taint_part.sources {
                    analysis.sources.entry(file).or_insert(text);
                }
            }
            Err(_) => analysis.problems.push(Problem::new(
                ".",
                ProblemKind::InternalError,
                "the taint analysis failed; its findings are missing from this report (please report it)".to_string(),
            )),
        }
    }
    moat_rules::drop_subsumed(&mut analysis.findings);
    analysis.sort();
    analysis
}

/// What [`check_callers`] needs from the first look.
#[derive(Clone, Copy)]
struct CallerLook<'a> {
    rules_for: &'a (dyn Fn(&SourceFile) -> Vec<bool> + Sync),
    project: &'a moat_semantic::ProjectIndex,
    handed_out: &'a moat_rules::HandedOutIndex,
    /// Secret ranges found in each file, by display path.
    redactions: &'a HashMap<String, Vec<std::ops::Range<usize>>>,
}

/// The second look at the modules that may call a function of another module that
/// handed out a weak value (see `moat_rules::HandedOutIndex`): only the rules' checks of
/// such calls run, and their findings join the module's.
fn check_callers(analysis: &mut Analysis, loaded_files: &[LoadedFile<'_>], look: &CallerLook<'_>) {
    let CallerLook {
        rules_for,
        project,
        handed_out,
        redactions,
    } = *look;
    let rules: Vec<usize> = handed_out
        .rules()
        .filter_map(|rule| moat_rules::rule_index(rule.id))
        .collect();
    let checked: Vec<Result<(&LoadedFile<'_>, moat_rules::CheckedModule), Problem>> = loaded_files
        .par_iter()
        .filter_map(|loaded| {
            let enabled = rules_for(loaded.file);
            (rules.iter().any(|&i| enabled[i]) && handed_out.mentioned_in(&loaded.text))
                .then_some((loaded, enabled))
        })
        .map(|(loaded, enabled)| {
            guarded(loaded.file, || {
                let parsed = reparse_module(&loaded.text)
                    .map_err(|failure| parse_problem(loaded.file, &loaded.text, failure))?;
                let input = ModuleInput {
                    path: &loaded.file.display,
                    templates: None,
                    source: &loaded.text,
                    module_name: &loaded.module_name,
                    is_package: loaded.is_package,
                    project: Some(project),
                    enabled: &enabled,
                    taint_models: None,
                    handed_out: Some(handed_out),
                };
                Ok((loaded, check_module(&input, &parsed)))
            })
        })
        .collect();
    for result in checked {
        let (loaded, module) = match result {
            Ok(checked) => checked,
            // A file that failed in pass 2 has its problem already; a new failure (a
            // panic in a caller check) is reported, and the file's other findings stay.
            Err(problem) => {
                if !analysis.problems.iter().any(|p| p.file == problem.file) {
                    analysis.problems.push(problem);
                }
                continue;
            }
        };
        analysis.suppressed += module.suppressed;
        if !module.findings.is_empty() {
            let mut text = loaded.text.clone();
            if let Some(secrets) = redactions.get(&loaded.file.display) {
                moat_secrets::mask(&mut text, secrets);
            }
            moat_secrets::mask(&mut text, &module.redactions);
            analysis
                .sources
                .entry(loaded.file.display.clone())
                .or_insert(text);
        }
        analysis.findings.extend(module.findings);
    }
}

/// Prints how long each phase took to stderr when `MOAT_PROFILE` is set (for `bench/`).
struct PhaseTimer {
    last: std::cell::Cell<Option<std::time::Instant>>,
}

impl PhaseTimer {
    fn new() -> Self {
        let on = std::env::var_os("MOAT_PROFILE").is_some();
        PhaseTimer {
            last: std::cell::Cell::new(on.then(std::time::Instant::now)),
        }
    }

    fn mark(&self, phase: &str) {
        if let Some(last) = self.last.get() {
            // Resident memory now, from /proc on Linux (0 elsewhere).
            let rss_mib = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map_or(0, |pages| pages * 4096 / (1024 * 1024));
            eprintln!(
                "moat: {phase}: {:.3} s, resident {rss_mib} MiB",
                last.elapsed().as_secs_f64()
            );
            self.last.set(Some(std::time::Instant::now()));
        }
    }
}

/// One module after pass 2.
struct Checked<'l, 'f> {
    module: moat_rules::CheckedModule,
    loaded: &'l LoadedFile<'f>,
    enabled: Vec<bool>,
}

/// A module lowered for the taint analysis, with what pass 3 needs besides its IR.
struct TaintInput<'l, 'f> {
    ir: moat_taint::ir::ModuleIr,
    suppressions: moat_python::Suppressions,
    loaded: &'l LoadedFile<'f>,
    enabled: Vec<bool>,
    /// Byte ranges of secrets in its source, to mask in code frames.
    redactions: Vec<std::ops::Range<usize>>,
}

/// Pass 3: the taint analysis over every lowered module.
fn run_taint(analysis: &mut Analysis, taint: &TaintSetup, inputs: Vec<TaintInput<'_, '_>>) {
    let mut irs = Vec::with_capacity(inputs.len());
    let mut rest = Vec::with_capacity(inputs.len());
    for input in inputs {
        irs.push(input.ir);
        rest.push((
            input.suppressions,
            input.loaded,
            input.enabled,
            input.redactions,
        ));
    }
    let result = moat_taint::analyse(&irs, &taint.models, &taint.options);
    if std::env::var_os("MOAT_PROFILE").is_some() {
        let functions: usize = irs.iter().map(|m| m.functions.len()).sum();
        eprintln!(
            "moat: taint: {} modules, {functions} functions, functions analysed per round: {:?}",
            irs.len(),
            result.analysed_per_round
        );
    }
    // Freeing hundreds of MiB of IR takes a few tenths of a second; another thread does
    // it while this one writes the findings (the process may exit before it is done).
    std::thread::spawn(move || drop(irs));
    let modules: Vec<moat_rules::TaintModule<'_>> = rest
        .iter()
        .map(
            |(suppressions, loaded, enabled, _)| moat_rules::TaintModule {
                path: &loaded.file.display,
                source: &loaded.text,
                suppressions,
                enabled,
            },
        )
        .collect();
    let found = moat_rules::taint_findings(&result, &modules);
    analysis.suppressed += found.suppressed;
    for finding in &found.findings {
        if !analysis.sources.contains_key(&finding.file)
            && let Some((_, loaded, _, redactions)) = rest
                .iter()
                .find(|(_, l, _, _)| l.file.display == finding.file)
        {
            let mut text = loaded.text.clone();
            moat_secrets::mask(&mut text, redactions);
            analysis.sources.insert(finding.file.clone(), text);
        }
    }
    analysis.findings.extend(found.findings);
    for problem in result.problems {
        let file = problem
            .module
            .and_then(|m| rest.get(m as usize))
            .map_or_else(|| ".".to_string(), |(_, l, _, _)| l.file.display.clone());
        analysis.problems.push(Problem::new(
            &file,
            ProblemKind::AnalysisBound,
            problem.message,
        ));
    }
}

/// The project index, leaving out module names that several files claim (two top-level
/// `setup.py`, say): following either would be a guess.
fn project_index(exports_by_module: HashMap<String, Vec<ModuleExports>>) -> ProjectIndex {
    let mut project = ProjectIndex::new();
    for (module, mut exports) in exports_by_module {
        if exports.len() == 1
            && let Some(only) = exports.pop()
        {
            project.insert(module, only);
        }
    }
    project
}

/// Runs `work` for `file`, turning a panic into an internal-error problem.
pub(crate) fn guarded<T>(
    file: &SourceFile,
    work: impl FnOnce() -> Result<T, Problem>,
) -> Result<T, Problem> {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(Problem::new(
            &file.display,
            ProblemKind::InternalError,
            format!("Moat failed on this file ({detail}); please report it with the file attached"),
        ))
    })
}

/// Reads one file's bytes; an error becomes an io-error problem.
pub(crate) fn read_bytes(file: &SourceFile) -> Result<Vec<u8>, Problem> {
    std::fs::read(&file.path).map_err(|error| {
        Problem::new(
            &file.display,
            ProblemKind::IoError,
            format!("cannot read file: {}", io_reason(&error)),
        )
    })
}

/// Reads and decodes one file.
pub(crate) fn read_source(file: &SourceFile) -> Result<String, Problem> {
    let bytes = read_bytes(file)?;
    match decode_source(&bytes) {
        Ok(text) => Ok(text.into_owned()),
        Err(error) => {
            let kind = match error {
                moat_python::DecodeError::Binary { .. } => ProblemKind::Binary,
                _ => ProblemKind::DecodeError,
            };
            let mut problem = Problem::new(&file.display, kind, error.to_string());
            if let moat_python::DecodeError::Invalid { line, column, .. } = error {
                problem = problem.at(Position { line, column });
            }
            Err(problem)
        }
    }
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::NotFound => "the file disappeared while Moat was running".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => error.to_string(),
    }
}

pub(crate) fn parse_problem(file: &SourceFile, text: &str, failure: ParseFailure) -> Problem {
    let index = LineIndex::new(text);
    Problem::new(&file.display, failure.kind, failure.message)
        .at(index.position(failure.offset, text))
}

/// The text of template `name` in `folder` rendered by the module at `module_path`: the first of
/// [`moat_taint::templates::template_candidates`] that is a readable file of at most
/// [`moat_taint::templates::MAX_TEMPLATE_BYTES`] (not valid UTF-8: with replacement
/// characters). A template that cannot be read is not analysed.
fn read_template(module_path: &Path, folder: &str, name: &str) -> Option<String> {
    use moat_taint::templates::{MAX_TEMPLATE_BYTES, template_candidates};
    template_candidates(module_path, folder, name)
        .into_iter()
        .find_map(|path| {
            let meta = std::fs::metadata(&path).ok()?;
            if !meta.is_file() || meta.len() > MAX_TEMPLATE_BYTES {
                return None;
            }
            let bytes = std::fs::read(&path).ok()?;
            Some(String::from_utf8_lossy(&bytes).into_owned())
        })
}
