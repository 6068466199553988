//! The verdict on one pattern: parse, build the automaton, look for ambiguity, build an
//! attack string and confirm it by simulation. Only confirmed blow-ups are reported as
//! vulnerable; a search that runs out of its bounds is `unknown`, never `safe`.

use crate::ambiguity::{self, Budget};
use crate::ast::Span;
use crate::attack::{self, Attack};
use crate::charset::CharSet;
use crate::flags::Flags;
use crate::nfa::{MatchMode, Nfa};
use crate::parse::{Pattern, PatternText, SyntaxError, parse};
use crate::rewrite::{Rewrite, suggest};
use crate::simulate;
use std::time::{Duration, Instant};

/// How to analyse a pattern.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Flags given to `re.compile` (inline flags are read from the pattern).
    pub flags: Flags,
    pub mode: MatchMode,
    /// Wall-clock bound of the whole analysis (debug builds get four times as long).
    pub time_limit: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            flags: Flags::default(),
            mode: MatchMode::Search,
            time_limit: Duration::from_millis(50),
        }
    }
}

/// The worst-case behaviour of a backtracking matcher on the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No input makes matching slower than linear in the input (beyond `re.search`'s retry
    /// at each start position).
    Safe,
    /// Some inputs take `n^degree` steps; confirmed by simulation.
    Polynomial,
    /// Some inputs take `c^n` steps; confirmed by simulation.
    Exponential,
    /// The analysis hit its bounds, or found an ambiguity it could not confirm.
    Unknown,
    /// `re.compile` rejects the pattern.
    SyntaxError,
}

impl Verdict {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Safe => "safe",
            Verdict::Polynomial => "polynomial",
            Verdict::Exponential => "exponential",
            Verdict::Unknown => "unknown",
            Verdict::SyntaxError => "syntax-error",
        }
    }

    /// Whether the verdict is a confirmed blow-up.
    pub fn is_vulnerable(self) -> bool {
        matches!(self, Verdict::Polynomial | Verdict::Exponential)
    }
}

/// Steps the simulator took on the attack string with the pump repeated `n` times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measurement {
    pub n: u32,
    pub steps: u64,
}

/// Everything known about one pattern.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub verdict: Verdict,
    /// The polynomial's degree (2 for quadratic).
    pub degree: Option<u32>,
    pub attack: Option<Attack>,
    /// The simulator's step counts for growing `n`.
    pub measurements: Vec<Measurement>,
    /// The part of the pattern responsible (in characters).
    pub span: Option<Span>,
    pub rewrite: Option<Rewrite>,
    pub error: Option<SyntaxError>,
    /// Why the verdict is what it is, in one sentence.
    pub reason: String,
    /// The automaton approximated look-arounds, backreferences, conditionals or `\b`.
    pub approximate: bool,
    /// Part of the polynomial degree comes from `re.search` retrying at every position.
    pub search_retry: bool,
}

impl Analysis {
    fn new(verdict: Verdict, reason: impl Into<String>) -> Analysis {
        Analysis {
            verdict,
            degree: None,
            attack: None,
            measurements: Vec::new(),
            span: None,
            rewrite: None,
            error: None,
            reason: reason.into(),
            approximate: false,
            search_retry: false,
        }
    }
}

/// Per-run step budget of the simulator.
const RUN_LIMIT: u64 = 3_000_000;
/// Stop growing `n` once a run takes this many steps (exponential, polynomial).
const ENOUGH_STEPS: [u64; 2] = [150_000, 120_000];

/// Analyses one pattern.
pub fn analyze(text: &PatternText, options: &Options) -> Analysis {
    let pattern = match parse(text, options.flags) {
        Ok(p) => p,
        Err(error) if error.beyond_bounds => {
            return Analysis::new(Verdict::Unknown, error.message);
        }
        Err(error) => {
            let mut analysis = Analysis::new(Verdict::SyntaxError, error.to_string());
            analysis.span = error.position.map(|p| p..p + 1);
            analysis.error = Some(error);
            return analysis;
        }
    };
    let scale = if cfg!(debug_assertions) { 4 } else { 1 };
    let deadline = Instant::now() + options.time_limit * scale;
    analyze_parsed(&pattern, options.mode, deadline)
}

