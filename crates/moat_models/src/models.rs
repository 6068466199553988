//! Validated models, indexed by target for the taint engine.

use crate::kinds::{Kind, KindSet};
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicBool, Ordering};

pub use moat_diagnostics::Threat;

/// Whether a source is the value named or the result of calling it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Value,
    Call,
}

/// Where untrusted data enters.
#[derive(Debug, Clone)]
pub struct Source {
    pub threat: Threat,
    pub access: Access,
    /// When set, only these constant keys of the value hold untrusted input (a trailing
    /// `*` matches any rest: `HTTP_*`); a read with another constant key is not a source.
    pub keys: Option<Vec<String>>,
    /// The URL of the request being handled (`request.path`, `get_full_path()`): a view
    /// the URL was routed to may redirect to it, but middleware sees every URL.
    pub request_url: bool,
    /// The value is text (or a mapping of text: `request.args`), not a structure: safe as
    /// a value in a NoSQL filter.
    pub text: bool,
    pub row: RowId,
}

impl Source {
    /// The kinds what this source gives is safe for from the start.
    pub fn safe_for(&self) -> KindSet {
        if self.text {
            KindSet::TEXT
        } else {
            KindSet::EMPTY
        }
    }

    /// Whether reading constant key `key` of the value gives untrusted input.
    pub fn key_is_untrusted(&self, key: &str) -> bool {
        self.keys.as_ref().is_none_or(|keys| {
            keys.iter().any(|k| match k.strip_suffix('*') {
                Some(prefix) => key.starts_with(prefix),
                None => k == key,
            })
        })
    }
}

/// Which argument of a call a sink or guard looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgSpec {
    /// The object the method is called on.
    Receiver,
    /// A positional argument, a keyword argument, or either; with `element`, only that
    /// element of it (`subprocess.run([program, …])`: element 0); with `keys`, only the
    /// mapping's own keys, not the values under constant keys (`defaults=` of Django's
    /// `update_or_create`).
    Argument {
        position: Option<u32>,
        keyword: Option<String>,
        element: Option<u32>,
        keys: bool,
    },
    /// Every argument (`logger.info("%s", user)`).
    All,
    /// The mappings unpacked as keywords (`**fields`), as a whole: their keys choose what
    /// is set (`Profile.objects.create(**request.POST.dict())`), while a dict written with
    /// constant keys only chooses the values.
    Spread,
}

/// A constant a `when` condition compares a keyword with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhenValue {
    Bool(bool),
    Int(i64),
    Str(String),
}

/// A condition on a call's keywords that makes a sink apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// The keyword is given as this constant (a string also matches a value whose
    /// qualified name it is: `Loader=yaml.UnsafeLoader`).
    Equals { keyword: String, value: WhenValue },
    /// The keyword is not given.
    Absent { keyword: String },
    /// The argument (by position or keyword) is an instance of `class`
    /// (`parser=` an `XMLParser` made with `resolve_entities=True`).
    Class {
        position: Option<u32>,
        keyword: Option<String>,
        class: String,
    },
}

/// A dangerous argument.
#[derive(Debug, Clone)]
pub struct Sink {
    pub kind: Kind,
    pub arg: ArgSpec,
    pub when: Option<When>,
    pub row: RowId,
}

/// A check whose branch makes its argument safe for some kinds.
#[derive(Debug, Clone)]
pub struct Guard {
    /// The checked argument's position...
    pub arg: u32,
    /// ...or keyword, when it may be passed by name.
    pub keyword: Option<String>,
    pub branch: bool,
    pub kinds: KindSet,
    pub row: RowId,
}

/// Where a summary takes taint from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowFrom {
    Arg(u32),
    Keyword(String),
    Receiver,
    Args,
}

/// Where a summary puts taint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowTo {
    Return,
    Receiver,
}

/// Taint moving through a call.
#[derive(Debug, Clone)]
pub struct Summary {
    pub from: FlowFrom,
    pub to: FlowTo,
    /// Kinds the result is no longer safe for (`json.loads` of text makes structures).
    pub undoes: KindSet,
    pub row: RowId,
}

/// A sanitizer: the kinds its result is safe for.
#[derive(Debug, Clone, Copy)]
pub struct Sanitizer {
    pub kinds: KindSet,
    pub row: RowId,
}

/// The class Moat gives a list whose elements are instances of `class`.
pub fn list_of(class: &str) -> String {
    format!("list[{class}]")
}

