//! The whole project's IR indexed for calls (functions, classes and their bases, Django
//! routes), and the fixpoint that computes every function's summary bottom-up.

use crate::function::analyse_function;
use crate::ir::{FunctionIr, ModuleIr, Name};
use crate::summary::{MAX_FLOWS, Summary};
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
/// Most project methods a name may have for calls of it on unknown receivers to count as
/// calls of those methods when looking for the callers of a function.
const MAX_SHARED_NAME: usize = 4;
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
    /// `Options::max_steps`.
    pub max_steps: u32,
    /// Classes some source is a member of (`django.http.HttpRequest`), and classes with a
    /// member of such a class (`socketserver.StreamRequestHandler`, whose `request` is a
    /// socket).
    source_classes: FxHashSet<String>,
    /// The ancestors of each project class with bases, nearest first (the class itself
    /// left out).
    ancestors: FxHashMap<&'m str, Vec<&'m str>>,
    /// Library classes whose ancestors come from `[[class]]` model rows.
    model_classes: FxHashSet<&'m str>,
    /// Names `m` of the `*.m` sources: methods that are sources on any receiver.
    source_methods: FxHashSet<&'m str>,
    /// Project classes with an ancestor in `source_classes`.
    with_source_ancestor: FxHashSet<&'m str>,
    /// Functions some project function calls by their qualified name.
    called_by_name: FxHashSet<&'m str>,
    /// Dispatch tables whose entries are all project functions, by qualified name.
    tables: FxHashMap<&'m str, &'m [(Option<Name>, String)]>,
    /// Classes of the positional parameters of functions a library calls back
    /// (`asyncio.start_server(handle, …)`).
    callback_classes: FxHashMap<&'m str, &'m [String]>,
    /// Classes of module-level objects reached by items and attributes (`ModuleIr::values`).
    value_classes: FxHashMap<&'m str, &'m str>,
    /// Functions some `Depends(f)` names (`ModuleIr::dependencies`).
    dependencies: FxHashSet<&'m str>,
}

