//! Ambiguity in the position automaton, after Weideman, van der Merwe, Berglund and Watson
//! (2016), "Analyzing matching time behavior of backtracking regular expression matchers by
//! using ambiguity of NFA":
//!
//! - **EDA** (exponential degree of ambiguity): a state `q` with two different paths from `q`
//!   back to `q` reading the same text. In the product automaton (pairs of states that read
//!   the same characters) that is a strongly connected component holding the pair `(q, q)`
//!   and either a pair `(p, r)` with `p ≠ r` or a step where the two runs took different
//!   edges. Each pump of that text doubles the paths a failing match explores.
//! - **IDA** (infinite degree of ambiguity): states `p ≠ q` and a text `w` with `p →w p`,
//!   `p →w q` and `q →w q`, found in the triple product from `(p, p, q)` to `(p, q, q)`. A
//!   chain of `k` loops linked this way makes a failing match explore `n^k` paths.
//!
//! Atomic groups and possessive repeats keep the first way their body matches: two runs that
//! enter such a group at the same position are the same run until they leave it. The
//! products track that ("synchronised" runs) so the ambiguity they remove is not reported.

use crate::charset::CharSet;
use crate::nfa::Nfa;
use std::collections::HashMap;
use std::time::Instant;

/// Work bound: product states explored per pattern.
const MAX_PRODUCT_STATES: usize = 400_000;

/// The search ran out of its work bound or deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfBudget;

/// An exponential ambiguity: from `state`, `pump` leads back to `state` in two ways.
#[derive(Debug, Clone)]
pub struct Exponential {
    pub state: usize,
    /// The characters each step of the pump may be.
    pub pump: Vec<CharSet>,
}

/// One link of a polynomial chain: loops at `from` and `to` that `pump` can be split between.
#[derive(Debug, Clone)]
pub struct PolyLink {
    pub from: usize,
    pub to: usize,
    /// The characters each step of the pump may be.
    pub pump: Vec<CharSet>,
}

/// The longest chain of linked loops found (`links.len() + 1` loops: the degree).
#[derive(Debug, Clone)]
pub struct Polynomial {
    pub links: Vec<PolyLink>,
}

/// Budget shared by the searches of one pattern.
pub struct Budget {
    pub states: usize,
    pub deadline: Instant,
}

impl Budget {
    fn spend(&mut self, n: usize) -> Result<(), OutOfBudget> {
        self.states += n;
        if self.states > MAX_PRODUCT_STATES
            || (self.states % 1024 < n && Instant::now() > self.deadline)
        {
            return Err(OutOfBudget);
        }
        Ok(())
    }
}

