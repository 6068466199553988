//! The position (Glushkov) automaton of a pattern: one state per character-consuming
//! leaf plus an initial state, no epsilon moves. Each edge is one way the backtracking
//! matcher can go on, so two edges with the same ends (from `(a*)*`) stay two edges.
//!
//! Zero-width parts become guards on edges: `\A` only lets the first character through,
//! `\Z` lets nothing through and `$` only a newline. Parts whose effect depends on the text
//! (`\b`, `^` in multiline mode, look-arounds) let everything through, and backreferences and
//! conditionals stand for everything the referenced group or either branch can match: the
//! automaton then has more paths than the matcher, never fewer, and [`Nfa::approximate`]
//! says so. Attack strings are always confirmed on the real pattern.

use crate::ast::{Anchor, Greed, Kind, Node, Span};
use crate::charset::CharSet;
use crate::parse::Pattern;

/// Bounded repeats up to this many copies are unrolled; larger bounds count as unbounded.
const UNROLL_LIMIT: u32 = 16;
/// A pattern whose automaton needs more states than this is not analysed.
pub const MAX_STATES: usize = 2_000;

const G_START: u8 = 1;
const G_END: u8 = 2;
const G_NEWLINE: u8 = 4;

/// When reaching a state lets the whole pattern match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Accept {
    Never,
    /// Only at the end of the text (`\Z`, or any end under `fullmatch`).
    AtEnd,
    /// At the end, or before a newline (`$`).
    AtEndOrNewline,
    /// Wherever the state is reached.
    Now,
}

/// One way to go on from a state.
#[derive(Debug, Clone)]
pub struct Edge {
    pub to: usize,
    /// The characters that may be consumed along this edge.
    pub set: CharSet,
    /// The edge enters the atomic group of `to` from outside it.
    pub enters_atomic: bool,
}

/// A position automaton. State 0 is the initial state.
#[derive(Debug, Clone)]
pub struct Nfa {
    pub edges: Vec<Vec<Edge>>,
    pub accept: Vec<Accept>,
    /// The outermost atomic group (or possessive repeat) holding each state.
    pub atomic: Vec<Option<u32>>,
    /// The part of the pattern each state consumes for.
    pub spans: Vec<Span>,
    /// The unbounded repeats holding each state, outermost first.
    pub loops: Vec<Vec<Span>>,
    /// Whether some construct was approximated (see the module docs).
    pub approximate: bool,
    /// Under [`MatchMode::Search`], the state standing for the matcher moving its start
    /// position on, a loop on every character.
    pub search_loop: Option<usize>,
}

/// How the pattern is applied, which decides where it may stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchMode {
    /// `re.search`, `findall`, `finditer`, `sub`, `split`: tried at every start position,
    /// and any prefix of the rest may match.
    Search,
    /// `re.match`: tried at the start only; any prefix of the text may match.
    Match,
    /// `re.fullmatch`: tried at the start only; the whole text must match.
    Fullmatch,
}

impl MatchMode {
    /// The lowercase name used in options and output.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchMode::Search => "search",
            MatchMode::Match => "match",
            MatchMode::Fullmatch => "fullmatch",
        }
    }
}

/// The automaton could not be built within [`MAX_STATES`].
#[derive(Debug)]
pub struct TooLarge;

#[derive(Default, Clone)]
struct Frag {
    first: Vec<(usize, u8)>,
    last: Vec<(usize, u8)>,
    nullable: Vec<u8>,
}

struct Builder<'p> {
    pattern: &'p Pattern,
    sets: Vec<CharSet>,
    nfa: Nfa,
    follow: Vec<(usize, usize, u8, Option<u32>)>,
    next_atomic: u32,
    loop_stack: Vec<Span>,
}

impl Nfa {
    /// Builds the automaton of `pattern` applied in `mode`.
    pub fn build(pattern: &Pattern, mode: MatchMode) -> Result<Nfa, TooLarge> {
        let mut b = Builder {
            pattern,
            sets: vec![CharSet::empty()],
            nfa: Nfa {
                edges: vec![Vec::new()],
                accept: vec![Accept::Never],
                atomic: vec![None],
                spans: std::iter::once(0..0).collect(),
                loops: vec![Vec::new()],
                approximate: false,
                search_loop: None,
            },
            follow: Vec::new(),
            next_atomic: 0,
            loop_stack: Vec::new(),
        };
        let root = b.node(&pattern.root, None, 0)?;
        for &(to, guard) in &root.first {
            b.add_edge(0, to, guard, None);
        }
        if mode == MatchMode::Search {
            // `re.search` tries each start position in turn: as if the pattern were preceded
            // by a loop on any character.
            let any = crate::classes::alphabet(pattern.bytes);
            let s = b.position(&any, &(0..0), None)?;
            b.nfa.loops[s] = std::iter::once(0..0).collect();
            b.nfa.search_loop = Some(s);
            b.add_edge(0, s, 0, None);
            b.add_edge(s, s, 0, None);
            for &(to, guard) in &root.first {
                b.add_edge(s, to, guard, None);
            }
            for &guard in &root.nullable {
                b.set_accept(s, guard, mode);
            }
        }
        for (from, to, guard, ctx) in std::mem::take(&mut b.follow) {
            b.add_edge(from, to, guard, ctx);
        }
        for &(state, guard) in &root.last {
            b.set_accept(state, guard, mode);
        }
        for &guard in &root.nullable {
            b.set_accept(0, guard, mode);
        }
        Ok(b.nfa)
    }

