//! `moat regex PATTERN`: the ReDoS verdict on one regular expression, with the attack string
//! that confirms it, the simulator's step counts and a rewrite. Its JSON type lives here
//! (see ARCHITECTURE.md, invariant 7).

use crate::args::{RegexArgs, RegexFormat, RegexMode};
use crate::exit::{ExitStatus, UsageError};
use moat_regex::escape::{escape, python_expression};
use moat_regex::{Analysis, Flags, MatchMode, Options, PatternText, Verdict, analyze};
use serde::Serialize;
use std::fmt::Write as _;

/// Pumps in the Python expression of an attack: enough to take seconds in CPython.
fn suggested_pumps(verdict: Verdict) -> usize {
    if verdict == Verdict::Exponential {
        30
    } else {
        5_000
    }
}

/// Runs `moat regex`.
pub fn run(args: &RegexArgs) -> Result<ExitStatus, UsageError> {
    let flags = Flags::from_letters(&args.flags).map_err(UsageError)?;
    let text = if args.bytes {
        let bytes: Option<Vec<u8>> = args
            .pattern
            .chars()
            .map(|c| u8::try_from(c as u32).ok())
            .collect();
        PatternText::Bytes(bytes.ok_or_else(|| {
            UsageError("a bytes pattern holds only characters up to U+00FF".to_string())
        })?)
    } else {
        PatternText::Str(args.pattern.clone())
    };
    let mode = match args.mode {
        RegexMode::Search => MatchMode::Search,
        RegexMode::Match => MatchMode::Match,
        RegexMode::Fullmatch => MatchMode::Fullmatch,
    };
    let options = Options {
        flags,
        mode,
        ..Options::default()
    };
    // The simulator recurses once per step of the text: give it the analysis threads' stack.
    let analysis = std::thread::Builder::new()
        .name("moat-regex".to_string())
        .stack_size(moat_python::ANALYSIS_STACK_SIZE)
        .spawn(move || analyze(&text, &options))
        .and_then(|thread| {
            thread
                .join()
                .map_err(|_| std::io::Error::other("the analysis panicked"))
        })
        .map_err(|e| UsageError(format!("cannot analyse the pattern: {e}")))?;
    let report = match args.format {
        RegexFormat::Text => render_text(args, &analysis),
        RegexFormat::Json => {
            let json = RegexJson::new(args, flags, mode, &analysis);
            let mut out = serde_json::to_string_pretty(&json)
                .map_err(|e| UsageError(format!("cannot render the report: {e}")))?;
            out.push('\n');
            out
        }
    };
    super::deliver(None, report.as_bytes())?;
    Ok(match analysis.verdict {
        Verdict::Safe => ExitStatus::Success,
        Verdict::SyntaxError => ExitStatus::Usage,
        Verdict::Polynomial | Verdict::Exponential | Verdict::Unknown => ExitStatus::Failure,
    })
}

/// The pattern as shown on one line (control characters escaped), and for each of its
/// characters the column where it starts in that line.
fn display_pattern(pattern: &str) -> (String, Vec<usize>) {
    let mut shown = String::new();
    let mut columns = Vec::new();
    for c in pattern.chars() {
        columns.push(shown.chars().count());
        if c.is_control() {
            shown.push_str(&escape(&[c as u32], false));
        } else {
            shown.push(c);
        }
    }
    columns.push(shown.chars().count());
    (shown, columns)
}

