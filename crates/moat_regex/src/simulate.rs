//! A backtracking matcher with the semantics of Python's `re` (`sre`): alternatives in
//! order, greedy, lazy and possessive repeats, an iteration that matches nothing ends a loop,
//! atomic groups and look-arounds keep their first match, backreferences, conditionals. It
//! counts the steps it takes and gives up after a budget, which is how attack strings are
//! confirmed: a vulnerable pattern needs many more steps for a slightly longer input.

use crate::ast::{Anchor, Greed, Kind, Node};
use crate::classes::{ClassMode, case_variants, is_word};
use crate::nfa::MatchMode;
use crate::parse::Pattern;
use std::time::Instant;

/// How a simulated match ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Whether the pattern matched (meaningless when `exhausted`).
    pub matched: bool,
    /// Steps taken: one per node visited.
    pub steps: u64,
    /// The step budget, the recursion bound or the deadline ran out first.
    pub exhausted: bool,
}

/// Deepest recursion the simulator allows (each step of the text nests a few frames).
const MAX_DEPTH: usize = 8_000;

struct Sim<'p> {
    pattern: &'p Pattern,
    text: &'p [u32],
    steps: u64,
    limit: u64,
    depth: usize,
    deadline: Instant,
    stopped: bool,
    captures: Vec<Option<(usize, usize)>>,
}

type Cont<'k, 'p> = &'k mut dyn FnMut(&mut Sim<'p>, usize) -> bool;

/// Runs `pattern` on `text` as `re.search` (each start position in turn), `re.match` or
/// `re.fullmatch` would.
pub fn run(pattern: &Pattern, text: &[u32], mode: MatchMode, limit: u64, deadline: Instant) -> Run {
    let mut sim = Sim {
        pattern,
        text,
        steps: 0,
        limit,
        depth: 0,
        deadline,
        stopped: false,
        captures: vec![None; pattern.groups as usize + 1],
    };
    let len = text.len();
    let starts = if mode == MatchMode::Search { len } else { 0 };
    let mut matched = false;
    for start in 0..=starts {
        sim.captures.iter_mut().for_each(|c| *c = None);
        matched = sim.m(&pattern.root, start, &mut |_, pos| {
            mode != MatchMode::Fullmatch || pos == len
        });
        if matched {
            break;
        }
    }
    Run {
        matched: matched && !sim.stopped,
        steps: sim.steps,
        exhausted: sim.stopped,
    }
}

impl<'p> Sim<'p> {
    fn tick(&mut self) -> bool {
        self.steps += 1;
        if self.steps > self.limit
            || self.depth > MAX_DEPTH
            || (self.steps.is_multiple_of(4096) && Instant::now() > self.deadline)
        {
            self.stopped = true;
        }
        self.stopped
    }

    /// Matches `node` at `pos`, then `k`; `true` when the whole match succeeded (or the
    /// simulation stopped, which unwinds everything).
    fn m(&mut self, node: &'p Node, pos: usize, k: Cont<'_, 'p>) -> bool {
        if self.tick() {
            return true;
        }
        self.depth += 1;
        let result = self.m_inner(node, pos, k);
        self.depth -= 1;
        result
    }