    /// Number of states, the initial one included.
    pub fn len(&self) -> usize {
        self.edges.len()
    }

    /// Whether the automaton has only its initial state.
    pub fn is_empty(&self) -> bool {
        self.edges.len() <= 1
    }

    /// The states reached from `states` on `c`.
    pub fn step(&self, states: &[usize], c: u32) -> Vec<usize> {
        let mut out: Vec<usize> = states
            .iter()
            .flat_map(|&s| self.edges[s].iter())
            .filter(|e| e.set.contains(c))
            .map(|e| e.to)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

impl Builder<'_> {
    fn position(
        &mut self,
        set: &CharSet,
        span: &Span,
        atomic: Option<u32>,
    ) -> Result<usize, TooLarge> {
        if self.sets.len() >= MAX_STATES {
            return Err(TooLarge);
        }
        self.sets.push(set.clone());
        self.nfa.edges.push(Vec::new());
        self.nfa.accept.push(Accept::Never);
        self.nfa.atomic.push(atomic);
        self.nfa.spans.push(span.clone());
        self.nfa.loops.push(self.loop_stack.clone());
        Ok(self.sets.len() - 1)
    }

    fn add_edge(&mut self, from: usize, to: usize, guard: u8, ctx: Option<u32>) {
        if guard & G_END != 0 || (guard & G_START != 0 && from != 0) {
            return;
        }
        let mut set = self.sets[to].clone();
        if guard & G_NEWLINE != 0 {
            set = set.intersect(&CharSet::single('\n' as u32));
        }
        if set.is_empty() {
            return;
        }
        let enters_atomic = self.nfa.atomic[to].is_some() && ctx.is_none();
        self.nfa.edges[from].push(Edge {
            to,
            set,
            enters_atomic,
        });
    }

    fn set_accept(&mut self, state: usize, guard: u8, mode: MatchMode) {
        let accept = if guard & G_START != 0 && state != 0 {
            Accept::Never
        } else if mode == MatchMode::Fullmatch || guard & G_END != 0 {
            Accept::AtEnd
        } else if guard & G_NEWLINE != 0 {
            Accept::AtEndOrNewline
        } else {
            Accept::Now
        };
        let slot = &mut self.nfa.accept[state];
        *slot = (*slot).max(accept);
    }

    /// Records the follow edges `last(a) × first(b)` created at a node in `ctx`.
    fn link(&mut self, a: &[(usize, u8)], b: &[(usize, u8)], ctx: Option<u32>) {
        for &(x, gx) in a {
            for &(y, gy) in b {
                self.follow.push((x, y, gx | gy, ctx));
            }
        }
    }

    fn node(&mut self, node: &Node, ctx: Option<u32>, depth: usize) -> Result<Frag, TooLarge> {
        if depth > 400 {
            return Err(TooLarge);
        }
        Ok(match &node.kind {
            Kind::Empty => empty(),
            Kind::Set(set) => {
                let p = self.position(set, &node.span, ctx)?;
                Frag {
                    first: vec![(p, 0)],
                    last: vec![(p, 0)],
                    nullable: Vec::new(),
                }
            }
            Kind::Concat(items) => {
                let mut acc = empty();
                for item in items {
                    let next = self.node(item, ctx, depth + 1)?;
                    acc = self.concat(acc, next, ctx);
                }
                acc
            }
            Kind::Alternation(items) => {
                let mut acc = Frag::default();
                for item in items {
                    let next = self.node(item, ctx, depth + 1)?;
                    acc = alternate(acc, next);
                }
                acc
            }
            Kind::Group { body, .. } => self.node(body, ctx, depth + 1)?,
            Kind::Atomic(body) => self.atomic(body, ctx, depth)?,
            Kind::Repeat {
                body,
                min,
                max,
                greed,
            } => {
                if *greed == Greed::Possessive && ctx.is_none() {
                    let id = self.next_atomic;
                    self.next_atomic += 1;
                    self.repeat(node, body, *min, *max, Some(id), depth)?
                } else {
                    self.repeat(node, body, *min, *max, ctx, depth)?
                }
            }
            Kind::Anchor(anchor) => {
                let guard = match anchor {
                    Anchor::StartOfText => G_START,
                    Anchor::EndOfText => G_END,
                    Anchor::EndOfTextOrFinalNewline | Anchor::EndOfLine => G_NEWLINE,
                    Anchor::StartOfLine
                    | Anchor::WordBoundary { .. }
                    | Anchor::NotWordBoundary { .. } => {
                        self.nfa.approximate = true;
                        0
                    }
                };
                Frag {
                    first: Vec::new(),
                    last: Vec::new(),
                    nullable: vec![guard],
                }
            }
            Kind::Look { .. } => {
                self.nfa.approximate = true;
                empty()
            }
            Kind::Backref { group, .. } => {
                self.nfa.approximate = true;
                match find_group(&self.pattern.root, *group) {
                    Some(body) => self.node(body, ctx, depth + 1)?,
                    None => empty(),
                }
            }
            Kind::Conditional { yes, no, .. } => {
                self.nfa.approximate = true;
                let a = self.node(yes, ctx, depth + 1)?;
                let b = self.node(no, ctx, depth + 1)?;
                alternate(a, b)
            }
        })
    }

    fn atomic(&mut self, body: &Node, ctx: Option<u32>, depth: usize) -> Result<Frag, TooLarge> {
        if ctx.is_some() {
            return self.node(body, ctx, depth + 1);
        }
        let id = self.next_atomic;
        self.next_atomic += 1;
        self.node(body, Some(id), depth + 1)
    }

    fn concat(&mut self, a: Frag, b: Frag, ctx: Option<u32>) -> Frag {
        self.link(&a.last, &b.first, ctx);
        let mut first = a.first.clone();
        for &na in &a.nullable {
            first.extend(b.first.iter().map(|&(p, g)| (p, g | na)));
        }
        let mut last = b.last.clone();
        for &nb in &b.nullable {
            last.extend(a.last.iter().map(|&(p, g)| (p, g | nb)));
        }
        let mut nullable: Vec<u8> = a
            .nullable
            .iter()
            .flat_map(|&x| b.nullable.iter().map(move |&y| x | y))
            .collect();
        nullable.sort_unstable();
        nullable.dedup();
        Frag {
            first: dedup(first),
            last: dedup(last),
            nullable,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &mut self,
        node: &Node,
        body: &Node,
        min: u32,
        max: Option<u32>,
        ctx: Option<u32>,
        depth: usize,
    ) -> Result<Frag, TooLarge> {
        let unbounded = max.is_none_or(|m| m > UNROLL_LIMIT);
        let mandatory = if unbounded { min.min(3) } else { min };
        let mut acc = empty();
        for _ in 0..mandatory.saturating_sub(u32::from(unbounded && mandatory > 0)) {
            let copy = self.node(body, ctx, depth + 1)?;
            acc = self.concat(acc, copy, ctx);
        }
        if unbounded {
            self.loop_stack.push(node.span.clone());
            let inner = self.node(body, ctx, depth + 1);
            self.loop_stack.pop();
            let inner = inner?;
            self.link(&inner.last, &inner.first, ctx);
            let looped = Frag {
                nullable: if mandatory == 0 {
                    vec![0]
                } else {
                    inner.nullable.clone()
                },
                ..inner
            };
            acc = self.concat(acc, looped, ctx);
        } else {
            let optional = max.unwrap_or(min) - min;
            let mut tail = empty();
            for _ in 0..optional {
                let copy = self.node(body, ctx, depth + 1)?;
                let chained = self.concat(copy, tail, ctx);
                tail = alternate(chained, empty());
            }
            acc = self.concat(acc, tail, ctx);
        }
        Ok(acc)
    }
}

fn empty() -> Frag {
    Frag {
        first: Vec::new(),
        last: Vec::new(),
        nullable: vec![0],
    }
}

fn alternate(mut a: Frag, b: Frag) -> Frag {
    a.first.extend(b.first);
    a.last.extend(b.last);
    a.nullable.extend(b.nullable);
    a.nullable.sort_unstable();
    a.nullable.dedup();
    a
}

fn dedup(mut items: Vec<(usize, u8)>) -> Vec<(usize, u8)> {
    items.sort_unstable();
    items.dedup();
    items
}

/// The body of capturing group `index`.
pub fn find_group(root: &Node, index: u32) -> Option<&Node> {
    let mut found = None;
    root.walk(&mut |n| {
        if let Kind::Group {
            index: Some(i),
            body,
            ..
        } = &n.kind
            && *i == index
            && found.is_none()
        {
            found = Some(body.as_ref());
        }
    });
    found
}
