//! Rule selection: which rules run, for the whole run and for each file.
//!
//! The selectors come from `select`, `extend-select`, `ignore` and `per-path-ignores` (after
//! the binary has merged flags and configuration) and are resolved with
//! [`Selector::parse`], the one resolver of rule ids, Bandit/Ruff aliases, categories and
//! `ALL`.

use std::path::{Path, PathBuf};

use moat_diagnostics::{RuleMeta, Selector, UnknownSelector, is_test_path};

use crate::paths::{PathGlob, normalize, relative_to, to_slash};

/// A set of rules, as indices into the rule list a [`RuleSelection`] was built from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RuleSet {
    words: Vec<u64>,
}

impl RuleSet {
    /// An empty set.
    pub fn new() -> RuleSet {
        RuleSet::default()
    }

    /// The set of indices `0..len`.
    pub fn full(len: usize) -> RuleSet {
        let mut set = RuleSet::new();
        for index in 0..len {
            set.insert(index);
        }
        set
    }

    /// Whether rule `index` is in the set.
    pub fn contains(&self, index: usize) -> bool {
        self.words
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    /// Adds rule `index`.
    pub fn insert(&mut self, index: usize) {
        let word = index / 64;
        if self.words.len() <= word {
            self.words.resize(word + 1, 0);
        }
        self.words[word] |= 1 << (index % 64);
    }

    /// Removes rule `index`.
    pub fn remove(&mut self, index: usize) {
        if let Some(word) = self.words.get_mut(index / 64) {
            *word &= !(1 << (index % 64));
        }
    }

    /// Removes every rule that is in `other`.
    pub fn remove_all(&mut self, other: &RuleSet) {
        for (word, remove) in self.words.iter_mut().zip(&other.words) {
            *word &= !remove;
        }
    }

    /// Adds every rule that is in `other`.
    pub fn insert_all(&mut self, other: &RuleSet) {
        if self.words.len() < other.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (word, add) in self.words.iter_mut().zip(&other.words) {
            *word |= add;
        }
    }

    /// The indices in the set, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .flat_map(|(word_index, &word)| {
                (0..64)
                    .filter(move |bit| word & (1 << bit) != 0)
                    .map(move |bit| word_index * 64 + bit)
            })
    }

    /// How many rules are in the set.
    pub fn len(&self) -> usize {
        self.words
            .iter()
            .map(|word| word.count_ones() as usize)
            .sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&word| word == 0)
    }
}

/// Why a selection could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    /// A selector names no rule, alias or category.
    #[error(transparent)]
    UnknownSelector(#[from] UnknownSelector),
    /// A `per-path-ignores` glob does not compile.
    #[error("invalid `per-path-ignores` glob: {message}")]
    InvalidGlob {
        /// The glob.
        glob: String,
        /// What is wrong with it.
        message: String,
    },
}

/// One `per-path-ignores` entry, compiled.
#[derive(Debug, Clone)]
struct PathIgnore {
    glob: PathGlob,
    rules: RuleSet,
}

/// The rules that run: for the whole run, and for each file after `per-path-ignores`.
#[derive(Debug, Clone)]
pub struct RuleSelection {
    all: Vec<&'static RuleMeta>,
    enabled: RuleSet,
    per_path: Vec<PathIgnore>,
    /// The rules that do not run on test code: those without
    /// [`RuleMeta::checks_test_code`], or none once `check-tests` is on.
    skipped_in_tests: RuleSet,
    root: PathBuf,
    cwd: PathBuf,
}

