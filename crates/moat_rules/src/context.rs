//! What a rule sees while it inspects one node, and how it reports.

use moat_diagnostics::{Applicability, Confidence, RuleMeta, Severity};
use moat_python::ast::{Expr, Stmt};
use moat_python::{Ranged, TextRange};
use moat_semantic::{Constant, ScopeId, SemanticModel};

/// A finding as a rule reports it, before the checker locates, suppresses and
/// fingerprints it.
#[derive(Debug)]
pub struct Report {
    pub rule: &'static RuleMeta,
    pub range: TextRange,
    pub message: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub fix: Option<PendingFix>,
    /// Range whose lines a suppression comment may be on; the checker fills it in with
    /// the statement (or compound-statement header) holding the finding unless the rule
    /// set it.
    pub suppression_range: Option<TextRange>,
}

/// A fix as a rule describes it: text replacements by byte range.
#[derive(Debug)]
pub struct PendingFix {
    pub description: String,
    pub applicability: Applicability,
    pub edits: Vec<(TextRange, String)>,
}

impl Report {
    /// Overrides the rule's default severity for this finding.
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }

    /// Overrides the rule's default confidence for this finding.
    pub fn confidence(&mut self, confidence: Confidence) -> &mut Self {
        self.confidence = confidence;
        self
    }

    /// Attaches a fix replacing `range` by `content`.
    pub fn fix(
        &mut self,
        description: impl Into<String>,
        applicability: Applicability,
        edits: Vec<(TextRange, String)>,
    ) -> &mut Self {
        self.fix = Some(PendingFix {
            description: description.into(),
            applicability,
            edits,
        });
        self
    }

    /// Lets a suppression comment anywhere on the lines of `range` silence this finding.
    pub fn suppressible_on(&mut self, range: TextRange) -> &mut Self {
        self.suppression_range = Some(range);
        self
    }
}

/// The view of the module a rule gets for one node.
pub struct Context<'c, 'a> {
    pub(crate) model: &'c SemanticModel<'a>,
    pub(crate) source: &'c str,
    pub(crate) path: &'c str,
    pub(crate) scope: ScopeId,
    pub(crate) rule: &'static RuleMeta,
    pub(crate) statement: Option<&'a Stmt>,
    pub(crate) is_test_file: bool,
    pub(crate) reports: &'c mut Vec<Report>,
}

impl<'a> Context<'_, 'a> {
    /// Reports a finding of the current rule at `range`.
    pub fn report(&mut self, range: TextRange, message: impl Into<String>) -> &mut Report {
        self.reports.push(Report {
            rule: self.rule,
            range,
            message: message.into(),
            severity: self.rule.severity,
            confidence: self.rule.confidence,
            fix: None,
            suppression_range: None,
        });
        self.reports.last_mut().expect("just pushed")
    }

    /// The qualified name `expr` refers to (`subprocess.call`, `builtins.eval`).
    pub fn resolve(&self, expr: &Expr) -> Option<String> {
        self.model.resolve_qualified_name(expr, self.scope)
    }

    /// The value of `expr` when it folds to a constant.
    pub fn constant(&self, expr: &Expr) -> Option<Constant> {
        self.model.constant_value(expr, self.scope)
    }

    /// The source text of `node`.
    pub fn text(&self, node: &impl Ranged) -> &str {
        &self.source[node.range()]
    }

    /// The source text of `node` on one line, shortened to about 40 characters, for
    /// messages.
    pub fn snippet(&self, node: &impl Ranged) -> String {
        let single_line = self
            .text(node)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if single_line.chars().count() <= 40 {
            single_line
        } else {
            let head: String = single_line.chars().take(37).collect();
            format!("{head}...")
        }
    }

    /// The innermost statement holding the node being inspected.
    pub fn statement(&self) -> Option<&'a Stmt> {
        self.statement
    }

    /// Qualified name (within the module) of the innermost enclosing function, `""` at
    /// module level.
    pub fn function_name(&self) -> &str {
        self.model.function_qualname(self.scope)
    }

    /// Whether the file is test code (by its path).
    pub fn is_test_file(&self) -> bool {
        self.is_test_file
    }

    /// The file's display path.
    pub fn path(&self) -> &str {
        self.path
    }
}
