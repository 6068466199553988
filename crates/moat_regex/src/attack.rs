//! Attack strings: a prefix that leads the matcher into the ambiguous loop, the pump that it
//! can read in many ways, and a suffix after which no way matches, so the backtracking
//! matcher tries them all before it gives up.

use crate::charset::CharSet;
use crate::nfa::{Accept, Nfa};
use std::collections::{HashMap, HashSet, VecDeque};

/// An attack string `prefix + pump * n + suffix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attack {
    pub prefix: Vec<u32>,
    pub pump: Vec<u32>,
    pub suffix: Vec<u32>,
}

impl Attack {
    /// The text with the pump repeated `n` times.
    pub fn text(&self, n: usize) -> Vec<u32> {
        let mut text = self.prefix.clone();
        for _ in 0..n {
            text.extend_from_slice(&self.pump);
        }
        text.extend_from_slice(&self.suffix);
        text
    }
}

/// The text along a shortest path from the initial state to `target`.
pub fn prefix_to(nfa: &Nfa, target: usize) -> Option<Vec<u32>> {
    let mut parent: HashMap<usize, (usize, u32)> = HashMap::new();
    let mut queue = VecDeque::from([0usize]);
    parent.insert(0, (0, 0));
    while let Some(v) = queue.pop_front() {
        if v == target {
            break;
        }
        for e in &nfa.edges[v] {
            if let std::collections::hash_map::Entry::Vacant(slot) = parent.entry(e.to) {
                slot.insert((v, e.set.pick()?));
                queue.push_back(e.to);
            }
        }
    }
    parent.get(&target)?;
    let mut text = Vec::new();
    let mut v = target;
    while v != 0 {
        let (p, c) = parent[&v];
        text.push(c);
        v = p;
    }
    text.reverse();
    Some(text)
}

/// One character of each class of characters the automaton cannot tell apart, preferring
/// printable ones; a character no edge reads comes first.
pub fn representatives(nfa: &Nfa, bytes: bool) -> Vec<u32> {
    let mut sets: Vec<&CharSet> = nfa.edges.iter().flatten().map(|e| &e.set).collect();
    sets.sort_by(|a, b| a.ranges().cmp(b.ranges()));
    sets.dedup();
    let mut cuts: Vec<u32> = vec![0];
    for set in &sets {
        for &(lo, hi) in set.ranges() {
            cuts.push(lo);
            cuts.push(hi.saturating_add(1));
        }
    }
    let max = if bytes { 0xFF } else { 0x10_FFFF };
    cuts.retain(|&c| c <= max);
    cuts.sort_unstable();
    cuts.dedup();
    // The ranges between cuts, grouped by which sets hold them; ascending, so each
    // group's set is built once at the end.
    let mut by_signature: HashMap<Vec<bool>, Vec<(u32, u32)>> = HashMap::new();
    for (i, &lo) in cuts.iter().enumerate() {
        let hi = cuts.get(i + 1).map_or(max, |&next| next - 1);
        let signature: Vec<bool> = sets.iter().map(|s| s.contains(lo)).collect();
        by_signature.entry(signature).or_default().push((lo, hi));
        if by_signature.len() > 256 {
            break;
        }
    }
    let mut reps: Vec<(bool, u32)> = by_signature
        .into_iter()
        .filter_map(|(sig, ranges)| {
            CharSet::from_ranges(ranges)
                .pick()
                .map(|c| (sig.iter().any(|&b| b), c))
        })
        .collect();
    // Characters that no edge reads first (they end every run), then by preference.
    reps.sort_by_key(|&(read, c)| (read, rank(c), c));
    reps.into_iter().map(|(_, c)| c).collect()
}

fn rank(c: u32) -> u8 {
    match char::from_u32(c) {
        Some('!') => 0,
        Some(ch) if ch.is_ascii_graphic() => 1,
        Some(' ') => 2,
        Some(ch) if !ch.is_control() && c < 0x10000 => 3,
        _ => 4,
    }
}