fn analyze_parsed(pattern: &Pattern, mode: MatchMode, deadline: Instant) -> Analysis {
    let Ok(nfa) = Nfa::build(pattern, mode) else {
        return Analysis::new(
            Verdict::Unknown,
            "the pattern is too large to analyse within the bounds",
        );
    };
    let (comp, loops) = ambiguity::loops(&nfa);
    let mut budget = Budget {
        states: 0,
        deadline,
    };
    let reps = attack::representatives(&nfa, pattern.bytes);
    let mut unconfirmed: Option<&'static str> = None;
    let with_approximation = |mut a: Analysis| {
        a.approximate = nfa.approximate;
        a
    };

    let witnesses = match ambiguity::find_exponential(&nfa, &loops, &comp, &mut budget) {
        Err(_) => return with_approximation(out_of_bounds()),
        Ok(witnesses) => witnesses,
    };
    for found in &witnesses {
        let Some((attack, strict)) = build_attack(&nfa, found.state, &found.pump, &reps) else {
            unconfirmed.get_or_insert(NO_FAILURE);
            continue;
        };
        let measurements = measure(pattern, &attack, mode, deadline, Growth::Exponential);
        if is_exponential(&measurements) {
            let span = nfa.loops[found.state].first().cloned();
            let mut analysis = Analysis::new(
                Verdict::Exponential,
                "two different paths through a loop read the same text, so each repetition of it doubles the work of a failing match",
            );
            analysis.rewrite = span
                .as_ref()
                .and_then(|s| suggest(pattern, s, Verdict::Exponential));
            analysis.span = span;
            analysis.attack = Some(attack);
            analysis.measurements = last_few(measurements);
            return with_approximation(analysis);
        }
        let why = if strict || nfa.approximate {
            bounded_or_unconfirmed(pattern, &nfa, &[found.state])
        } else {
            NO_FAILURE
        };
        // A confirmed-looking reason outranks "no failing input".
        if unconfirmed.is_none_or(|u| u == NO_FAILURE) {
            unconfirmed = Some(why);
        }
        if Instant::now() > deadline {
            return with_approximation(out_of_bounds());
        }
    }

    match ambiguity::find_polynomial(&nfa, &loops, &mut budget) {
        Err(_) => return with_approximation(out_of_bounds()),
        Ok(Some(chain)) => {
            let static_degree = chain.links.len() as u32 + 1;
            // The confirmed candidate with the highest degree: (degree, exponent, …).
            let mut best: Option<(u32, f64, Attack, Vec<Measurement>, usize)> = None;
            let mut any_strict = false;
            for (index, link) in chain.links.iter().enumerate() {
                let Some((attack, strict)) = build_attack(&nfa, link.from, &link.pump, &reps)
                else {
                    unconfirmed.get_or_insert(NO_FAILURE);
                    continue;
                };
                any_strict |= strict;
                let measurements = measure(pattern, &attack, mode, deadline, Growth::Polynomial);
                let Some(exponent) = poly_exponent(&measurements).filter(|&e| e >= 1.6) else {
                    continue;
                };
                // Lower-order terms weigh on small inputs: a measured exponent close to the
                // length of the chain from this link confirms that length.
                let chain_degree = static_degree - index as u32;
                let degree = if exponent >= chain_degree as f64 - 0.75 {
                    chain_degree
                } else {
                    (exponent.round() as u32).clamp(2, chain_degree.max(2))
                };
                if best
                    .as_ref()
                    .is_none_or(|b| (degree, exponent) > (b.0, b.1))
                {
                    best = Some((degree, exponent, attack, measurements, index));
                }
            }
            match best {
                Some((degree, _, attack, measurements, index)) => {
                    let links = &chain.links[index..];
                    let from_search = nfa.search_loop == Some(links[0].from);
                    let first = if from_search {
                        links[0].to
                    } else {
                        links[0].from
                    };
                    let last = links.last().map_or(first, |l| l.to);
                    let span = loop_span(&nfa, first)
                        .zip(loop_span(&nfa, last))
                        .map(|(a, b)| a.start.min(b.start)..a.end.max(b.end));
                    let reason = if from_search && degree == 2 {
                        "`re.search` retries the pattern at every position, and the quantified part it starts with reads to the end of the same run of characters each time before failing".to_string()
                    } else if from_search {
                        format!(
                            "{} quantified parts in a row can each take the same characters, and `re.search` retries them at every position, so a failing match tries every way to split them",
                            degree - 1
                        )
                    } else {
                        format!(
                            "{degree} quantified parts in a row can each take the same characters, so a failing match tries every way to split them"
                        )
                    };
                    let mut analysis = Analysis::new(Verdict::Polynomial, reason);
                    analysis.degree = Some(degree);
                    analysis.search_retry = from_search;
                    analysis.rewrite = loop_span(&nfa, first)
                        .and_then(|s| suggest(pattern, &s, Verdict::Polynomial));
                    analysis.span = span;
                    analysis.attack = Some(attack);
                    analysis.measurements = last_few(measurements);
                    return with_approximation(analysis);
                }
                _ => {
                    let states: Vec<usize> =
                        chain.links.iter().flat_map(|l| [l.from, l.to]).collect();
                    unconfirmed.get_or_insert(if any_strict || nfa.approximate {
                        bounded_or_unconfirmed(pattern, &nfa, &states)
                    } else {
                        NO_FAILURE
                    });
                }
            }
        }
        Ok(None) => {}
    }

    match unconfirmed {
        Some(BOUNDED) => with_approximation(Analysis::new(
            Verdict::Safe,
            "the ambiguous parts have upper bounds (`{m,n}`), which cap the extra work at a constant",
        )),
        Some(NO_FAILURE) => with_approximation(Analysis::new(
            Verdict::Safe,
            "some text can be read in several ways, but the pattern matches as soon as it has read it, so no input makes the matcher try them all",
        )),
        Some(reason) => with_approximation(Analysis::new(Verdict::Unknown, reason)),
        None => with_approximation(Analysis::new(
            Verdict::Safe,
            "no loop can read the same text in two ways, and no two loops in a row can split it",
        )),
    }
}