    fn m_inner(&mut self, node: &'p Node, pos: usize, k: Cont<'_, 'p>) -> bool {
        match &node.kind {
            Kind::Empty => k(self, pos),
            Kind::Set(set) => match self.text.get(pos) {
                Some(&c) if set.contains(c) => k(self, pos + 1),
                _ => false,
            },
            Kind::Concat(items) => self.seq(items, pos, k),
            Kind::Alternation(items) => {
                for item in items {
                    if self.m(item, pos, k) {
                        return true;
                    }
                }
                false
            }
            Kind::Group { index, body, .. } => match index {
                None => self.m(body, pos, k),
                Some(i) => {
                    let i = *i as usize;
                    self.m(body, pos, &mut |s: &mut Sim<'p>, end| {
                        let saved = s.captures[i];
                        s.captures[i] = Some((pos, end));
                        if k(s, end) {
                            return true;
                        }
                        s.captures[i] = saved;
                        false
                    })
                }
            },
            Kind::Atomic(body) => self.atomic(body, pos, k),
            Kind::Repeat {
                body,
                min,
                max,
                greed,
            } => {
                if *greed == Greed::Possessive {
                    let mut end = None;
                    self.repeat(body, *min, *max, Greed::Greedy, 0, pos, &mut |_, p| {
                        end = Some(p);
                        true
                    });
                    if self.stopped {
                        return true;
                    }
                    match end {
                        Some(p) => k(self, p),
                        None => false,
                    }
                } else {
                    self.repeat(body, *min, *max, *greed, 0, pos, k)
                }
            }
            Kind::Anchor(anchor) => {
                if self.anchor_holds(*anchor, pos) {
                    k(self, pos)
                } else {
                    false
                }
            }
            Kind::Look {
                behind,
                negate,
                width,
                body,
            } => {
                let found = if *behind {
                    pos >= *width && {
                        let start = pos - width;
                        self.m(body, start, &mut |_, p| p == pos)
                    }
                } else {
                    self.m(body, pos, &mut |_, _| true)
                };
                if self.stopped {
                    return true;
                }
                if found != *negate {
                    k(self, pos)
                } else {
                    false
                }
            }
            Kind::Backref { group, ignore_case } => {
                let Some((start, end)) = self.captures[*group as usize] else {
                    return false;
                };
                let len = end - start;
                if pos + len > self.text.len() {
                    return false;
                }
                let mode = if self.pattern.bytes || self.pattern.flags.ascii {
                    ClassMode::Ascii
                } else {
                    ClassMode::Unicode
                };
                let same = (0..len).all(|i| {
                    let (a, b) = (self.text[start + i], self.text[pos + i]);
                    a == b || (*ignore_case && case_variants(a, mode).contains(&b))
                });
                if same { k(self, pos + len) } else { false }
            }
            Kind::Conditional { group, yes, no } => {
                if self.captures[*group as usize].is_some() {
                    self.m(yes, pos, k)
                } else {
                    self.m(no, pos, k)
                }
            }
        }
    }

    fn seq(&mut self, items: &'p [Node], pos: usize, k: Cont<'_, 'p>) -> bool {
        match items.split_first() {
            None => k(self, pos),
            Some((first, rest)) => self.m(first, pos, &mut |s: &mut Sim<'p>, p| s.seq(rest, p, k)),
        }
    }

    fn atomic(&mut self, body: &'p Node, pos: usize, k: Cont<'_, 'p>) -> bool {
        let mut end = None;
        self.m(body, pos, &mut |_, p| {
            end = Some(p);
            true
        });
        if self.stopped {
            return true;
        }
        match end {
            Some(p) => k(self, p),
            None => false,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &mut self,
        body: &'p Node,
        min: u32,
        max: Option<u32>,
        greed: Greed,
        count: u32,
        pos: usize,
        k: Cont<'_, 'p>,
    ) -> bool {
        if self.tick() {
            return true;
        }
        let more_allowed = max.is_none_or(|m| count < m);
        let again = |s: &mut Sim<'p>, k: Cont<'_, 'p>| {
            s.m(body, pos, &mut |s: &mut Sim<'p>, p| {
                // An iteration that matched nothing ends the loop (as `sre` does).
                if p == pos && count >= min {
                    return false;
                }
                s.repeat(body, min, max, greed, count + 1, p, k)
            })
        };
        if count < min {
            return again(self, k);
        }
        match greed {
            Greed::Lazy => k(self, pos) || (more_allowed && again(self, k)),
            _ => (more_allowed && again(self, k)) || k(self, pos),
        }
    }

    fn anchor_holds(&self, anchor: Anchor, pos: usize) -> bool {
        let len = self.text.len();
        let nl = '\n' as u32;
        match anchor {
            Anchor::StartOfText => pos == 0,
            Anchor::StartOfLine => pos == 0 || self.text[pos - 1] == nl,
            Anchor::EndOfText => pos == len,
            Anchor::EndOfTextOrFinalNewline => {
                pos == len || (pos + 1 == len && self.text[pos] == nl)
            }
            Anchor::EndOfLine => pos == len || self.text[pos] == nl,
            Anchor::WordBoundary { ascii } | Anchor::NotWordBoundary { ascii } => {
                let mode = if ascii {
                    ClassMode::Ascii
                } else {
                    ClassMode::Unicode
                };
                let before = pos > 0 && is_word(self.text[pos - 1], mode);
                let after = pos < len && is_word(self.text[pos], mode);
                let boundary = before != after;
                if matches!(anchor, Anchor::WordBoundary { .. }) {
                    boundary
                } else {
                    !boundary && len > 0
                }
            }
        }
    }
}
