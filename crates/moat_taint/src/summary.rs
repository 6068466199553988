//! Function summaries: what a call to a project function does with taint, computed
//! without knowing the caller.

use crate::ir::Key;
use crate::value::Step;
use moat_models::{Kind, KindSet};
use moat_python::TextRange;

/// Most flows of each sort a summary keeps.
pub(crate) const MAX_FLOWS: usize = 64;

/// A parameter (or one of its fields) reaching somewhere. Flows are equal when they have
/// the same origin and sanitizers, whatever their steps: a recursive call finds ever
/// longer traces of the same flow, and the fixpoint must not chase them.
#[derive(Debug, Clone)]
pub(crate) struct ParamFlow {
    pub index: u16,
    pub field: Option<Key>,
    /// For a return flow: the field of the returned value it lands in (`None`: the
    /// value itself).
    pub to_field: Option<Key>,
    pub sanitized: KindSet,
    pub steps: Vec<Step>,
}

/// Untrusted input the function itself reads and returns (equal like [`ParamFlow`]s).
#[derive(Debug, Clone)]
pub(crate) struct SourceFlow {
    /// The field of the returned value it lands in.
    pub to_field: Option<Key>,
    pub module: u32,
    pub range: TextRange,
    pub description: String,
    pub sanitized: KindSet,
    pub steps: Vec<Step>,
}

/// Where a sink is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SinkSite {
    pub module: u32,
    pub range: TextRange,
    pub statement: TextRange,
    /// The function holding the sink, as named within its module.
    pub function: String,
    /// What is called, for messages (`sqlite3.Cursor.execute`).
    pub callee: String,
}

/// A parameter reaching a sink inside the function (or a function it calls).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParamSink {
    pub flow: ParamFlow,
    pub kind: Kind,
    pub site: SinkSite,
}

/// A method called on a parameter (or one field of it) whose class the function does not
/// know, with the parameters that reach its arguments: a sink once a caller passes an
/// object whose class's model has one (`resp.headers[name] = value` in a helper a caller
/// gives a Flask response).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClassSink {
    /// The parameter the method is called on, and the field of it.
    pub receiver: u16,
    pub receiver_field: Option<Key>,
    pub method: String,
    /// For each positional argument, the parameters that reach it.
    pub args: Vec<Vec<ParamFlow>>,
    /// For each named argument, the parameters that reach it.
    pub keywords: Vec<(String, Vec<ParamFlow>)>,
    pub site: SinkSite,
}

/// A function's summary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Summary {
    pub returns: Vec<ParamFlow>,
    pub return_sources: Vec<SourceFlow>,
    pub sinks: Vec<ParamSink>,
    /// Methods called on parameters of unknown class (see [`ClassSink`]).
    pub class_sinks: Vec<ClassSink>,
    /// `self.attr = param` writes, for constructors and setters.
    pub receiver_fields: Vec<(Key, ParamFlow)>,
    pub return_class: Option<String>,
    /// Classes of the receiver's attributes at the end (`self.conn = sqlite3.connect()`).
    pub field_classes: Vec<(Key, String)>,
    /// The receiver's attributes at the end, each with whether its value holds anything
    /// from a parameter or a source; `false` is an attribute the function sets from
    /// constants or settings (`self.host = settings.HOST` in `__init__`). Only ever
    /// turns `false` into `true`, so summaries keep growing.
    pub fields_set: Vec<(Key, bool)>,
    /// A bound was hit while computing it.
    pub truncated: bool,
}

impl PartialEq for ParamFlow {
    fn eq(&self, other: &Self) -> bool {
        (self.index, &self.field, &self.to_field, self.sanitized)
            == (other.index, &other.field, &other.to_field, other.sanitized)
    }
}

impl Eq for ParamFlow {}

impl PartialEq for SourceFlow {
    fn eq(&self, other: &Self) -> bool {
        (self.module, self.range, &self.to_field, self.sanitized)
            == (other.module, other.range, &other.to_field, other.sanitized)
    }
}

impl Eq for SourceFlow {}

impl ParamFlow {
    /// Whether `self` says everything `other` says: the same parameter, landing in the
    /// same place with the same sanitizers, and the whole parameter or the same field.
    fn covers(&self, other: &ParamFlow) -> bool {
        self.index == other.index
            && self.to_field == other.to_field
            && self.sanitized == other.sanitized
            && (self.field.is_none() || self.field == other.field)
    }
}

/// Adds `item` unless an equal (or covering) one is there; returns whether it was added.
fn add<T: PartialEq + Clone>(
    list: &mut Vec<T>,
    item: &T,
    covered: impl Fn(&T, &T) -> bool,
    truncated: &mut bool,
) -> bool {
    if list.iter().any(|x| x == item || covered(x, item)) {
        return false;
    }
    if list.len() >= MAX_FLOWS {
        *truncated = true;
        return false;
    }
    list.push(item.clone());
    true
}

impl Summary {
    /// Merges what a new analysis of the function found into this summary. Summaries only
    /// grow (each part is bounded by [`MAX_FLOWS`]), so the project fixpoint terminates
    /// whatever order flows are found in. Returns whether anything was added.
    pub(crate) fn absorb(&mut self, new: &Summary) -> bool {
        let mut changed = false;
        let mut truncated = self.truncated || new.truncated;
        for flow in &new.returns {
            changed |= add(&mut self.returns, flow, ParamFlow::covers, &mut truncated);
        }
        for flow in &new.return_sources {
            changed |= add(&mut self.return_sources, flow, |_, _| false, &mut truncated);
        }
        for sink in &new.sinks {
            changed |= add(
                &mut self.sinks,
                sink,
                |a, b| a.kind == b.kind && a.site == b.site && a.flow.covers(&b.flow),
                &mut truncated,
            );
        }
        for sink in &new.class_sinks {
            changed |= add(&mut self.class_sinks, sink, |_, _| false, &mut truncated);
        }
        for field in &new.receiver_fields {
            changed |= add(
                &mut self.receiver_fields,
                field,
                |a, b| a.0 == b.0 && a.1.covers(&b.1),
                &mut truncated,
            );
        }
        for field in &new.field_classes {
            changed |= add(
                &mut self.field_classes,
                field,
                |a, b| a.0 == b.0,
                &mut truncated,
            );
        }
        for (key, labelled) in &new.fields_set {
            let full = self.fields_set.len() >= MAX_FLOWS;
            match self.fields_set.iter_mut().find(|(k, _)| k == key) {
                Some((_, known)) => {
                    if *labelled && !*known {
                        *known = true;
                        changed = true;
                    }
                }
                None if full => truncated = true,
                None => {
                    self.fields_set.push((key.clone(), *labelled));
                    changed = true;
                }
            }
        }
        if self.return_class.is_none() && new.return_class.is_some() {
            self.return_class.clone_from(&new.return_class);
            changed = true;
        }
        if truncated && !self.truncated {
            self.truncated = true;
            changed = true;
        }
        changed
    }
}