const NO_FAILURE: &str = "no failing input";
const BOUNDED: &str = "bounded";

/// `BOUNDED` when each loop behind an unconfirmed ambiguity is a `{m,n}` repeat (unrolled as
/// unbounded by the automaton, but limited in the matcher), else `NOT_CONFIRMED`.
fn bounded_or_unconfirmed(pattern: &Pattern, nfa: &Nfa, states: &[usize]) -> &'static str {
    let bounded = states.iter().all(|&s| {
        Some(s) == nfa.search_loop
            || nfa.loops[s].last().is_some_and(|span| {
                let mut bounded = false;
                pattern.root.walk(&mut |n| {
                    if n.span == *span
                        && let crate::ast::Kind::Repeat { max: Some(_), .. } = n.kind
                    {
                        bounded = true;
                    }
                });
                bounded
            })
    });
    if bounded && states.iter().any(|&s| Some(s) != nfa.search_loop) {
        BOUNDED
    } else {
        NOT_CONFIRMED
    }
}
const NOT_CONFIRMED: &str = "an ambiguity was found but simulating the attack string did not show the matching time growing, which happens when look-arounds, backreferences or \\b prevent it";

fn out_of_bounds() -> Analysis {
    Analysis::new(
        Verdict::Unknown,
        "the analysis reached its bounds before it could decide",
    )
}