impl<'m> Project<'m> {
    fn new(modules: &'m [ModuleIr], models: &'m Models, options: &Options) -> Self {
        let mut functions = FxHashMap::default();
        let mut classes = FxHashMap::default();
        let mut class_fields = FxHashMap::default();
        let mut numeric_route_parameters = FxHashMap::default();
        let mut called_by_name = FxHashSet::default();
        for (m, module) in modules.iter().enumerate() {
            for (f, function) in module.functions.iter().enumerate() {
                functions.insert(function.qualname.as_str(), (m as u32, f as u32));
                called_by_name.extend(function.mentions.calls.iter().map(|c| c.as_str()));
            }
            for class in &module.classes {
                classes.insert(class.qualname.as_str(), class.bases.as_slice());
                class_fields.insert(class.qualname.as_str(), class.fields.as_slice());
            }
            for (view, numeric) in &module.routes {
                numeric_route_parameters.insert(view.as_str(), numeric.as_slice());
            }
        }
        let tables = modules
            .iter()
            .flat_map(|m| &m.tables)
            .filter(|t| {
                t.entries
                    .iter()
                    .all(|(_, f)| functions.contains_key(f.as_str()))
            })
            .map(|t| (t.name.as_str(), t.entries.as_slice()))
            .collect();
        let dependencies = modules
            .iter()
            .flat_map(|m| &m.dependencies)
            .map(String::as_str)
            .collect();
        let value_classes = modules
            .iter()
            .flat_map(|m| &m.values)
            .map(|(value, class)| (value.as_str(), class.as_str()))
            .collect();
        let callback_classes = modules
            .iter()
            .flat_map(|m| &m.callbacks)
            .map(|(function, classes)| (function.as_str(), classes.as_slice()))
            .collect();
        let mut source_classes: FxHashSet<String> = models
            .source_targets()
            .filter_map(|t| t.rsplit_once('.').map(|(owner, _)| owner.to_string()))
            .collect();
        let holders: Vec<String> = models
            .all_types()
            .filter(|(_, t)| source_classes.contains(&t.name))
            .filter_map(|(from, _)| from.rsplit_once('.').map(|(owner, _)| owner.to_string()))
            .collect();
        source_classes.extend(holders);
        // Library classes the models give bases (a project class of the same name wins).
        let mut model_classes = FxHashSet::default();
        for (name, bases) in models.classes() {
            if !classes.contains_key(name) {
                classes.insert(name, bases);
                model_classes.insert(name);
            }
        }
        let ancestors: FxHashMap<&str, Vec<&str>> = classes
            .keys()
            .map(|&class| (class, ancestors_of(&classes, class)))
            .filter(|(_, a)| !a.is_empty())
            .collect();
        let with_source_ancestor = ancestors
            .iter()
            .filter(|(_, a)| a.iter().any(|c| source_classes.contains(*c)))
            .map(|(&class, _)| class)
            .collect();
        let source_methods = models
            .source_targets()
            .filter_map(|t| t.strip_prefix("*."))
            .collect();
        Project {
            model_classes,
            called_by_name,
            tables,
            callback_classes,
            value_classes,
            dependencies,
            source_methods,
            ancestors,
            with_source_ancestor,
            source_classes,
            modules,
            models,
            functions,
            classes,
            class_fields,
            numeric_route_parameters,
            untrusted: options.untrusted.clone(),
            max_steps: options.max_steps,
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

    /// Whether FastAPI calls `function` as a dependency (`Depends(function)`).
    pub(crate) fn is_fastapi_dependency(&self, function: &str) -> bool {
        self.dependencies.contains(function)
    }

    /// The entries of the dispatch table `q`, if it is one (see [`DispatchTable`]).
    ///
    /// [`DispatchTable`]: crate::ir::DispatchTable
    pub(crate) fn table(&self, q: &str) -> Option<&'m [(Option<Name>, String)]> {
        self.tables.get(q).copied()
    }

    /// The class of what the qualified name `q` names when it starts with a module-level
    /// object of another module whose class is known (`shop.mongo.db.products`: `db` is
    /// `client["shop"]`, a database, so `products` is a collection), following the models'
    /// `[[type]]` rows for the attributes after it; or when it is a library object the
    /// models type (`flask.current_app.logger`, a `logging.Logger`), or one whose members
    /// they type, which is its own class (`django.db.connections`, whose items are
    /// database connections).
    pub(crate) fn global_class(&self, q: &str) -> Option<String> {
        if !self.value_classes.is_empty() {
            let mut end = q.len();
            while end > 0 {
                if let Some(&class) = self.value_classes.get(&q[..end]) {
                    let mut class = class.to_string();
                    for member in q[end..].split('.').filter(|m| !m.is_empty()) {
                        let typed = |m: &str| self.models.type_of(&format!("{class}.{m}"));
                        class = typed(member).or_else(|| typed("*"))?.name.clone();
                    }
                    return Some(class);
                }
                end = q[..end].rfind('.').unwrap_or(0);
            }
        }
        if let Some(typed) = self.models.type_of(q) {
            return Some(typed.name.clone());
        }
        self.models.has_typed_members(q).then(|| q.to_string())
    }

    /// The class of parameter `index` of `function`: its own (an annotation, `self`, a
    /// framework's request), or the one a library that calls it back passes.
    pub(crate) fn parameter_class<'a>(
        &'a self,
        function: &'a FunctionIr,
        index: usize,
    ) -> Option<&'a str> {
        let param = function.params.get(index)?;
        param.class.as_deref().or_else(|| {
            let classes = self.callback_classes.get(function.qualname.as_str())?;
            (param.kind == crate::ir::ParamKind::Positional)
                .then(|| classes.get(index))
                .flatten()
                .map(String::as_str)
        })
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
    fn ancestors<'a>(&'a self, class: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let known = self.ancestors.get(class);
        if known.is_some() && self.model_classes.contains(class) {
            self.models.note_class_used(class);
        }
        std::iter::once(class).chain(known.into_iter().flat_map(|a| a.iter().copied()))
    }

    /// Whether `function` is (in) request middleware, which sees every URL: a name on its
    /// qualified path says middleware (`app.middleware.force_slash`,
    /// `TrailingSlashMiddleware.__call__`), or its class derives from Django's
    /// `MiddlewareMixin`.
    pub(crate) fn is_middleware(&self, function: &str) -> bool {
        if function
            .split('.')
            .any(|part| part.to_ascii_lowercase().contains("middleware"))
        {
            return true;
        }
        function.rsplit_once('.').is_some_and(|(owner, _)| {
            self.is_class(owner)
                && self
                    .ancestors(owner)
                    .any(|c| c == "django.utils.deprecation.MiddlewareMixin")
        })
    }

    /// Whether `class` is a Django model: a project class deriving from
    /// `django.db.models.Model`, or a class imported from a `models` module outside the
    /// analysed code (`from .models import Invoice` when `models.py` is not part of it).
    pub(crate) fn is_django_model(&self, class: &str) -> bool {
        if self.is_class(class) {
            return self
                .ancestors(class)
                .any(|c| matches!(c, "django.db.models.Model" | "django.db.models.base.Model"));
        }
        class
            .rsplit_once('.')
            .is_some_and(|(module, _)| module == "models" || module.ends_with(".models"))
    }

    /// The project method `name` of `class`, through its bases.
    pub(crate) fn resolve_method(&self, class: &str, name: &str) -> Option<String> {
        thread_local! {
            static NAME: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        // The candidate names are built in one buffer: most do not exist.
        NAME.with_borrow_mut(|buffer| {
            self.ancestors(class).find_map(|c| {
                buffer.clear();
                buffer.push_str(c);
                buffer.push('.');
                buffer.push_str(name);
                self.is_function(buffer).then(|| buffer.clone())
            })
        })
    }

    /// `Class.name` for the class and each ancestor: the names models may use.
    pub(crate) fn member_names(&self, class: &str, name: &str) -> Vec<String> {
        self.ancestors(class)
            .map(|c| format!("{c}.{name}"))
            .collect()
    }

    /// The class annotated on attribute `attr` of `class` (or an ancestor).
    pub(crate) fn annotated_field(&self, class: &str, attr: &str) -> Option<&'m str> {
        self.ancestors(class).find_map(|c| {
            self.class_fields
                .get(c)?
                .iter()
                .find(|(name, _)| name == attr)
                .map(|(_, annotation)| annotation.as_str())
        })
    }

    /// Whether calling a function with this summary hands its caller untrusted input:
    /// it returns a source, or an object sources may come from.
    fn hands_out_input(&self, summary: &Summary) -> bool {
        !summary.return_sources.is_empty()
            || summary
                .return_class
                .as_deref()
                .is_some_and(|c| self.may_have_sources(c))
            || summary
                .field_classes
                .iter()
                .any(|(_, c)| self.may_have_sources(c))
    }

    /// Whether values of `class` carry no text: numbers, booleans, UUIDs, dates, enums.
    pub(crate) fn is_scalar(&self, class: &str) -> bool {
        crate::frameworks::SCALAR_ANNOTATIONS.contains(&class) || self.is_enum(class)
    }

    /// Whether the models may give instances of `class` (or of an ancestor) sources: a
    /// class of a library some model row is about.
    pub(crate) fn may_have_sources(&self, class: &str) -> bool {
        self.source_classes.contains(class) || self.with_source_ancestor.contains(class)
    }

    pub(crate) fn is_enum(&self, class: &str) -> bool {
        self.ancestors(class).any(|c| ENUM_BASES.contains(&c))
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

    /// Whether `function` is a Django view: routed in a URLconf, defined in a views module
    /// (`app/views.py`, `api/views/orders.py`), or a method of a class-based view (Django's
    /// or Django REST framework's: `APIView`, `ViewSet`, generic views).
    pub(crate) fn is_django_view(&self, function: &str) -> bool {
        if self.numeric_route_parameters.contains_key(function) {
            return true;
        }
        let Some((owner, _)) = function.rsplit_once('.') else {
            return false;
        };
        if self
            .numeric_route_parameters
            .contains_key(format!("{owner}.*").as_str())
            || self.is_class(owner)
                && self
                    .ancestors(owner)
                    .any(|c| c.starts_with("django.views.") || c.starts_with("rest_framework."))
        {
            return true;
        }
        let module = if self.is_class(owner) {
            owner.rsplit_once('.').map_or(owner, |(m, _)| m)
        } else {
            owner
        };
        // A helper of a views module that project code calls by name gets its arguments
        // from its callers, not from a URL (`render_flatpage(request, page)`).
        module.split('.').any(|part| part.contains("view"))
            && !self.called_by_name.contains(function)
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
    let index_of = FunctionIndex::new(modules);
    let mut summaries = Summaries::default();
    let mut findings: FxHashMap<(u32, u32), Vec<TaintFinding>> = FxHashMap::default();
    let mut callers: FxHashMap<String, FxHashSet<(u32, u32)>> = FxHashMap::default();
    let mut truncated: FxHashSet<(u32, u32)> = FxHashSet::default();
    // Levels from the calls the IR shows directly (functions, constructors, methods of
    // `self`); the calls found during round 1 refine them for the later rounds.
    let facts: Vec<CallFacts> = all
        .par_iter()
        .map(|&(m, f)| {
            call_facts(
                &project,
                &index_of,
                &modules[m as usize].functions[f as usize],
            )
        })
        .collect();
    let graph = CallGraph::new(&project, &all, &facts);
    let mut callees: Vec<Vec<usize>> = graph.callees.clone();
    let mut levels: Vec<u32> = call_levels(&callees);
    let mut relevant = vec![false; all.len()];
    let seeds = (0..all.len()).filter(|&i| facts[i].sources);
    let mut dirty: Vec<(u32, u32)> = graph
        .demand(seeds, &mut relevant)
        .into_iter()
        .map(|i| all[i])
        .collect();
    let mut rounds = 0;
    let mut converged = false;
    let mut analysed_per_round = Vec::new();
    while rounds < options.max_rounds {
        rounds += 1;
        let mut analysed = 0;
        // Within a round, functions run bottom-up by call depth: a batch per level, so a
        // caller usually sees its callees' summaries of this same round.
        let mut pending: std::collections::BTreeMap<u32, FxHashSet<(u32, u32)>> =
            Default::default();
        for id in dirty.drain(..) {
            pending
                .entry(levels[index_of.of(id)])
                .or_default()
                .insert(id);
        }
        let mut next: FxHashSet<(u32, u32)> = FxHashSet::default();
        while let Some((level, batch)) = pending.pop_first() {
            let mut batch: Vec<(u32, u32)> = batch.into_iter().collect();
            batch.sort_unstable();
            analysed += batch.len();
            let outcomes: Vec<_> = batch
                .par_iter()
                .map(|&(m, f)| {
                    let function = &modules[m as usize].functions[f as usize];
                    analyse_function(&project, &summaries, m, function)
                })
                .collect();
            let mut changed: Vec<&str> = Vec::new();
            let mut demanded: Vec<usize> = Vec::new();
            for (&id, outcome) in batch.iter().zip(outcomes) {
                let function = &modules[id.0 as usize].functions[id.1 as usize];
                let i = index_of.of(id);
                for callee in &outcome.callees {
                    callers.entry(callee.clone()).or_default().insert(id);
                    if let Some(&c) = project.functions.get(callee.as_str()) {
                        let c = index_of.of(c);
                        if !callees[i].contains(&c) {
                            callees[i].push(c);
                        }
                        demanded.push(c);
                    }
                }
                findings.insert(id, outcome.findings);
                if outcome.summary.truncated {
                    truncated.insert(id);
                }
                // Only the definition that counts gives the name its summary.
                if project.functions.get(function.qualname.as_str()) != Some(&id) {
                    continue;
                }
                let summary = summaries.entry(function.qualname.clone()).or_default();
                if summary.absorb(&outcome.summary) {
                    changed.push(&function.qualname);
                    if project.hands_out_input(summary) {
                        demanded.extend(&graph.callers[i]);
                    }
                }
            }
            // Functions found relevant now run in this round, at their level.
            for c in graph.demand(demanded, &mut relevant) {
                pending.entry(levels[c]).or_default().insert(all[c]);
            }
            for caller in changed.iter().filter_map(|q| callers.get(*q)).flatten() {
                let caller_level = levels[index_of.of(*caller)];
                if caller_level > level {
                    pending.entry(caller_level).or_default().insert(*caller);
                } else {
                    next.insert(*caller);
                }
            }
        }
        analysed_per_round.push(analysed);
        if rounds == 1 {
            levels = call_levels(&callees);
        }
        if next.is_empty() {
            converged = true;
            break;
        }
        dirty = next.into_iter().collect();
        dirty.sort_unstable();
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
    // One note per module whose functions hit a bound, naming the functions.
    let mut by_module: std::collections::BTreeMap<u32, Vec<&str>> = Default::default();
    for (m, f) in truncated {
        by_module
            .entry(m)
            .or_default()
            .push(&modules[m as usize].functions[f as usize].local_name);
    }
    for (m, mut names) in by_module {
        names.sort_unstable();
        let shown: Vec<String> = names.iter().take(5).map(|n| format!("`{n}`")).collect();
        let more = if names.len() > 5 {
            format!(" and {} more", names.len() - 5)
        } else {
            String::new()
        };
        problems.push(TaintProblem {
            module: Some(m),
            message: format!(
                "taint analysis of {}{more} stopped at a bound ({MAX_FLOWS} flows per summary part, or {} statements evaluated per function); some flows through them may be missed",
                shown.join(", "),
                options.max_steps
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
        analysed_per_round,
    }
}

/// The ancestors of `class` among `classes` (by bases), nearest first, itself left out;
/// at most 31, through at most [`MAX_HIERARCHY`] levels of four bases.
fn ancestors_of<'m>(classes: &FxHashMap<&'m str, &'m [String]>, class: &'m str) -> Vec<&'m str> {
    let mut out: Vec<&'m str> = vec![class];
    let mut i = 0;
    while i < out.len() && out.len() < 32 && i < MAX_HIERARCHY * 4 {
        if let Some(bases) = classes.get(out[i]) {
            for base in bases.iter() {
                if !out.contains(&base.as_str()) {
                    out.push(base.as_str());
                }
            }
        }
        i += 1;
    }
    out.remove(0);
    out
}

/// Each function's level in the call graph: 0 for functions that call no project
/// function, else one more than the deepest callee outside its own cycle. Members of a
/// cycle (a strongly connected component) share a level.
fn call_levels(callees: &[Vec<usize>]) -> Vec<u32> {
    let n = callees.len();
    // Tarjan's algorithm, iterative. Components come out callees first.
    let mut index = vec![u32::MAX; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![u32::MAX; n];
    let mut components: Vec<Vec<usize>> = Vec::new();
    let mut counter = 0u32;
    for root in 0..n {
        if index[root] != u32::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut next)) = work.last_mut() {
            if let Some(&w) = callees[v].get(*next) {
                *next += 1;
                if index[w] == u32::MAX {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let id = components.len() as u32;
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = id;
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                components.push(members);
            }
        }
    }
    let mut component_level = vec![0u32; components.len()];
    for (id, members) in components.iter().enumerate() {
        let mut level = 0;
        for &m in members {
            for &c in &callees[m] {
                let other = component[c] as usize;
                if other != id {
                    level = level.max(component_level[other] + 1);
                }
            }
        }
        component_level[id] = level;
    }
    (0..n)
        .map(|f| component_level[component[f] as usize])
        .collect()
}

/// What a function's IR shows without analysing it.
#[derive(Default)]
struct CallFacts<'m> {
    /// Project functions it names (positions in the [`FunctionIndex`]): qualified calls,
    /// constructors (their `__init__`), methods called on `self`, functions it refers to.
    callees: Vec<usize>,
    /// Names of methods it calls on receivers of unknown class.
    methods: &'m [Name],
    /// Whether untrusted input may enter here: a source, a framework parameter, or a
    /// value of a library class the models may give sources to.
    sources: bool,
}

fn call_facts<'m>(
    project: &Project<'_>,
    index: &FunctionIndex,
    function: &'m FunctionIr,
) -> CallFacts<'m> {
    let mentions = &function.mentions;
    let self_class = function.params.first().and_then(|p| p.class.as_deref());
    let mut sources = function.params.iter().enumerate().any(|(i, p)| {
        p.source.as_ref().is_some_and(|s| {
            project.is_untrusted(s.threat)
                && (!s.needs_dependency || project.is_fastapi_dependency(&function.qualname))
        }) || project
            .parameter_class(function, i)
            .is_some_and(|c| project.may_have_sources(c))
    }) || mentions
        .source_threats
        .iter()
        .any(|&t| project.is_untrusted(t));
    let mut named: Vec<String> = Vec::new();
    // A method reads what the constructor stored (`self.conn`'s class).
    if let Some(class) = self_class {
        named.extend(project.resolve_method(class, "__init__"));
        for name in &mentions.self_methods {
            named.extend(project.resolve_method(class, name));
        }
    }
    // `HANDLERS[verb](…)` and `HANDLERS.get(verb)(…)` (`pkg.commands.HANDLERS.get` when
    // imported): every function of the table may be called.
    let tables = mentions.refs.iter().map(Name::as_str).chain(
        mentions
            .calls
            .iter()
            .filter_map(|q| q.rsplit_once('.').map(|(table, _)| table)),
    );
    for q in tables {
        if let Some(entries) = project.table(q) {
            named.extend(entries.iter().map(|(_, f)| f.clone()));
        }
    }
    for q in &mentions.calls {
        if project.is_class(q) {
            named.extend(project.resolve_method(q, "__init__"));
        } else {
            // `argparse.ArgumentParser()`: an object with source methods.
            sources |= project.may_have_sources(&project.class_made_by(q, &[]));
        }
    }
    sources |= mentions
        .self_methods
        .iter()
        .chain(&mentions.methods)
        .any(|name| project.source_methods.contains(name.as_str()))
        || mentions
            .instances
            .iter()
            .any(|made_by| project.may_have_sources(&project.class_made_by(made_by, &[])));
    let mut callees: Vec<usize> = named
        .iter()
        .map(String::as_str)
        .chain(
            mentions
                .calls
                .iter()
                .chain(&mentions.refs)
                .map(Name::as_str),
        )
        .filter_map(|q| project.functions.get(q).map(|&id| index.of(id)))
        .collect();
    callees.sort_unstable();
    callees.dedup();
    CallFacts {
        callees,
        methods: &mentions.methods,
        sources,
    }
}

