//! Function summaries: what a call to a project function does with taint, computed
//! without knowing the caller.

use crate::ir::Key;
use crate::value::Step;
use moat_models::{Kind, KindSet};
use moat_python::TextRange;

/// Most flows of each sort a summary keeps.
pub(crate) const MAX_FLOWS: usize = 32;

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

/// A function's summary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Summary {
    pub returns: Vec<ParamFlow>,
    pub return_sources: Vec<SourceFlow>,
    pub sinks: Vec<ParamSink>,
    /// `self.attr = param` writes, for constructors and setters.
    pub receiver_fields: Vec<(Key, ParamFlow)>,
    pub return_class: Option<String>,
    /// Classes of the receiver's attributes at the end (`self.conn = sqlite3.connect()`).
    pub field_classes: Vec<(Key, String)>,
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