fn loop_span(nfa: &Nfa, state: usize) -> Option<Span> {
    nfa.loops[state].first().cloned()
}

/// Prefix to `state`, a pump with characters chosen from `pump` so that the pattern does
/// not match along the way, and a suffix that makes every path fail. `strict` is false when
/// no such suffix was found and a character no edge reads was used instead.
fn build_attack(nfa: &Nfa, state: usize, pump: &[CharSet], reps: &[u32]) -> Option<(Attack, bool)> {
    let prefix = attack::prefix_to(nfa, state)?;
    let pump = attack::choose_pump(nfa, &prefix, pump, reps);
    let mut after = Vec::new();
    let mut text = prefix.clone();
    for k in 0..12 {
        text.extend_from_slice(&pump);
        if k >= 6 {
            let (states, _) = attack::run_states(nfa, &text);
            after.extend(states);
        }
    }
    // Under `re.search`, a match found at a later start position comes after all the work
    // at the earlier ones: only the attempts that started in the attack need to fail.
    after.retain(|&s| Some(s) != nfa.search_loop);
    after.sort_unstable();
    after.dedup();
    let (suffix, strict) = match attack::failing_suffix(nfa, &after, reps) {
        Some(suffix) => (suffix, true),
        None => (reps.first().map(|&c| vec![c]).unwrap_or_default(), false),
    };
    Some((
        Attack {
            prefix,
            pump,
            suffix,
        },
        strict,
    ))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Growth {
    Exponential,
    Polynomial,
}

fn measure(
    pattern: &Pattern,
    attack: &Attack,
    mode: MatchMode,
    deadline: Instant,
    growth: Growth,
) -> Vec<Measurement> {
    let ns: &[u32] = match growth {
        Growth::Exponential => &[
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 26, 28, 30, 32,
            36, 40,
        ],
        Growth::Polynomial => &[8, 16, 32, 64, 128, 256, 512],
    };
    let mut out = Vec::new();
    for &n in ns {
        let text = attack.text(n as usize);
        if text.len() > 4_000 {
            break;
        }
        let run = simulate::run(pattern, &text, mode, RUN_LIMIT, deadline);
        if run.exhausted {
            break;
        }
        out.push(Measurement {
            n,
            steps: run.steps,
        });
        if run.steps > ENOUGH_STEPS[(growth == Growth::Polynomial) as usize] {
            break;
        }
    }
    out
}

/// Steps keep multiplying by a steady factor per pump (a polynomial's factor shrinks
/// towards 1 as `n` grows).
fn is_exponential(m: &[Measurement]) -> bool {
    if m.len() < 4 {
        return false;
    }
    let ratio = |i: usize| {
        let per_pump = (m[i].n - m[i - 1].n) as f64;
        (m[i].steps as f64 / m[i - 1].steps.max(1) as f64).powf(1.0 / per_pump)
    };
    let (r0, r1, r2) = (ratio(m.len() - 3), ratio(m.len() - 2), ratio(m.len() - 1));
    r2 >= 1.4 && r1 >= 1.4 && r0 >= 1.4 && r2 >= 0.85 * r0
}

/// The exponent `e` of `steps ~ n^e` between the last two measurements.
fn poly_exponent(m: &[Measurement]) -> Option<f64> {
    if m.len() < 3 {
        return None;
    }
    let (a, b) = (m[m.len() - 2], m[m.len() - 1]);
    let e = (b.steps as f64 / a.steps.max(1) as f64).ln() / (b.n as f64 / a.n as f64).ln();
    Some(e)
}

/// The last five measurements: enough to show the growth.
fn last_few(mut m: Vec<Measurement>) -> Vec<Measurement> {
    let drop = m.len().saturating_sub(5);
    m.drain(..drop);
    m
}