/// The position of each function `(module, function)` in the list of every function of
/// the project, module by module.
struct FunctionIndex {
    /// Position of each module's first function.
    offsets: Vec<usize>,
}

impl FunctionIndex {
    fn new(modules: &[ModuleIr]) -> Self {
        let mut offsets = Vec::with_capacity(modules.len());
        let mut next = 0;
        for module in modules {
            offsets.push(next);
            next += module.functions.len();
        }
        FunctionIndex { offsets }
    }

    fn of(&self, (m, f): (u32, u32)) -> usize {
        self.offsets[m as usize] + f as usize
    }
}

/// The call graph the IR shows before analysis, for choosing which functions to analyse.
///
/// Only functions that can see untrusted input are analysed, found on demand: those where
/// it may enter (a source, a framework parameter, a value of a library class the models
/// give sources to), every function an analysed function calls (its summary may carry the
/// input on or say what class its result is), and the callers of a function whose summary
/// hands input out (it returns a source, or an object sources may come from).
struct CallGraph {
    /// Project functions each function names: calls, constructors, methods of `self`.
    callees: Vec<Vec<usize>>,
    /// Who may call each function: named calls, and method calls by a name few methods
    /// share (following every `.get(…)` up would make almost everything relevant).
    callers: Vec<Vec<usize>>,
}

