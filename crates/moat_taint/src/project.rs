//! The whole project's IR indexed for calls (functions, classes and their bases, Django
//! routes), and the fixpoint that computes every function's summary bottom-up.

use crate::function::analyse_function;
use crate::ir::{FunctionIr, ModuleIr};
use crate::summary::Summary;
use crate::{Options, TaintFinding, TaintProblem, TaintResult};
use moat_models::{Models, Threat};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// Summaries by function qualified name.
pub(crate) type Summaries = FxHashMap<String, Summary>;

/// Classes whose subclasses are enumerations (a FastAPI parameter of one is not text).
const ENUM_BASES: &[&str] = &[
    "enum.Enum",
    "enum.IntEnum",
    "enum.StrEnum",
    "enum.Flag",
    "enum.IntFlag",
];
/// Deepest class hierarchy followed.
const MAX_HIERARCHY: usize = 8;

/// The analysed project.
pub(crate) struct Project<'m> {
    pub modules: &'m [ModuleIr],
    pub models: &'m Models,
    /// The definition of each function name that counts (the last one).
    functions: FxHashMap<&'m str, (u32, u32)>,
    classes: FxHashMap<&'m str, &'m [String]>,
    class_fields: FxHashMap<&'m str, &'m [(String, String)]>,
    numeric_route_parameters: FxHashMap<&'m str, &'m [String]>,
    untrusted: Vec<Threat>,
}

impl<'m> Project<'m> {
    fn new(modules: &'m [ModuleIr], models: &'m Models, options: &Options) -> Self {
        let mut functions = FxHashMap::default();
        let mut classes = FxHashMap::default();
        let mut class_fields = FxHashMap::default();
        let mut numeric_route_parameters = FxHashMap::default();
        for (m, module) in modules.iter().enumerate() {
            for (f, function) in module.functions.iter().enumerate() {
                functions.insert(function.qualname.as_str(), (m as u32, f as u32));
            }
            for class in &module.classes {
                classes.insert(class.qualname.as_str(), class.bases.as_slice());
                class_fields.insert(class.qualname.as_str(), class.fields.as_slice());
            }
            for (view, numeric) in &module.routes {
                numeric_route_parameters.insert(view.as_str(), numeric.as_slice());
            }
        }
        Project {
            modules,
            models,
            functions,
            classes,
            class_fields,
            numeric_route_parameters,
            untrusted: options.untrusted.clone(),
        }
    }

    pub(crate) fn is_untrusted(&self, threat: Threat) -> bool {
        self.untrusted.contains(&threat)
    }

    pub(crate) fn is_function(&self, q: &str) -> bool {
        self.functions.contains_key(q)
    }

