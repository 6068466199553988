//! What a rule sees while it inspects one node, and how it reports.

use crate::handed_out::HandedOut;
use moat_diagnostics::{Applicability, Confidence, RuleMeta, Severity};
use moat_python::ast::{Expr, ExprCall, ExprName, Stmt, StmtFunctionDef};
use moat_python::{Ranged, TextRange, TextSize};
use moat_semantic::{BindingKind, Constant, ScopeId, SemanticModel};
use std::borrow::Cow;

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
    /// Ranges of secret text that displays of the source (code frames) must mask.
    pub redact: Vec<TextRange>,
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

    /// Masks `range` (a secret) wherever the source is shown, as in code frames.
    pub fn redact(&mut self, range: TextRange) -> &mut Self {
        self.redact.push(range);
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
    pub(crate) ancestors: &'c [&'a Stmt],
    /// The module's top-level statements.
    pub(crate) module: &'a [Stmt],
    pub(crate) is_test_file: bool,
    /// Which rules run on this file, indexed like [`crate::RULES`].
    pub(crate) enabled: &'c [bool],
    pub(crate) reports: &'c mut Vec<Report>,
    /// Values handed out for callers in other modules ([`Self::hand_out`]).
    pub(crate) handed_out: &'c mut Vec<(HandedOut, TextRange)>,
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
            redact: Vec::new(),
        });
        self.reports.last_mut().expect("just pushed")
    }

    /// Hands the weak value at `range`, made by `made_by` (with what else the rule needs to
    /// say about it in `detail`) and returned by the enclosing function, to the function's
    /// callers in other modules (see [`crate::handed_out`]). Only a module-level
    /// function's value can be followed there; for anything else this does nothing.
    pub fn hand_out(&mut self, range: TextRange, made_by: &str, detail: &str) {
        let Some(function) = self.enclosing_function() else {
            return;
        };
        let nested = self
            .ancestors
            .iter()
            .take_while(|s| !matches!(s, Stmt::FunctionDef(f) if std::ptr::eq(f, function)))
            .any(|s| matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)));
        if nested {
            return;
        }
        self.handed_out.push((
            HandedOut {
                rule: self.rule,
                module: self.model.module_name().to_string(),
                function: function.name.id.to_string(),
                made_by: made_by.to_string(),
                detail: detail.to_string(),
                path: self.path.to_string(),
                line: self.line_of(range.start()),
            },
            range,
        ));
    }

    /// The qualified name `expr` refers to (`subprocess.call`, `builtins.eval`).
    pub fn resolve(&self, expr: &Expr) -> Option<String> {
        // The model remembers its answers: the rules on one node ask alike.
        self.model.resolve_qualified_name(expr, self.scope)
    }

    /// The value of `expr` when it folds to a constant.
    pub fn constant(&self, expr: &Expr) -> Option<Constant> {
        self.model.constant_value(expr, self.scope)
    }

    /// The call that made `expr`'s value, with the qualified name of what it calls:
    /// `requests.Session` for `requests.Session()`, and for a name whose binding visible
    /// here is `s = requests.Session()`. `None` for values from anywhere else (parameters,
    /// `with … as` targets, attributes, calls of what does not resolve).
    pub fn constructor_call<'e>(&'e self, expr: &'e Expr) -> Option<(String, &'e ExprCall)> {
        match expr {
            Expr::Call(call) => Some((self.resolve(&call.func)?, call)),
            Expr::Name(name) => {
                let id = self
                    .model
                    .lookup(name.id.as_str(), self.scope, name.range.start())?;
                let binding = self.model.binding(id);
                match &binding.kind {
                    BindingKind::Assignment {
                        value: Expr::Call(call),
                    } => Some((
                        self.model
                            .resolve_qualified_name(&call.func, binding.scope)?,
                        call,
                    )),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Whether the module imports `root` (a top-level module such as `aiohttp`), directly
    /// or through a project module that re-exports from it.
    pub fn imports_module(&self, root: &str) -> bool {
        self.model.imports_module(root)
    }

    /// The qualified name of the callable whose call made `expr`'s value (`flask.Flask`
    /// for `app` after `app = Flask(__name__)`); see
    /// [`SemanticModel::constructor_of`].
    pub fn constructor_of(&self, expr: &Expr) -> Option<String> {
        self.model.constructor_of(expr, self.scope)
    }

    /// Whether the node being inspected runs in the module's own scope.
    pub fn is_module_level(&self) -> bool {
        self.scope == SemanticModel::MODULE_SCOPE
    }

    /// The value the module assigns to `name` at top level, when it binds it exactly once
    /// and by a plain assignment.
    pub fn module_assignment(&self, name: &str) -> Option<&'a Expr> {
        let scope = self.model.scope(SemanticModel::MODULE_SCOPE);
        match scope.bindings_of(name) {
            [only] => match &self.model.binding(*only).kind {
                BindingKind::Assignment { value } => Some(value),
                _ => None,
            },
            _ => None,
        }
    }

    /// The value `name` was last assigned, when that assignment is in the scope being
    /// inspected (`sql` in `sql = f"…"; cursor.execute(sql)`).
    pub fn assigned_value(&self, name: &ExprName) -> Option<&'a Expr> {
        let binding = self.model.binding(self.model.lookup(
            name.id.as_str(),
            self.scope,
            name.start(),
        )?);
        match &binding.kind {
            BindingKind::Assignment { value } if binding.scope == self.scope => Some(value),
            _ => None,
        }
    }

    /// Whether the module binds `name` at top level, and only by plain assignments (no
    /// `+=`, loop targets or imports, which would change the value out of Moat's sight).
    pub fn module_only_assigns(&self, name: &str) -> bool {
        let bindings = self
            .model
            .scope(SemanticModel::MODULE_SCOPE)
            .bindings_of(name);
        !bindings.is_empty()
            && bindings
                .iter()
                .all(|&b| matches!(self.model.binding(b).kind, BindingKind::Assignment { .. }))
    }

    /// Whether the module binds `name` at top level.
    pub fn module_binds(&self, name: &str) -> bool {
        !self
            .model
            .scope(SemanticModel::MODULE_SCOPE)
            .bindings_of(name)
            .is_empty()
    }

    /// The source text of `node`.
    pub fn text(&self, node: &impl Ranged) -> &str {
        &self.source[node.range()]
    }

    /// The source text of `node` on one line, without comments, shortened to about 40
    /// characters, for messages.
    pub fn snippet(&self, node: &impl Ranged) -> String {
        let single_line = without_comments(self.text(node))
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

    /// The statements enclosing the node being inspected, outermost first (the last one
    /// is [`Self::statement`]).
    pub fn ancestors(&self) -> &[&'a Stmt] {
        self.ancestors
    }

    /// The innermost `def` holding the node being inspected, if any.
    pub fn enclosing_function(&self) -> Option<&'a StmtFunctionDef> {
        self.ancestors
            .iter()
            .rev()
            .find_map(|statement| match statement {
                Stmt::FunctionDef(function) => Some(function),
                _ => None,
            })
    }

    /// The module's top-level statements, for rules that look for the statement behind a
    /// binding outside the node's own ancestors (a `with … as` block that has ended).
    pub fn module_body(&self) -> &'a [Stmt] {
        self.module
    }

    /// The 1-based line number of byte `offset` in the source.
    pub fn line_of(&self, offset: moat_python::TextSize) -> usize {
        let end = usize::from(offset).min(self.source.len());
        self.source.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// The whole decoded source text of the module.
    pub fn source_text(&self) -> &str {
        self.source
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

    /// Where `needle` (text taken from a literal's value) is in the source at `range`: its
    /// exact range when the literal spells it without escapes, else all of `range`.
    pub fn locate(&self, range: TextRange, needle: &str) -> TextRange {
        let at = (!needle.is_empty())
            .then(|| self.source[range].find(needle))
            .flatten()
            .and_then(|at| TextSize::try_from(at).ok());
        let len = TextSize::try_from(needle.len()).ok();
        match (at, len) {
            (Some(at), Some(len)) => TextRange::at(range.start() + at, len),
            _ => range,
        }
    }

    /// Whether `value` (the command a call runs) is a parameter of the enclosing function
    /// passed on unchanged, and the taint rule that checks such a wrapper's callers runs on
    /// this file, so the current rule leaves the wrapper to it (see
    /// [`crate::overlap::pass_through_checked_by`]).
    pub fn leaves_wrapper_to_taint(&self, value: &Expr) -> bool {
        let taint_rule = crate::overlap::pass_through_checked_by(self.rule.id);
        taint_rule.is_some_and(|id| {
            crate::rule_index(id).is_some_and(|i| self.enabled.get(i).copied().unwrap_or(false))
        }) && self.is_unchanged_parameter(value)
    }

    /// Whether `value` is a name bound only as a parameter (not `*args` or `**kwargs`) of
    /// the function whose body is being inspected: a parameter passed on unchanged.
    pub fn is_unchanged_parameter(&self, value: &Expr) -> bool {
        let Expr::Name(name) = value else {
            return false;
        };
        let model = self.model;
        let Some(id) = model.lookup(name.id.as_str(), self.scope, name.start()) else {
            return false;
        };
        let binding = model.binding(id);
        let scope = model.scope(self.scope);
        if binding.scope != self.scope
            || scope.kind != moat_semantic::ScopeKind::Function
            || scope.bindings_of(&binding.name).len() != 1
        {
            return false;
        }
        self.enclosing_function().is_some_and(|function| {
            function
                .parameters
                .iter_non_variadic_params()
                .any(|parameter| parameter.parameter.range == binding.range)
        })
    }

    /// Whether the rule `rule` also runs on this file, for rules that leave a case to a
    /// sibling rule rather than report it twice.
    pub fn runs(&self, rule: &RuleMeta) -> bool {
        crate::rule_index(rule.id).is_some_and(|i| self.enabled.get(i).copied().unwrap_or(false))
    }
}

/// `text` without its `#` comments (which a node spanning several lines may contain),
/// leaving a `#` inside a string literal alone.
fn without_comments(text: &str) -> Cow<'_, str> {
    if !text.contains('#') || !text.contains('\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<&str> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let mut taken = c.len_utf8();
        match quote {
            Some(q) if rest.starts_with(q) => {
                taken = q.len();
                quote = None;
            }
            Some(_) if c == '\\' => {
                taken += rest[taken..].chars().next().map_or(0, char::len_utf8);
            }
            Some(_) => {}
            None if c == '#' => {
                rest = &rest[rest.find('\n').unwrap_or(rest.len())..];
                continue;
            }
            None if c == '"' || c == '\'' => {
                let q = if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
                    &rest[..3]
                } else {
                    &rest[..1]
                };
                taken = q.len();
                quote = Some(q);
            }
            None => {}
        }
        out.push_str(&rest[..taken]);
        rest = &rest[taken..];
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::without_comments;

    #[test]
    fn comments_are_dropped_but_not_hashes_in_strings() {
        assert_eq!(
            without_comments("f(  # note\n    \"#a\", '''#b''', x)  # end\n"),
            "f(  \n    \"#a\", '''#b''', x)  \n"
        );
        assert_eq!(without_comments("f('\\'#', y)  # c\n"), "f('\\'#', y)  \n");
        assert_eq!(without_comments("x  # one line"), "x  # one line");
    }
}