/// Strongly connected components: `comp[v]` numbers them in reverse topological order
/// (a component's successors have smaller numbers).
pub fn components(n: usize, succ: &dyn Fn(usize) -> Vec<usize>) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let mut index = vec![NONE; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![NONE; n];
    let mut stack = Vec::new();
    let mut counter = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != NONE {
            continue;
        }
        let mut call: Vec<(usize, Vec<usize>, usize)> = vec![(root, succ(root), 0)];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some((v, children, i)) = call.last_mut() {
            let v = *v;
            if *i < children.len() {
                let w = children[*i];
                *i += 1;
                if index[w] == NONE {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    let next = succ(w);
                    call.push((w, next, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some((parent, _, _)) = call.last() {
                    low[*parent] = low[*parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = next_comp;
                        if w == v {
                            break;
                        }
                    }
                    next_comp += 1;
                }
            }
        }
    }
    comp
}

/// The automaton's loops: components with a cycle, as lists of states.
pub fn loops(nfa: &Nfa) -> (Vec<usize>, Vec<Vec<usize>>) {
    let comp = components(nfa.len(), &|v| nfa.edges[v].iter().map(|e| e.to).collect());
    let count = comp.iter().copied().max().map_or(0, |m| m + 1);
    let mut members = vec![Vec::new(); count];
    for (v, &c) in comp.iter().enumerate() {
        members[c].push(v);
    }
    for (c, states) in members.iter_mut().enumerate() {
        let cyclic = states.len() > 1
            || states
                .iter()
                .any(|&v| nfa.edges[v].iter().any(|e| e.to == v && comp[e.to] == c));
        if !cyclic {
            states.clear();
        }
    }
    (comp, members)
}

/// Whether two runs that read the same character from `x1` by edge `i1` and from `x2` by
/// edge `i2` can do so, and whether they are then synchronised in an atomic group.
fn next_sync(nfa: &Nfa, x1: usize, i1: usize, x2: usize, i2: usize, sync: bool) -> Option<bool> {
    let (e1, e2) = (&nfa.edges[x1][i1], &nfa.edges[x2][i2]);
    if sync {
        if i1 != i2 {
            return None;
        }
        if nfa.atomic[e1.to] == nfa.atomic[x1] && !e1.enters_atomic {
            return Some(true);
        }
        return Some(e1.enters_atomic);
    }
    let g1 = e1.enters_atomic.then_some(nfa.atomic[e1.to]).flatten();
    let g2 = e2.enters_atomic.then_some(nfa.atomic[e2.to]).flatten();
    if g1.is_some() && g1 == g2 {
        // Entering one atomic group at one position: the group matches one way only.
        return (e1.to == e2.to).then_some(true);
    }
    Some(false)
}

type Pair = (usize, usize, bool);

/// Most exponential witnesses collected per loop (the first that a simulation confirms
/// wins; some run through characters that let the pattern match early).
const WITNESSES_PER_LOOP: usize = 6;

/// Looks for exponential ambiguity in each loop of the automaton: witnesses, several per
/// ambiguous loop.
pub fn find_exponential(
    nfa: &Nfa,
    loops: &[Vec<usize>],
    comp: &[usize],
    budget: &mut Budget,
) -> Result<Vec<Exponential>, OutOfBudget> {
    let mut found = Vec::new();
    for states in loops.iter().filter(|s| !s.is_empty()) {
        let c = comp[states[0]];
        found.extend(exponential_in(nfa, states, |v| comp[v] == c, budget)?);
    }
    Ok(found)
}

/// One product move: target, the two edge indices, and whether it diverged on a diagonal.
struct Move {
    to: usize,
    i1: usize,
    i2: usize,
}

fn exponential_in(
    nfa: &Nfa,
    states: &[usize],
    inside: impl Fn(usize) -> bool,
    budget: &mut Budget,
) -> Result<Vec<Exponential>, OutOfBudget> {
    let mut ids: HashMap<Pair, usize> = HashMap::new();
    let mut nodes: Vec<Pair> = Vec::new();
    let mut moves: Vec<Vec<Move>> = Vec::new();
    let mut queue = Vec::new();
    let intern = |p: Pair,
                  ids: &mut HashMap<Pair, usize>,
                  nodes: &mut Vec<Pair>,
                  moves: &mut Vec<Vec<Move>>,
                  queue: &mut Vec<usize>| {
        *ids.entry(p).or_insert_with(|| {
            nodes.push(p);
            moves.push(Vec::new());
            queue.push(nodes.len() - 1);
            nodes.len() - 1
        })
    };
    for &q in states {
        intern(
            (q, q, nfa.atomic[q].is_some()),
            &mut ids,
            &mut nodes,
            &mut moves,
            &mut queue,
        );
    }
    let seeds = nodes.len();
    while let Some(n) = queue.pop() {
        budget.spend(1)?;
        let (x1, x2, sync) = nodes[n];
        for (i1, e1) in nfa.edges[x1].iter().enumerate() {
            if !inside(e1.to) {
                continue;
            }
            for (i2, e2) in nfa.edges[x2].iter().enumerate() {
                if !inside(e2.to) || !e1.set.intersects(&e2.set) {
                    continue;
                }
                let Some(s) = next_sync(nfa, x1, i1, x2, i2, sync) else {
                    continue;
                };
                let to = intern(
                    (e1.to, e2.to, s),
                    &mut ids,
                    &mut nodes,
                    &mut moves,
                    &mut queue,
                );
                moves[n].push(Move { to, i1, i2 });
            }
        }
    }
    let comp = components(nodes.len(), &|v| moves[v].iter().map(|m| m.to).collect());
    let mut found = Vec::new();
    for seed in 0..seeds {
        let c = comp[seed];
        let in_comp = |v: usize| comp[v] == c;
        // Divergences inside the component: a non-diagonal pair, or two different edges
        // taken from a diagonal pair to a diagonal pair.
        let witnesses = (0..nodes.len()).filter_map(|v| {
            if !in_comp(v) {
                return None;
            }
            if nodes[v].0 != nodes[v].1 {
                return Some((v, None));
            }
            moves[v]
                .iter()
                .position(|m| in_comp(m.to) && nodes[m.to].0 == nodes[m.to].1 && m.i1 != m.i2)
                .map(|i| (v, Some(i)))
        });
        for (at, divergent_move) in witnesses.take(2) {
            let mut pump = product_path(nfa, &nodes, &moves, seed, at, &in_comp);
            let resume = match divergent_move {
                Some(i) => {
                    let m = &moves[at][i];
                    pump.push(pick2(nfa, nodes[at].0, m.i1, nodes[at].1, m.i2));
                    m.to
                }
                None => at,
            };
            pump.extend(product_path(nfa, &nodes, &moves, resume, seed, &in_comp));
            if !pump.is_empty() {
                found.push(Exponential {
                    state: nodes[seed].0,
                    pump,
                });
            }
        }
        if found.len() >= WITNESSES_PER_LOOP {
            break;
        }
    }
    Ok(found)
}

fn pick2(nfa: &Nfa, x1: usize, i1: usize, x2: usize, i2: usize) -> CharSet {
    nfa.edges[x1][i1].set.intersect(&nfa.edges[x2][i2].set)
}

/// The text read along a shortest path from `from` to `to` in the pair product.
fn product_path(
    nfa: &Nfa,
    nodes: &[Pair],
    moves: &[Vec<Move>],
    from: usize,
    to: usize,
    inside: &dyn Fn(usize) -> bool,
) -> Vec<CharSet> {
    if from == to {
        return Vec::new();
    }
    let mut parent: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    parent.insert(from, (from, usize::MAX));
    while let Some(v) = queue.pop_front() {
        if v == to {
            break;
        }
        for (i, m) in moves[v].iter().enumerate() {
            if inside(m.to) && !parent.contains_key(&m.to) {
                parent.insert(m.to, (v, i));
                queue.push_back(m.to);
            }
        }
    }
    let mut text = Vec::new();
    let mut v = to;
    while v != from {
        let Some(&(p, i)) = parent.get(&v) else {
            return Vec::new();
        };
        let m = &moves[p][i];
        text.push(pick2(nfa, nodes[p].0, m.i1, nodes[p].1, m.i2));
        v = p;
    }
    text.reverse();
    text
}

/// States reachable from `from` (forward) or that reach it (backward).
fn reach(nfa: &Nfa, from: &[usize], forward: bool) -> Vec<bool> {
    let mut seen = vec![false; nfa.len()];
    let mut back: Vec<Vec<usize>> = Vec::new();
    if !forward {
        back = vec![Vec::new(); nfa.len()];
        for (v, edges) in nfa.edges.iter().enumerate() {
            for e in edges {
                back[e.to].push(v);
            }
        }
    }
    let mut stack: Vec<usize> = from.to_vec();
    for &v in from {
        seen[v] = true;
    }
    while let Some(v) = stack.pop() {
        let next: Vec<usize> = if forward {
            nfa.edges[v].iter().map(|e| e.to).collect()
        } else {
            back[v].clone()
        };
        for w in next {
            if !seen[w] {
                seen[w] = true;
                stack.push(w);
            }
        }
    }
    seen
}

/// Looks for the longest chain of loops linked by polynomial ambiguity.
pub fn find_polynomial(
    nfa: &Nfa,
    loops: &[Vec<usize>],
    budget: &mut Budget,
) -> Result<Option<Polynomial>, OutOfBudget> {
    // Loop components in reverse topological order (successors first).
    let order: Vec<usize> = (0..loops.len()).filter(|&c| !loops[c].is_empty()).collect();
    let forward: Vec<Vec<bool>> = order.iter().map(|&c| reach(nfa, &loops[c], true)).collect();
    let backward: Vec<Vec<bool>> = order
        .iter()
        .map(|&c| reach(nfa, &loops[c], false))
        .collect();
    // best[i]: the longest chain starting at order[i], as links.
    let mut best: Vec<Vec<PolyLink>> = vec![Vec::new(); order.len()];
    for i in 0..order.len() {
        let mut chain: Vec<PolyLink> = Vec::new();
        for j in 0..i {
            // order[j] < order[i]: a possible successor.
            if !forward[i][loops[order[j]][0]] {
                continue;
            }
            if best[j].len() < chain.len() {
                continue;
            }
            let middle: Vec<bool> = (0..nfa.len())
                .map(|v| forward[i][v] && backward[j][v])
                .collect();
            if let Some(link) = link(nfa, &loops[order[i]], &loops[order[j]], &middle, budget)? {
                let mut candidate = vec![link];
                candidate.extend(best[j].iter().cloned());
                chain = candidate;
            }
        }
        best[i] = chain;
    }
    Ok(best
        .into_iter()
        .max_by_key(|c| c.len())
        .filter(|c| !c.is_empty())
        .map(|links| Polynomial { links }))
}

type Triple = (usize, usize, usize, bool);

/// A text `w` and loop states `p` in `first`, `q` in `second` with `p →w p`, `p →w q`,
/// `q →w q`.
fn link(
    nfa: &Nfa,
    first: &[usize],
    second: &[usize],
    middle: &[bool],
    budget: &mut Budget,
) -> Result<Option<PolyLink>, OutOfBudget> {
    let in_first: Vec<bool> = (0..nfa.len()).map(|v| first.contains(&v)).collect();
    let in_second: Vec<bool> = (0..nfa.len()).map(|v| second.contains(&v)).collect();
    for &p in first {
        for &q in second {
            let start: Triple = (p, p, q, nfa.atomic[p].is_some());
            let mut parent: HashMap<Triple, (Triple, [usize; 3])> = HashMap::new();
            parent.insert(start, (start, [0; 3]));
            let mut queue = std::collections::VecDeque::from([start]);
            let mut found = None;
            'search: while let Some(t) = queue.pop_front() {
                budget.spend(1)?;
                let (x1, x2, x3, sync) = t;
                for (i1, e1) in nfa.edges[x1].iter().enumerate() {
                    if !in_first[e1.to] {
                        continue;
                    }
                    for (i2, e2) in nfa.edges[x2].iter().enumerate() {
                        if !middle[e2.to] || !e1.set.intersects(&e2.set) {
                            continue;
                        }
                        let Some(s) = next_sync(nfa, x1, i1, x2, i2, sync) else {
                            continue;
                        };
                        let both: CharSet = e1.set.intersect(&e2.set);
                        for (i3, e3) in nfa.edges[x3].iter().enumerate() {
                            if !in_second[e3.to] || !both.intersects(&e3.set) {
                                continue;
                            }
                            let next = (e1.to, e2.to, e3.to, s);
                            if parent.contains_key(&next) {
                                continue;
                            }
                            parent.insert(next, (t, [i1, i2, i3]));
                            if next.0 == p && next.1 == q && next.2 == q {
                                found = Some(next);
                                break 'search;
                            }
                            queue.push_back(next);
                        }
                    }
                }
            }
            if let Some(end) = found {
                let mut pump = Vec::new();
                let mut t = end;
                while t != start || pump.is_empty() {
                    let (prev, [i1, i2, i3]) = parent[&t];
                    let set = nfa.edges[prev.0][i1]
                        .set
                        .intersect(&nfa.edges[prev.1][i2].set)
                        .intersect(&nfa.edges[prev.2][i3].set);
                    pump.push(set);
                    t = prev;
                    if t == start {
                        break;
                    }
                }
                pump.reverse();
                return Ok(Some(PolyLink {
                    from: p,
                    to: q,
                    pump,
                }));
            }
        }
    }
    Ok(None)
}