fn render_text(args: &RegexArgs, analysis: &Analysis) -> String {
    let mut out = String::new();
    let (shown, columns) = display_pattern(&args.pattern);
    let underline = |span: &std::ops::Range<usize>| -> String {
        let start = columns.get(span.start).copied().unwrap_or(shown.len());
        let end = columns
            .get(span.end)
            .copied()
            .unwrap_or(start + 1)
            .max(start + 1);
        format!("{}{}", " ".repeat(start), "^".repeat(end - start))
    };
    let verdict = match (analysis.verdict, analysis.degree) {
        (Verdict::Polynomial, Some(d)) => {
            format!("polynomial (degree {d}: matching time grows with n^{d})")
        }
        (Verdict::Exponential, _) => {
            "exponential (matching time multiplies with each repetition)".to_string()
        }
        (v, _) => v.as_str().to_string(),
    };
    let _ = writeln!(out, "pattern   {shown}");
    if let Some(error) = &analysis.error {
        let _ = writeln!(out, "verdict   syntax error: {error}");
        if let Some(span) = &analysis.span {
            let _ = writeln!(out, "          {}", underline(span));
        }
        return out;
    }
    let _ = writeln!(out, "verdict   {verdict}");
    if let Some(span) = &analysis.span {
        let _ = writeln!(out, "          {shown}");
        let _ = writeln!(
            out,
            "          {} the part that backtracks",
            underline(span)
        );
    }
    let _ = writeln!(out, "why       {}", analysis.reason);
    if let Some(attack) = &analysis.attack {
        let bytes = args.bytes;
        let _ = writeln!(
            out,
            "attack    {}",
            python_expression(&attack.prefix, &attack.pump, &attack.suffix, 1, bytes)
                .replace(" * 1", " * n")
        );
        let _ = writeln!(
            out,
            "          prefix '{}', pump '{}', suffix '{}'",
            escape(&attack.prefix, bytes),
            escape(&attack.pump, bytes),
            escape(&attack.suffix, bytes)
        );
        let steps: Vec<String> = analysis
            .measurements
            .iter()
            .map(|m| format!("n={}: {}", m.n, m.steps))
            .collect();
        let _ = writeln!(
            out,
            "steps     {} (backtracking steps, simulated re.{})",
            steps.join(", "),
            match args.mode {
                RegexMode::Search => "search",
                RegexMode::Match => "match",
                RegexMode::Fullmatch => "fullmatch",
            }
        );
    }
    if let Some(rewrite) = &analysis.rewrite {
        let _ = writeln!(out, "rewrite   {}", rewrite.pattern);
        let _ = writeln!(out, "          {}", rewrite.note);
    }
    if analysis.approximate && analysis.verdict != Verdict::Safe {
        let _ = writeln!(
            out,
            "note      look-arounds, backreferences, conditionals or \\b were approximated; the verdict rests on the simulation of the real pattern"
        );
    }
    out
}

/// `moat regex --format json`, documented in docs/output-formats.md.
#[derive(Serialize)]
struct RegexJson<'a> {
    version: &'static str,
    pattern: &'a str,
    flags: String,
    bytes: bool,
    mode: &'static str,
    verdict: &'static str,
    degree: Option<u32>,
    reason: &'a str,
    span: Option<SpanJson>,
    attack: Option<AttackJson>,
    steps: Vec<StepJson>,
    rewrite: Option<RewriteJson<'a>>,
    error: Option<ErrorJson<'a>>,
    approximate: bool,
    search_retry: bool,
}

#[derive(Serialize)]
struct SpanJson {
    start: usize,
    end: usize,
    text: String,
}

#[derive(Serialize)]
struct AttackJson {
    prefix: String,
    pump: String,
    suffix: String,
    prefix_escaped: String,
    pump_escaped: String,
    suffix_escaped: String,
    python: String,
    pumps: usize,
}

#[derive(Serialize)]
struct StepJson {
    n: u32,
    steps: u64,
}

#[derive(Serialize)]
struct RewriteJson<'a> {
    pattern: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    message: &'a str,
    position: Option<usize>,
}

impl<'a> RegexJson<'a> {
    fn new(args: &'a RegexArgs, flags: Flags, mode: MatchMode, analysis: &'a Analysis) -> Self {
        let text =
            |units: &[u32]| -> String { units.iter().filter_map(|&u| char::from_u32(u)).collect() };
        let bytes = args.bytes;
        RegexJson {
            version: env!("CARGO_PKG_VERSION"),
            pattern: &args.pattern,
            flags: flags.letters(),
            bytes,
            mode: mode.as_str(),
            verdict: analysis.verdict.as_str(),
            degree: analysis.degree,
            reason: &analysis.reason,
            span: analysis.span.as_ref().map(|s| SpanJson {
                start: s.start,
                end: s.end,
                text: args
                    .pattern
                    .chars()
                    .skip(s.start)
                    .take(s.end.saturating_sub(s.start))
                    .collect(),
            }),
            attack: analysis.attack.as_ref().map(|a| {
                let pumps = suggested_pumps(analysis.verdict);
                AttackJson {
                    prefix: text(&a.prefix),
                    pump: text(&a.pump),
                    suffix: text(&a.suffix),
                    prefix_escaped: escape(&a.prefix, bytes),
                    pump_escaped: escape(&a.pump, bytes),
                    suffix_escaped: escape(&a.suffix, bytes),
                    python: python_expression(&a.prefix, &a.pump, &a.suffix, pumps, bytes),
                    pumps,
                }
            }),
            steps: analysis
                .measurements
                .iter()
                .map(|m| StepJson {
                    n: m.n,
                    steps: m.steps,
                })
                .collect(),
            rewrite: analysis.rewrite.as_ref().map(|r| RewriteJson {
                pattern: &r.pattern,
                note: &r.note,
            }),
            error: analysis.error.as_ref().map(|e| ErrorJson {
                message: &e.message,
                position: e.position,
            }),
            approximate: analysis.approximate,
            search_retry: analysis.search_retry,
        }
    }
}