fn accepts_now(nfa: &Nfa, states: &[usize], next: Option<u32>) -> bool {
    states.iter().any(|&s| match nfa.accept[s] {
        Accept::Now => true,
        Accept::AtEndOrNewline => next.is_none() || next == Some('\n' as u32),
        Accept::AtEnd => next.is_none(),
        Accept::Never => false,
    })
}

/// The states the automaton is in after `text`, and whether it could accept before one of
/// its characters.
pub fn run_states(nfa: &Nfa, text: &[u32]) -> (Vec<usize>, bool) {
    let mut states = vec![0usize];
    let mut accepted = false;
    for &c in text {
        accepted |= accepts_now(nfa, &states, Some(c));
        states = nfa.step(&states, c);
        if states.is_empty() {
            break;
        }
    }
    (states, accepted)
}

/// A shortest suffix after which the automaton, in any of `states`, can neither go on nor
/// accept: every path of the backtracking matcher fails. Empty when the end of the text
/// already does that.
pub fn failing_suffix(nfa: &Nfa, states: &[usize], reps: &[u32]) -> Option<Vec<u32>> {
    let start: Vec<usize> = states.to_vec();
    // A single character that ends every run reads best.
    for &c in reps.iter().take(8) {
        if !accepts_now(nfa, &start, Some(c)) && nfa.step(&start, c).is_empty() {
            return Some(vec![c]);
        }
    }
    if !accepts_now(nfa, &start, None) {
        return Some(Vec::new());
    }
    let mut seen: HashSet<Vec<usize>> = HashSet::from([start.clone()]);
    let mut queue = VecDeque::from([(start, Vec::new())]);
    while let Some((set, text)) = queue.pop_front() {
        if text.len() >= 4 || seen.len() > 2_000 {
            break;
        }
        for &c in reps {
            if accepts_now(nfa, &set, Some(c)) {
                continue;
            }
            let next = nfa.step(&set, c);
            let mut longer = text.clone();
            longer.push(c);
            if !accepts_now(nfa, &next, None) {
                return Some(longer);
            }
            if seen.insert(next.clone()) {
                queue.push_back((next, longer));
            }
        }
    }
    None
}

/// The pump's characters, chosen from each step's set: the most readable character that
/// keeps the automaton away from accepting, or else the one leaving the fewest live states.
/// Of the two, the first whose repetitions never let the pattern match is returned.
pub fn choose_pump(nfa: &Nfa, prefix: &[u32], pump: &[CharSet], reps: &[u32]) -> Vec<u32> {
    let variants: Vec<Vec<u32>> = [false, true]
        .into_iter()
        .map(|fewest| pump_variant(nfa, prefix, pump, reps, fewest))
        .collect();
    variants
        .iter()
        .find(|v| {
            let mut text = prefix.to_vec();
            for _ in 0..8 {
                text.extend_from_slice(v);
            }
            !run_states(nfa, &text).1
        })
        .unwrap_or(&variants[0])
        .clone()
}

fn pump_variant(
    nfa: &Nfa,
    prefix: &[u32],
    pump: &[CharSet],
    reps: &[u32],
    fewest: bool,
) -> Vec<u32> {
    let (mut states, _) = run_states(nfa, prefix);
    let mut chosen = Vec::with_capacity(pump.len());
    for set in pump {
        let mut candidates: Vec<u32> = set.pick().into_iter().collect();
        candidates.extend(reps.iter().copied().filter(|&c| set.contains(c)));
        let best = candidates
            .iter()
            .copied()
            .min_by_key(|&c| {
                let next = nfa.step(&states, c);
                let live = if fewest { next.len() } else { 0 };
                (accepts_now(nfa, &next, None), live)
            })
            .unwrap_or(0);
        states = nfa.step(&states, best);
        chosen.push(best);
    }
    chosen
}
