//! Abstract values: which untrusted inputs (or, inside a summary, which parameters) a
//! value may hold, per field, with the trace of how each got there.

use crate::ir::Key;
use moat_models::KindSet;
use moat_python::TextRange;
use std::rc::Rc;

/// Most labels one value keeps; more are dropped (and the bound is reported).
pub(crate) const MAX_LABELS: usize = 12;
/// Most fields one value keeps.
pub(crate) const MAX_FIELDS: usize = 24;
/// Deepest field nesting kept.
pub(crate) const MAX_DEPTH: usize = 4;
/// Longest trace kept; later steps are dropped, the sink is always shown.
pub(crate) const MAX_TRACE: u16 = 24;

/// One step of a trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Index of the module in the analysed project.
    pub module: u32,
    pub range: TextRange,
    pub message: String,
}

/// A trace, shared between the labels that extend it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trace(Option<Rc<TraceNode>>);

#[derive(Debug)]
struct TraceNode {
    step: Step,
    prev: Trace,
    len: u16,
}

impl Trace {
    pub(crate) fn len(&self) -> u16 {
        self.0.as_ref().map_or(0, |n| n.len)
    }

    /// This trace followed by `step` (unchanged once it is [`MAX_TRACE`] long).
    pub(crate) fn then(&self, step: Step) -> Trace {
        if self.len() >= MAX_TRACE {
            return self.clone();
        }
        Trace(Some(Rc::new(TraceNode {
            step,
            prev: self.clone(),
            len: self.len() + 1,
        })))
    }

    /// This trace followed by `steps`.
    pub(crate) fn extend(&self, steps: &[Step]) -> Trace {
        steps.iter().fold(self.clone(), |t, s| t.then(s.clone()))
    }

    pub(crate) fn to_vec(&self) -> Vec<Step> {
        let mut steps = Vec::with_capacity(self.len() as usize);
        let mut current = &self.0;
        while let Some(node) = current {
            steps.push(node.step.clone());
            current = &node.prev.0;
        }
        steps.reverse();
        steps
    }
}

/// Where a label's data came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Untrusted input read at `range` of `module`.
    Source {
        module: u32,
        range: TextRange,
        description: Rc<str>,
    },
    /// The function's parameter `index` (or its field), while computing a summary.
    Param { index: u16, field: Option<Key> },
}

/// One origin a value may hold, with the kinds it was made safe for on the way.
#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub origin: Origin,
    pub sanitized: KindSet,
    pub trace: Trace,
}

impl Label {
    fn same(&self, other: &Label) -> bool {
        self.origin == other.origin && self.sanitized == other.sanitized
    }
}

/// An abstract value.
#[derive(Debug, Clone, Default)]
pub(crate) struct Value {
    pub labels: Vec<Label>,
    /// Known fields: attributes, constant keys and indexes. A field not listed holds what
    /// `labels` holds.
    pub fields: Vec<(Key, Value)>,
    /// The class of the object, when known.
    pub class: Option<Rc<str>>,
    /// The project function this value is (a lambda, a nested `def`, a function object).
    pub function: Option<Rc<str>>,
}

impl Value {
    pub(crate) fn with_labels(labels: Vec<Label>) -> Value {
        Value {
            labels,
            ..Value::default()
        }
    }

    /// Whether the value holds no label anywhere.
    pub(crate) fn is_clean(&self) -> bool {
        self.labels.is_empty() && self.fields.iter().all(|(_, v)| v.is_clean())
    }

    /// Adds labels, merging duplicates; returns false if the bound dropped some.
    pub(crate) fn add_labels(&mut self, labels: impl IntoIterator<Item = Label>) -> bool {
        let mut complete = true;
        for label in labels {
            if self.labels.iter().any(|l| l.same(&label)) {
                continue;
            }
            if self.labels.len() >= MAX_LABELS {
                complete = false;
                continue;
            }
            self.labels.push(label);
        }
        complete
    }

    /// Every label of the value and its fields.
    pub(crate) fn deep_labels(&self) -> Vec<Label> {
        let mut out = Value::default();
        self.collect_into(&mut out, 0);
        out.labels
    }

    fn collect_into(&self, out: &mut Value, depth: usize) {
        out.add_labels(self.labels.iter().cloned());
        if depth < MAX_DEPTH {
            for (_, v) in &self.fields {
                v.collect_into(out, depth + 1);
            }
        }
    }

    /// The value with every label and field flattened into its own labels. A parameter's
    /// label becomes "somewhere inside the parameter", so reading a field of the result
    /// (an element's attribute) does not pretend to know which field of the argument it is.
    pub(crate) fn flattened(&self) -> Value {
        let labels = self
            .deep_labels()
            .into_iter()
            .map(|mut l| {
                if let Origin::Param { field, .. } = &mut l.origin
                    && field.is_none()
                {
                    *field = Some(Key::Any);
                }
                l
            })
            .collect();
        Value {
            labels,
            fields: Vec::new(),
            class: None,
            function: None,
        }
    }

    /// The value of field `key`.
    pub(crate) fn field(&self, key: &Key) -> Value {
        if *key == Key::Any {
            return self.flattened();
        }
        if let Some((_, v)) = self.fields.iter().find(|(k, _)| k == key) {
            return v.clone();
        }
        let labels = self
            .labels
            .iter()
            .map(|l| match &l.origin {
                Origin::Param { index, field: None } => Label {
                    origin: Origin::Param {
                        index: *index,
                        field: Some(key.clone()),
                    },
                    sanitized: l.sanitized,
                    trace: l.trace.clone(),
                },
                _ => l.clone(),
            })
            .collect();
        Value::with_labels(labels)
    }

