//! The checker: one walk over a module that dispatches nodes to the enabled rules, then
//! locates, suppresses and fingerprints what they report.

use crate::context::{Context, Report};
use crate::fingerprint::fingerprint;
use crate::handed_out::{HandedOut, HandedOutIndex};
use crate::registry::RULES;
use crate::rule::Check;
use crate::suppress::{is_suppressed, statement_span};
use moat_diagnostics::{Edit, Finding, Fix, RuleMeta, is_test_path};
use moat_python::ast::{ExceptHandler, ExceptHandlerExceptHandler, Expr, ExprCall, Stmt};
use moat_python::{LineIndex, ParsedModule, Suppressions, TextRange};
use moat_semantic::{ProjectIndex, ScopeId, SemanticHooks, SemanticModel, walk_module};

/// What the checker needs to know about one module besides its syntax tree.
pub struct ModuleInput<'a> {
    /// Display path (`/` separators), used in findings and for test-file detection.
    pub path: &'a str,
    /// The text of a template the module renders, by name (`render_template("post.html")`),
    /// when it is found and read; `None`: templates are not looked at.
    pub templates: Option<&'a moat_taint::templates::TemplateReader<'a>>,
    /// Decoded source text the tree was parsed from.
    pub source: &'a str,
    /// Dotted module name.
    pub module_name: &'a str,
    /// Whether the module is a package's `__init__.py`.
    pub is_package: bool,
    /// Project-wide exports, for following re-exports across modules.
    pub project: Option<&'a ProjectIndex>,
    /// Which rules run, indexed like [`RULES`].
    pub enabled: &'a [bool],
    /// The taint models, when the module is to be lowered for the taint analysis (some
    /// taint rule is enabled for it).
    pub taint_models: Option<&'a moat_models::Models>,
    /// For the second look at a module: the values functions of other modules handed
    /// out. Only the rules' [`Check::CallerOf`] checks run then.
    pub handed_out: Option<&'a HandedOutIndex>,
}

/// The outcome of checking one module.
#[derive(Debug, Default)]
pub struct CheckedModule {
    /// Findings not silenced by a suppression comment, sorted.
    pub findings: Vec<Finding>,
    /// How many findings suppression comments silenced.
    pub suppressed: usize,
    /// Byte ranges of the source holding secrets, to mask wherever the source is shown
    /// (code frames); see `moat_secrets::mask`.
    pub redactions: Vec<std::ops::Range<usize>>,
    /// The module lowered for the taint analysis, with its suppression comments (when
    /// [`ModuleInput::taint_models`] was given).
    pub taint: Option<(moat_taint::ir::ModuleIr, Suppressions)>,
    /// Values this module's functions return for callers in other modules to judge,
    /// without those a suppression comment silences.
    pub handed_out: Vec<HandedOut>,
}

type CallCheck = fn(&mut Context<'_, '_>, &ExprCall, &str);
type ExprCheck = fn(&mut Context<'_, '_>, &Expr);
type StmtCheck = fn(&mut Context<'_, '_>, &Stmt);
type HandlerCheck = fn(&mut Context<'_, '_>, &ExceptHandlerExceptHandler);
type ModuleCheck = fn(&mut Context<'_, '_>, &[Stmt]);
type CallerCheck = fn(&mut Context<'_, '_>, &ExprCall, &HandedOut);