/// The class of the elements of a list of class `class` (see [`list_of`]).
pub fn element_of(class: &str) -> Option<&str> {
    class.strip_prefix("list[")?.strip_suffix(']')
}

/// A class produced by a call or attribute (a list of instances for a row with
/// `elements = true`: its name is then [`list_of`] the row's `name`).
#[derive(Debug, Clone)]
pub struct TypeOf {
    pub name: String,
    /// Only when the call's keywords say so (a class name per configuration).
    pub when: Option<When>,
    pub row: RowId,
}

/// Which function a callback row is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackArg {
    /// The argument at this position or with this keyword (`asyncio.start_server(handle)`).
    Argument {
        position: Option<u32>,
        keyword: Option<String>,
    },
    /// The function the call's result decorates (`@routes.get("/")`).
    Decorated,
}

/// A library function that calls a function it is given later, with arguments of known
/// classes (`asyncio.start_server` calls its callback with a `StreamReader` and a
/// `StreamWriter`).
#[derive(Debug, Clone)]
pub struct Callback {
    pub arg: CallbackArg,
    /// The class of each positional argument the function receives.
    pub parameters: Vec<String>,
    pub row: RowId,
}

/// A library class whose members are also its bases' (`rest_framework.request.Request`
/// hands every attribute it lacks to Django's `HttpRequest`).
#[derive(Debug, Clone)]
pub struct ClassModel {
    pub bases: Vec<String>,
    pub row: RowId,
}

/// The index of a model row in [`Models::rows`].
pub type RowId = u32;

/// Where a row was written, for messages and the coverage test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowInfo {
    pub file: String,
    pub line: u32,
    pub table: &'static str,
    pub target: String,
}

/// Every model, indexed by target (a resolved qualified name; `*.name` for a method on a
/// receiver of unknown class).
#[derive(Debug, Default)]
pub struct Models {
    pub(crate) sources: FxHashMap<String, Source>,
    pub(crate) sinks: FxHashMap<String, Vec<Sink>>,
    /// The method names of the sinks whose target is a class's method (`__setitem__` of
    /// `werkzeug.datastructures.Headers.__setitem__`).
    pub(crate) sink_methods: rustc_hash::FxHashSet<String>,
    pub(crate) sanitizers: FxHashMap<String, Sanitizer>,
    pub(crate) guards: FxHashMap<String, Vec<Guard>>,
    pub(crate) summaries: FxHashMap<String, Vec<Summary>>,
    pub(crate) types: FxHashMap<String, Vec<TypeOf>>,
    /// What the `from` of some `[[type]]` row is a member of (`django.db.connections` for
    /// `django.db.connections.__getitem__`).
    pub(crate) typed_owners: rustc_hash::FxHashSet<String>,
    pub(crate) callbacks: FxHashMap<String, Vec<Callback>>,
    /// The last part of each callback target's name (`start_server`), for a quick test.
    pub(crate) callback_names: rustc_hash::FxHashSet<String>,
    /// Library classes with bases, by name (`[[class]]` rows).
    pub(crate) classes: FxHashMap<String, ClassModel>,
    pub(crate) rows: Vec<RowInfo>,
    /// Whether each row has matched some code: set by the lookups below when they find
    /// a row, read by the corpus test that every row is exercised ([`Models::used_rows`]).
    pub(crate) used: Vec<AtomicBool>,
    /// Top-level modules some row's target starts with.
    pub(crate) roots: rustc_hash::FxHashSet<String>,
}

impl Models {
    /// Notes that row `row` matched some code.
    fn mark(&self, row: RowId) {
        if let Some(flag) = self.used.get(row as usize)
            && !flag.load(Ordering::Relaxed)
        {
            flag.store(true, Ordering::Relaxed);
        }
    }