impl RuleSelection {
    /// Resolves the selectors against `all` (the registry, in its order).
    ///
    /// The default set is the rules with `default_enabled`; `select` (when `Some`) replaces
    /// it, `extend_select` adds to it and `ignore` removes from it (`ignore` wins, as in
    /// Ruff). `per_path_ignores` pairs a glob, relative to `root`, with the selectors of rules
    /// that do not run on matching files. A glob without `/` matches any path component
    /// (`"tests"`, `"conftest.py"`); a glob naming a directory covers everything below it;
    /// `*` does not cross `/`, `**` does.
    pub fn new(
        all: &[&'static RuleMeta],
        select: Option<&[String]>,
        extend_select: &[String],
        ignore: &[String],
        per_path_ignores: &[(String, Vec<String>)],
        root: &Path,
    ) -> Result<RuleSelection, SelectionError> {
        let mut enabled = match select {
            Some(select) => resolve(all, select)?,
            None => {
                let mut set = RuleSet::new();
                for (index, rule) in all.iter().enumerate() {
                    if rule.default_enabled {
                        set.insert(index);
                    }
                }
                set
            }
        };
        enabled.insert_all(&resolve(all, extend_select)?);
        enabled.remove_all(&resolve(all, ignore)?);

        let mut per_path = Vec::with_capacity(per_path_ignores.len());
        for (glob, selectors) in per_path_ignores {
            let compiled = PathGlob::new(glob).map_err(|message| SelectionError::InvalidGlob {
                glob: glob.clone(),
                message,
            })?;
            per_path.push(PathIgnore {
                glob: compiled,
                rules: resolve(all, selectors)?,
            });
        }

        let cwd = std::env::current_dir().unwrap_or_else(|_| root.to_path_buf());
        let cwd = normalize(&cwd);
        Ok(RuleSelection {
            all: all.to_vec(),
            enabled,
            per_path,
            skipped_in_tests: all
                .iter()
                .enumerate()
                .filter(|(_, rule)| !rule.checks_test_code)
                .fold(RuleSet::new(), |mut set, (index, _)| {
                    set.insert(index);
                    set
                }),
            root: normalize(&cwd.join(root)),
            cwd,
        })
    }

    /// The rules that run on the file at `path`: the enabled rules minus those that a
    /// matching `per-path-ignores` entry removes and, unless [`RuleSelection::check_tests`]
    /// turned it on, minus the rules that do not check test code when the path (relative to
    /// the root) is test code ([`is_test_path`]).
    ///
    /// `path` is absolute (as in [`SourceFile::path`](crate::SourceFile::path)) or relative to
    /// the working directory at the time the selection was built (as
    /// [`SourceFile::display`](crate::SourceFile::display) is).
    pub fn rules_for(&self, path: &Path) -> RuleSet {
        let mut rules = self.enabled.clone();
        if self.per_path.is_empty() && self.skipped_in_tests.is_empty() {
            return rules;
        }
        let absolute = normalize(&self.cwd.join(path));
        let relative = relative_to(&absolute, &self.root);
        if is_test_path(&to_slash(relative)) {
            rules.remove_all(&self.skipped_in_tests);
        }
        for entry in &self.per_path {
            if entry.glob.is_match(relative, &absolute) {
                rules.remove_all(&entry.rules);
            }
        }
        rules
    }

    /// Whether the file at `path` is test code on which some enabled rules do not run (they
    /// do not check test code, and `check-tests` is off): for the summary's count. `path`
    /// is as for [`RuleSelection::rules_for`].
    pub fn limited_as_test_code(&self, path: &Path) -> bool {
        let skips_some = (0..self.all.len())
            .any(|i| self.enabled.contains(i) && self.skipped_in_tests.contains(i));
        if !skips_some {
            return false;
        }
        let absolute = normalize(&self.cwd.join(path));
        is_test_path(&to_slash(relative_to(&absolute, &self.root)))
    }

    /// Makes every enabled rule run on test code too (`check-tests`), not only the rules
    /// with [`RuleMeta::checks_test_code`].
    pub fn check_tests(mut self, on: bool) -> RuleSelection {
        if on {
            self.skipped_in_tests = RuleSet::new();
        }
        self
    }

    /// The rules enabled for the run (before `per-path-ignores`), in registry order; what
    /// SARIF lists as `tool.driver.rules`.
    pub fn enabled(&self) -> Vec<&'static RuleMeta> {
        self.enabled.iter().map(|index| self.all[index]).collect()
    }

    /// The enabled rules as a set of indices.
    pub fn enabled_set(&self) -> &RuleSet {
        &self.enabled
    }

    /// The rule list the indices refer to.
    pub fn rules(&self) -> &[&'static RuleMeta] {
        &self.all
    }
}

fn resolve(all: &[&'static RuleMeta], selectors: &[String]) -> Result<RuleSet, UnknownSelector> {
    let mut set = RuleSet::new();
    for text in selectors {
        let selector = Selector::parse(text, all)?;
        for (index, rule) in all.iter().enumerate() {
            if selector.matches(rule) {
                set.insert(index);
            }
        }
    }
    Ok(set)
}