/// Dispatch tables for one module: only enabled rules whose modules are imported.
#[derive(Default)]
struct Dispatch {
    calls: Vec<(&'static RuleMeta, CallCheck)>,
    exprs: Vec<(&'static RuleMeta, ExprCheck)>,
    stmts: Vec<(&'static RuleMeta, StmtCheck)>,
    handlers: Vec<(&'static RuleMeta, HandlerCheck)>,
    modules: Vec<(&'static RuleMeta, ModuleCheck)>,
    callers: Vec<(&'static RuleMeta, CallerCheck)>,
}

impl Dispatch {
    /// The checks of the enabled rules; in the second look at a module (`callers`), only
    /// their [`Check::CallerOf`] checks, which need no import of the rule's modules (the
    /// weak value comes from another module).
    fn new(enabled: &[bool], model: &SemanticModel<'_>, callers: bool) -> Self {
        let mut dispatch = Dispatch::default();
        for (rule, _) in RULES.iter().zip(enabled).filter(|&(_, &on)| on) {
            if !callers
                && !rule.modules.is_empty()
                && !rule.modules.iter().any(|m| model.imports_module(m))
            {
                continue;
            }
            for check in rule.checks {
                match (*check, callers) {
                    (Check::CallerOf(f), true) => dispatch.callers.push((rule.meta, f)),
                    (_, true) | (Check::CallerOf(_), false) => {}
                    (Check::Call(f), false) => dispatch.calls.push((rule.meta, f)),
                    (Check::Expr(f), false) => dispatch.exprs.push((rule.meta, f)),
                    (Check::Stmt(f), false) => dispatch.stmts.push((rule.meta, f)),
                    (Check::ExceptHandler(f), false) => dispatch.handlers.push((rule.meta, f)),
                    (Check::Module(f), false) => dispatch.modules.push((rule.meta, f)),
                }
            }
        }
        dispatch
    }

    fn is_empty(&self) -> bool {
        self.calls.is_empty()
            && self.exprs.is_empty()
            && self.stmts.is_empty()
            && self.handlers.is_empty()
            && self.modules.is_empty()
            && self.callers.is_empty()
    }
}

/// Runs the enabled rules over a parsed module.
///
/// Must run on a thread with [`moat_python::ANALYSIS_STACK_SIZE`] of stack.
pub fn check_module(input: &ModuleInput<'_>, parsed: &ParsedModule) -> CheckedModule {
    let model = SemanticModel::new(
        parsed.suite(),
        input.module_name,
        input.is_package,
        input.project,
    );
    let taint = input.taint_models.map(|models| {
        let no_templates = |_: &str, _: &str| None;
        let ir = moat_taint::lower_module_with_templates(
            parsed.suite(),
            &model,
            models,
            input.path,
            input.templates.unwrap_or(&no_templates),
        );
        let index = LineIndex::new(input.source);
        (
            ir,
            Suppressions::from_tokens(parsed.tokens(), input.source, &index),
        )
    });
    let dispatch = Dispatch::new(input.enabled, &model, input.handed_out.is_some());
    if dispatch.is_empty() {
        return CheckedModule {
            taint,
            ..CheckedModule::default()
        };
    }
    let mut walker = Walker {
        model: &model,
        input,
        dispatch: &dispatch,
        module: parsed.suite(),
        statements: Vec::new(),
        reports: Vec::new(),
        is_test_file: is_test_path(input.path),
        handed_out: Vec::new(),
    };
    for &(rule, check) in &dispatch.modules {
        walker.run(rule, SemanticModel::MODULE_SCOPE, |ctx| {
            check(ctx, parsed.suite());
        });
    }
    walk_module(&model, parsed.suite(), &mut walker);
    let Walker {
        reports,
        handed_out,
        ..
    } = walker;
    if reports.is_empty() && handed_out.is_empty() {
        return CheckedModule {
            taint,
            ..CheckedModule::default()
        };
    }
    CheckedModule {
        taint,
        ..finish(input, parsed, &model, reports, handed_out)
    }
}

/// Locates, suppresses and fingerprints the rules' reports.
fn finish(
    input: &ModuleInput<'_>,
    parsed: &ParsedModule,
    model: &SemanticModel<'_>,
    reports: Vec<(Report, ScopeId)>,
    handed_out: Vec<(HandedOut, TextRange)>,
) -> CheckedModule {
    let index = LineIndex::new(input.source);
    let suppressions = Suppressions::from_tokens(parsed.tokens(), input.source, &index);
    let mut checked = CheckedModule {
        // A suppression comment on the weak value silences what its callers elsewhere
        // make of it too.
        handed_out: handed_out
            .into_iter()
            .filter(|(value, span)| !is_suppressed(value.rule, *span, *span, &suppressions, &index))
            .map(|(value, _)| value)
            .collect(),
        ..CheckedModule::default()
    };
    for (report, scope) in reports {
        checked.redactions.extend(
            report
                .redact
                .iter()
                .map(|r| r.start().to_usize()..r.end().to_usize()),
        );
        let span = report.suppression_range.unwrap_or(report.range);
        if is_suppressed(report.rule, report.range, span, &suppressions, &index) {
            checked.suppressed += 1;
            continue;
        }
        let function = model.function_qualname(scope);
        let fix = report.fix.map(|fix| Fix {
            description: fix.description,
            applicability: fix.applicability,
            edits: fix
                .edits
                .into_iter()
                .map(|(range, content)| Edit {
                    location: index.location(range, input.source),
                    content,
                })
                .collect(),
        });
        checked.findings.push(Finding {
            rule: report.rule,
            fingerprint: fingerprint(
                report.rule.id,
                input.path,
                function,
                &input.source[report.range],
            ),
            message: report.message,
            file: input.path.to_string(),
            location: index.location(report.range, input.source),
            severity: report.severity,
            confidence: report.confidence,
            trace: Vec::new(),
            fix,
        });
    }
    checked
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    checked
}

struct Walker<'m, 'a> {
    model: &'m SemanticModel<'a>,
    input: &'m ModuleInput<'m>,
    dispatch: &'m Dispatch,
    module: &'a [Stmt],
    statements: Vec<&'a Stmt>,
    reports: Vec<(Report, ScopeId)>,
    is_test_file: bool,
    /// Values handed out for callers in other modules, with the statement span a
    /// suppression comment may be on.
    handed_out: Vec<(HandedOut, TextRange)>,
}

impl<'a> Walker<'_, 'a> {
    fn run(
        &mut self,
        rule: &'static RuleMeta,
        scope: ScopeId,
        f: impl FnOnce(&mut Context<'_, 'a>),
    ) {
        let mut reports = Vec::new();
        let mut handed_out = Vec::new();
        let statement = self.statements.last().copied();
        let mut context = Context {
            model: self.model,
            source: self.input.source,
            path: self.input.path,
            scope,
            rule,
            statement,
            ancestors: &self.statements,
            module: self.module,
            is_test_file: self.is_test_file,
            enabled: self.input.enabled,
            reports: &mut reports,
            handed_out: &mut handed_out,
        };
        f(&mut context);
        if reports.is_empty() && handed_out.is_empty() {
            return;
        }
        let span = statement.map(|s| statement_span(s, self.input.source));
        for (value, range) in handed_out {
            self.handed_out.push((value, span.unwrap_or(range)));
        }
        for mut report in reports {
            if report.suppression_range.is_none() {
                report.suppression_range = span;
            }
            self.reports.push((report, scope));
        }
    }
}

impl<'a> SemanticHooks<'a> for Walker<'_, 'a> {
    fn enter_stmt(&mut self, stmt: &'a Stmt, scope: ScopeId) {
        self.statements.push(stmt);
        for &(rule, check) in &self.dispatch.stmts {
            self.run(rule, scope, |ctx| check(ctx, stmt));
        }
    }

    fn leave_stmt(&mut self, _stmt: &'a Stmt) {
        self.statements.pop();
    }

    fn expr(&mut self, expr: &'a Expr, scope: ScopeId) {
        if let Expr::Call(call) = expr
            && !self.dispatch.calls.is_empty()
            && let Some(callee) = self.model.resolve_qualified_name(&call.func, scope)
        {
            for &(rule, check) in &self.dispatch.calls {
                self.run(rule, scope, |ctx| check(ctx, call, &callee));
            }
        }
        for &(rule, check) in &self.dispatch.exprs {
            self.run(rule, scope, |ctx| check(ctx, expr));
        }
        if let Expr::Call(call) = expr
            && !self.dispatch.callers.is_empty()
            && let Some(index) = self.input.handed_out
            && let Some(callee) = self.model.resolve_qualified_name(&call.func, scope)
        {
            for value in index.get(&callee) {
                // Callers in the function's own module were followed when it was checked.
                if value.module == self.input.module_name {
                    continue;
                }
                for &(rule, check) in &self.dispatch.callers {
                    if std::ptr::eq(rule, value.rule) {
                        self.run(rule, scope, |ctx| check(ctx, call, value));
                    }
                }
            }
        }
    }

    fn except_handler(&mut self, handler: &'a ExceptHandler, scope: ScopeId) {
        let ExceptHandler::ExceptHandler(handler) = handler;
        for &(rule, check) in &self.dispatch.handlers {
            self.run(rule, scope, |ctx| check(ctx, handler));
        }
    }
}