    /// Notes that each of `rows` matched some code, and gives them back.
    fn marked<'r, T>(&self, rows: &'r [T], row: impl Fn(&T) -> RowId) -> &'r [T] {
        for r in rows {
            self.mark(row(r));
        }
        rows
    }

    /// The rows that have matched some code since these models were loaded: a source read,
    /// a sink, sanitizer, guard, summary, type or callback target called.
    pub fn used_rows(&self) -> Vec<RowId> {
        (0..self.used.len() as RowId)
            .filter(|&r| self.used[r as usize].load(Ordering::Relaxed))
            .collect()
    }

    /// The source named `target`.
    pub fn source(&self, target: &str) -> Option<&Source> {
        let source = self.sources.get(target)?;
        self.mark(source.row);
        Some(source)
    }

    /// The sinks of `target`.
    pub fn sinks(&self, target: &str) -> &[Sink] {
        let sinks = self.sinks.get(target).map_or(&[][..], Vec::as_slice);
        self.marked(sinks, |s| s.row)
    }

    /// Whether some sink is a method `name` of a class (not `*.name`).
    pub fn is_sink_method(&self, name: &str) -> bool {
        self.sink_methods.contains(name)
    }

    /// The sanitizer `target`, if it is one.
    pub fn sanitizer(&self, target: &str) -> Option<&Sanitizer> {
        let sanitizer = self.sanitizers.get(target)?;
        self.mark(sanitizer.row);
        Some(sanitizer)
    }

    /// The guards `target` is.
    pub fn guards(&self, target: &str) -> &[Guard] {
        let guards = self.guards.get(target).map_or(&[][..], Vec::as_slice);
        self.marked(guards, |g| g.row)
    }

    /// How taint moves through `target`.
    pub fn summaries(&self, target: &str) -> &[Summary] {
        let summaries = self.summaries.get(target).map_or(&[][..], Vec::as_slice);
        self.marked(summaries, |s| s.row)
    }

    /// The class a call to (or read of) `target` produces, when no condition applies.
    pub fn type_of(&self, target: &str) -> Option<&TypeOf> {
        let found = self.types.get(target)?.iter().find(|t| t.when.is_none())?;
        self.mark(found.row);
        Some(found)
    }

    /// Whether some `[[type]]` row types a member of `owner` (`owner.attr`,
    /// `owner.__getitem__`).
    pub fn has_typed_members(&self, owner: &str) -> bool {
        self.typed_owners.contains(owner)
    }

    /// Every `[[type]]` row of `target`, conditional ones first.
    pub fn types_of(&self, target: &str) -> &[TypeOf] {
        let types = self.types.get(target).map_or(&[][..], Vec::as_slice);
        self.marked(types, |t| t.row)
    }

    /// The functions `target` calls back, by argument.
    pub fn callbacks(&self, target: &str) -> &[Callback] {
        let callbacks = self.callbacks.get(target).map_or(&[][..], Vec::as_slice);
        self.marked(callbacks, |c| c.row)
    }

    /// Every `[[class]]` row's class with its bases, without noting them as used (see
    /// [`Models::note_class_used`]).
    pub fn classes(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.classes
            .iter()
            .map(|(name, c)| (name.as_str(), c.bases.as_slice()))
    }

    /// Notes that the `[[class]]` row of `name` gave some lookup its bases.
    pub fn note_class_used(&self, name: &str) {
        if let Some(class) = self.classes.get(name) {
            self.mark(class.row);
        }
    }

    /// Whether some `[[callback]]` row's target ends in `.name` (or is `name`), so that
    /// lowering resolves only the calls that may be one.
    pub fn may_call_back(&self, name: &str) -> bool {
        self.callback_names.contains(name)
    }

    /// Whether any row mentions `target` itself.
    pub fn mentions(&self, target: &str) -> bool {
        self.sources.contains_key(target)
            || self.sinks.contains_key(target)
            || self.sanitizers.contains_key(target)
            || self.guards.contains_key(target)
            || self.summaries.contains_key(target)
            || self.types.contains_key(target)
            || self.callbacks.contains_key(target)
            || self.classes.contains_key(target)
    }

    /// Whether some row's target is in the top-level module `root`.
    pub fn mentions_module(&self, root: &str) -> bool {
        self.roots.contains(root)
    }

    /// Every `[[type]]` row as `(from, type)`.
    pub fn all_types(&self) -> impl Iterator<Item = (&str, &TypeOf)> {
        self.types
            .iter()
            .flat_map(|(from, types)| types.iter().map(move |t| (from.as_str(), t)))
    }

    /// Every source target.
    pub fn source_targets(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    /// Every row, in load order.
    pub fn rows(&self) -> &[RowInfo] {
        &self.rows
    }

    /// A copy without the sources whose threat is not in `untrusted`.
    pub fn retain_threats(&mut self, untrusted: &[Threat]) {
        self.sources.retain(|_, s| untrusted.contains(&s.threat));
    }
}
