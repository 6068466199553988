//! Grouping advisory records that alias each other, transitively.

use crate::advisory::Advisory;
use rustc_hash::FxHashMap;

/// Groups the advisories at `indices` so that two records share a group when one's id or
/// aliases meet the other's, directly or through a chain. Groups and their members keep
/// the order of `indices`.
pub fn alias_groups(advisories: &[Advisory], indices: &[usize]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..indices.len()).collect();
    let mut owner: FxHashMap<&str, usize> = FxHashMap::default();
    for (slot, &index) in indices.iter().enumerate() {
        let advisory = &advisories[index];
        for id in std::iter::once(&advisory.id).chain(&advisory.aliases) {
            match owner.get(id.as_str()) {
                Some(&other) => union(&mut parent, slot, other),
                None => {
                    owner.insert(id.as_str(), slot);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: FxHashMap<usize, usize> = FxHashMap::default();
    for (slot, &index) in indices.iter().enumerate() {
        let root = find(&mut parent, slot);
        let group = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[group].push(index);
    }
    groups
}

fn find(parent: &mut [usize], mut node: usize) -> usize {
    while parent[node] != node {
        parent[node] = parent[parent[node]];
        node = parent[node];
    }
    node
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

#[cfg(test)]
mod tests {
    use super::alias_groups;
    use crate::advisory::Advisory;

    fn advisory(id: &str, aliases: &[&str]) -> Advisory {
        Advisory {
            id: id.to_owned(),
            file: format!("{id}.json"),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            related: Vec::new(),
            summary: None,
            details: None,
            published: None,
            modified: None,
            withdrawn: None,
            severity: Vec::new(),
            affected: Vec::new(),
            references: Vec::new(),
            cwe_ids: Vec::new(),
        }
    }

    #[test]
    fn chains_merge_transitively() {
        let advisories = vec![
            advisory("PYSEC-1", &["CVE-1"]),
            advisory("OTHER-1", &[]),
            advisory("GHSA-b", &["CVE-2"]),
            advisory("PYSEC-2", &["CVE-1", "CVE-2"]),
            advisory("CVE-2", &[]),
        ];
        let groups = alias_groups(&advisories, &[0, 1, 2, 3, 4]);
        assert_eq!(groups, vec![vec![0, 2, 3, 4], vec![1]]);
    }
}