    /// Writes `value` at `path` under this value: a strong update for constant keys,
    /// a weak one (added to what is there) through `Key::Any`.
    pub(crate) fn set_path(&mut self, path: &[Key], value: Value, depth: usize) {
        let Some((first, rest)) = path.split_first() else {
            *self = value;
            return;
        };
        if *first == Key::Any || depth >= MAX_DEPTH {
            let labels = value.deep_labels();
            self.add_labels(labels);
            return;
        }
        if let Some((_, slot)) = self.fields.iter_mut().find(|(k, _)| k == first) {
            slot.set_path(rest, value, depth + 1);
            return;
        }
        if self.fields.len() >= MAX_FIELDS {
            let labels = value.deep_labels();
            self.add_labels(labels);
            return;
        }
        let mut slot = self.field(first);
        slot.set_path(rest, value, depth + 1);
        self.fields.push((first.clone(), slot));
    }

    /// Adds labels to field `key`, creating it if needed (a weak update).
    pub(crate) fn add_field_labels(&mut self, key: &Key, labels: Vec<Label>) {
        if let Some((_, slot)) = self.fields.iter_mut().find(|(k, _)| k == key) {
            slot.add_labels(labels);
        } else if self.fields.len() < MAX_FIELDS && *key != Key::Any {
            let mut slot = self.field(key);
            slot.add_labels(labels);
            self.fields.push((key.clone(), slot));
        } else {
            self.add_labels(labels);
        }
    }

    /// The join of two values (what either may hold).
    pub(crate) fn join(&self, other: &Value) -> Value {
        let mut out = self.clone();
        out.join_in(other, 0);
        out
    }

    fn join_in(&mut self, other: &Value, depth: usize) {
        // A field only one side lists holds, on the other side, that side's labels.
        let mine: Vec<Key> = self.fields.iter().map(|(k, _)| k.clone()).collect();
        for (key, value) in &other.fields {
            if let Some((_, slot)) = self.fields.iter_mut().find(|(k, _)| k == key) {
                if depth < MAX_DEPTH {
                    slot.join_in(value, depth + 1);
                } else {
                    let labels = value.deep_labels();
                    slot.add_labels(labels);
                }
            } else if self.fields.len() < MAX_FIELDS {
                let mut slot = self.field(key);
                slot.join_in(value, depth + 1);
                self.fields.push((key.clone(), slot));
            } else {
                let labels = value.deep_labels();
                self.add_labels(labels);
            }
        }
        for key in mine {
            if !other.fields.iter().any(|(k, _)| *k == key) {
                let theirs = other.field(&key);
                if let Some((_, slot)) = self.fields.iter_mut().find(|(k, _)| *k == key) {
                    slot.add_labels(theirs.labels);
                }
            }
        }
        self.add_labels(other.labels.iter().cloned());
        if self.class != other.class {
            self.class = self.class.clone().or_else(|| other.class.clone());
        }
        if self.function.is_none() {
            self.function = other.function.clone();
        }
    }

    /// A cheap measure that grows whenever the value gains something (loop fixpoints).
    pub(crate) fn weight(&self) -> usize {
        self.labels.len()
            + self
                .fields
                .iter()
                .map(|(_, v)| 1 + v.weight())
                .sum::<usize>()
    }

    /// The value with `kinds` added to every label's sanitized set (`all`: no labels).
    pub(crate) fn sanitized(&self, kinds: KindSet) -> Value {
        if kinds.is_all() {
            return Value {
                class: self.class.clone(),
                ..Value::default()
            };
        }
        self.relabelled(|sanitized| sanitized.with(kinds))
    }

    /// The value (flattened) with `kinds` taken out of every label's sanitized set: text
    /// that was safe for them is not where it now goes (`{"$where": text}` runs it).
    pub(crate) fn unsanitized(&self, kinds: KindSet) -> Value {
        self.relabelled(|sanitized| sanitized.without(kinds))
    }

    /// The value flattened into its labels, each label's sanitized set changed by `change`.
    fn relabelled(&self, change: impl Fn(KindSet) -> KindSet) -> Value {
        let mut out = Value::with_labels(
            self.deep_labels()
                .into_iter()
                .map(|mut l| {
                    l.sanitized = change(l.sanitized);
                    l
                })
                .collect(),
        );
        out.class = self.class.clone();
        out
    }

    /// Marks labels safe for `kinds` in place (a guard), optionally only those that went
    /// through a normalisation.
    pub(crate) fn guard(&mut self, kinds: KindSet, needs_normalized: bool) {
        for label in &mut self.labels {
            if !needs_normalized || label.sanitized.covers(KindSet::NORMALIZED) {
                label.sanitized = label.sanitized.with(kinds);
            }
        }
        for (_, v) in &mut self.fields {
            v.guard(kinds, needs_normalized);
        }
    }

    /// Appends `step` to every label's trace.
    pub(crate) fn traced(mut self, step: &Step) -> Value {
        self.map_traces(&|t| t.then(step.clone()));
        self
    }

    fn map_traces(&mut self, f: &dyn Fn(&Trace) -> Trace) {
        for label in &mut self.labels {
            label.trace = f(&label.trace);
        }
        for (_, v) in &mut self.fields {
            v.map_traces(f);
        }
    }
}