    pub(crate) fn function(&self, q: &str) -> Option<&'m FunctionIr> {
        let &(m, f) = self.functions.get(q)?;
        Some(&self.modules[m as usize].functions[f as usize])
    }

    pub(crate) fn is_class(&self, q: &str) -> bool {
        self.classes.contains_key(q)
    }

    /// Whether `q` is a method declared `@staticmethod` (its first parameter is no `self`).
    pub(crate) fn is_static(&self, q: &str) -> bool {
        let Some(function) = self.function(q) else {
            return false;
        };
        let Some((owner, _)) = q.rsplit_once('.') else {
            return false;
        };
        self.is_class(owner) && function.params.first().is_none_or(|p| p.class.is_none())
    }

    /// `class` and its ancestors, nearest first.
    fn ancestors(&self, class: &str) -> Vec<String> {
        let mut out = vec![class.to_string()];
        let mut i = 0;
        while i < out.len() && out.len() < 32 && i < MAX_HIERARCHY * 4 {
            if let Some(bases) = self.classes.get(out[i].as_str()) {
                for base in bases.iter() {
                    if !out.contains(base) {
                        out.push(base.clone());
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// The project method `name` of `class`, through its bases.
    pub(crate) fn resolve_method(&self, class: &str, name: &str) -> Option<String> {
        self.ancestors(class)
            .into_iter()
            .map(|c| format!("{c}.{name}"))
            .find(|q| self.is_function(q))
    }

    /// `Class.name` for the class and each ancestor: the names models may use.
    pub(crate) fn member_names(&self, class: &str, name: &str) -> Vec<String> {
        self.ancestors(class)
            .into_iter()
            .map(|c| format!("{c}.{name}"))
            .collect()
    }

    /// The class annotated on attribute `attr` of `class` (or an ancestor).
    pub(crate) fn annotated_field(&self, class: &str, attr: &str) -> Option<&'m str> {
        self.ancestors(class).iter().find_map(|c| {
            self.class_fields
                .get(c.as_str())?
                .iter()
                .find(|(name, _)| name == attr)
                .map(|(_, annotation)| annotation.as_str())
        })
    }

    /// Whether values of `class` carry no text: numbers, booleans, UUIDs, dates, enums.
    pub(crate) fn is_scalar(&self, class: &str) -> bool {
        crate::frameworks::SCALAR_ANNOTATIONS.contains(&class) || self.is_enum(class)
    }

    pub(crate) fn is_enum(&self, class: &str) -> bool {
        self.ancestors(class)
            .iter()
            .any(|c| ENUM_BASES.contains(&c.as_str()))
    }

    /// The class of what calling `made_by` with these constant keywords produced.
    pub(crate) fn class_made_by(
        &self,
        made_by: &str,
        keywords: &[(String, crate::ir::ConstValue)],
    ) -> String {
        self.models
            .types_of(made_by)
            .iter()
            .find(|t| match &t.when {
                None => true,
                Some(when) => crate::function::keywords_satisfy(when, keywords),
            })
            .map_or_else(|| made_by.to_string(), |t| t.name.clone())
    }

    /// Whether a Django URL converter (`<int:pk>`) makes `param` of view `function` numeric.
    pub(crate) fn is_numeric_route_parameter(&self, function: &str, param: &str) -> bool {
        let direct = self.numeric_route_parameters.get(function);
        let class_based = function.rsplit_once('.').and_then(|(class, _)| {
            self.numeric_route_parameters
                .get(format!("{class}.*").as_str())
        });
        direct
            .into_iter()
            .chain(class_based)
            .any(|params| params.iter().any(|p| p == param))
    }
}

/// Analyses every function of `modules` until the summaries are stable (or the round
/// bound is hit), and returns what reached a sink.
pub(crate) fn analyse_project(
    modules: &[ModuleIr],
    models: &Models,
    options: &Options,
) -> TaintResult {
    let project = Project::new(modules, models, options);
    let all: Vec<(u32, u32)> = modules
        .iter()
        .enumerate()
        .flat_map(|(m, module)| (0..module.functions.len()).map(move |f| (m as u32, f as u32)))
        .collect();
    let mut summaries = Summaries::default();
    let mut findings: FxHashMap<(u32, u32), Vec<TaintFinding>> = FxHashMap::default();
    let mut callers: FxHashMap<String, FxHashSet<(u32, u32)>> = FxHashMap::default();
    let mut truncated: FxHashSet<(u32, u32)> = FxHashSet::default();
    let mut dirty = all;
    let mut rounds = 0;
    let mut converged = false;
    while rounds < options.max_rounds {
        rounds += 1;
        let outcomes: Vec<_> = dirty
            .par_iter()
            .map(|&(m, f)| {
                let function = &modules[m as usize].functions[f as usize];
                analyse_function(&project, &summaries, m, function)
            })
            .collect();
        let mut changed: Vec<&str> = Vec::new();
        for (&id, outcome) in dirty.iter().zip(outcomes) {
            let function = &modules[id.0 as usize].functions[id.1 as usize];
            for callee in &outcome.callees {
                callers.entry(callee.clone()).or_default().insert(id);
            }
            findings.insert(id, outcome.findings);
            if outcome.summary.truncated {
                truncated.insert(id);
            }
            // Only the definition that counts gives the name its summary.
            if project.functions.get(function.qualname.as_str()) != Some(&id) {
                continue;
            }
            if summaries.get(&function.qualname) != Some(&outcome.summary) {
                summaries.insert(function.qualname.clone(), outcome.summary);
                changed.push(&function.qualname);
            }
        }
        let mut next: Vec<(u32, u32)> = changed
            .iter()
            .filter_map(|q| callers.get(*q))
            .flatten()
            .copied()
            .collect::<FxHashSet<_>>()
            .into_iter()
            .collect();
        next.sort_unstable();
        if next.is_empty() {
            converged = true;
            break;
        }
        dirty = next;
    }
    let mut problems = Vec::new();
    if !converged {
        problems.push(TaintProblem {
            module: None,
            message: format!(
                "taint analysis stopped after {} rounds of summary computation before the summaries were stable; some flows through recursive or deeply chained calls may be missed",
                options.max_rounds
            ),
        });
    }
    let mut truncated: Vec<_> = truncated.into_iter().collect();
    truncated.sort_unstable();
    for (m, f) in truncated {
        let function = &modules[m as usize].functions[f as usize];
        problems.push(TaintProblem {
            module: Some(m),
            message: format!(
                "taint summary of `{}` hit its size bound; some flows through it may be missed",
                function.local_name
            ),
        });
    }
    let mut all_findings: Vec<TaintFinding> = findings.into_values().flatten().collect();
    all_findings.sort_by(|a, b| {
        (a.module, a.range.start(), a.kind).cmp(&(b.module, b.range.start(), b.kind))
    });
    all_findings.dedup_by(|a, b| a.module == b.module && a.range == b.range && a.kind == b.kind);
    TaintResult {
        findings: all_findings,
        problems,
        rounds,
    }
}