impl CallGraph {
    fn new(project: &Project<'_>, all: &[(u32, u32)], facts: &[CallFacts<'_>]) -> Self {
        let n = all.len();
        let mut by_name: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, &(m, f)) in all.iter().enumerate() {
            let q = project.modules[m as usize].functions[f as usize]
                .qualname
                .as_str();
            by_name
                .entry(q.rsplit('.').next().unwrap_or(q))
                .or_default()
                .push(i);
        }
        let mut callees: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut callers: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, f) in facts.iter().enumerate() {
            for &c in &f.callees {
                callers[c].push(i);
            }
            callees[i].clone_from(&f.callees);
            for m in f.methods {
                let targets = by_name.get(m.as_str()).map_or(&[][..], Vec::as_slice);
                if targets.len() <= MAX_SHARED_NAME {
                    for &c in targets {
                        callers[c].push(i);
                    }
                }
            }
        }
        CallGraph { callees, callers }
    }

    /// Marks `start` and every function they name, transitively, as relevant; returns
    /// the ones that were not yet.
    fn demand(&self, start: impl IntoIterator<Item = usize>, relevant: &mut [bool]) -> Vec<usize> {
        let mut added = Vec::new();
        let mut stack: Vec<usize> = start.into_iter().filter(|&i| !relevant[i]).collect();
        for &i in &stack {
            relevant[i] = true;
        }
        while let Some(i) = stack.pop() {
            added.push(i);
            for &j in &self.callees[i] {
                if !relevant[j] {
                    relevant[j] = true;
                    stack.push(j);
                }
            }
        }
        added
    }
}
