//! The flow-sensitive analysis of one function: an abstract interpreter over its IR that
//! tracks, per variable, what untrusted input (or which parameter) each value may hold;
//! reports sources reaching sinks, and produces the function's summary.

use crate::TaintFinding;
use crate::cli_options::CliValue;
use crate::ir::*;
use crate::project::{Project, Summaries};
use crate::summary::{ClassSink, MAX_FLOWS, ParamFlow, ParamSink, SinkSite, SourceFlow, Summary};
use crate::value::{Label, Origin, Step, Trace, Value};
use moat_models::{Access, ArgSpec, FlowFrom, FlowTo, Kind, KindSet, Sink, When, WhenValue};
use moat_python::TextRange;
use rustc_hash::FxHashSet;
use std::rc::Rc;

/// How many times a loop body is re-run before its state is taken as stable.
const MAX_LOOP_PASSES: usize = 4;

/// Methods that store their arguments in their receiver (`items.append(user)`).
const MUTATORS: &[&str] = &[
    "append",
    "extend",
    "insert",
    "add",
    "update",
    "setdefault",
    "appendleft",
    "extendleft",
    "write",
    "writelines",
    "put",
    "put_nowait",
    "push",
];
/// Methods that read an entry by key: `d.get("k")` is field `k`.
const GETTERS: &[&str] = &["get", "pop", "getlist", "getone", "get_all"];

/// The outcome of analysing one function.
pub(crate) struct FunctionOutcome {
    pub summary: Summary,
    pub findings: Vec<TaintFinding>,
    /// Project functions it calls.
    pub callees: Vec<String>,
}

#[derive(Clone)]
struct State {
    vars: Vec<Value>,
    reachable: bool,
}

impl State {
    fn join(&self, other: &State) -> State {
        if !self.reachable {
            return other.clone();
        }
        if !other.reachable {
            return self.clone();
        }
        State {
            vars: self
                .vars
                .iter()
                .zip(&other.vars)
                .map(|(a, b)| a.join(b))
                .collect(),
            reachable: true,
        }
    }

    fn weight(&self) -> usize {
        self.vars.iter().map(Value::weight).sum()
    }

    fn unreachable(&self) -> State {
        State {
            vars: self.vars.clone(),
            reachable: false,
        }
    }
}

/// Analyses `function` (of module `module`) with the summaries computed so far.
pub(crate) fn analyse_function(
    project: &Project<'_>,
    summaries: &Summaries,
    module: u32,
    function: &FunctionIr,
) -> FunctionOutcome {
    let mut analysis = Analysis {
        project,
        summaries,
        module,
        function,
        returned: None,
        findings: Vec::new(),
        reported: FxHashSet::default(),
        sinks: Vec::new(),
        class_sinks: Vec::new(),
        callees: std::cell::RefCell::default(),
        breaks: Vec::new(),
        continues: Vec::new(),
        truncated: false,
        steps: 0,
    };
    let mut state = State {
        vars: vec![Value::default(); function.var_names.len()],
        reachable: true,
    };
    for (i, param) in function.params.iter().enumerate() {
        state.vars[param.var as usize] = analysis.parameter_value(i, param);
    }
    for (index, &(var, _)) in function.captures.iter().enumerate() {
        // Captured variables act as extra parameters after the declared ones.
        let index = (function.params.len() + index) as u16;
        state.vars[var as usize] = Value::with_labels(vec![Label {
            origin: Origin::Param { index, field: None },
            sanitized: KindSet::EMPTY,
            trace: Trace::default(),
        }]);
    }
    let end = analysis.block(&function.body, state);
    let returned = analysis.returned.take().unwrap_or_default();
    let mut summary = Summary {
        return_class: returned.class.as_deref().map(str::to_string),
        ..Summary::default()
    };
    // The returned value's own labels, and one level of its fields (an object made
    // and returned keeps its attributes apart).
    let mut parts: Vec<(Option<Key>, Vec<Label>)> = vec![(None, returned.labels.clone())];
    for (key, value) in &returned.fields {
        parts.push((Some(key.clone()), value.deep_labels()));
    }
    for (to_field, labels) in parts {
        for label in labels {
            match &label.origin {
                Origin::Param { index, field } => push_bounded(
                    &mut summary.returns,
                    ParamFlow {
                        index: *index,
                        field: field.clone(),
                        to_field: to_field.clone(),
                        sanitized: label.sanitized,
                        steps: label.trace.to_vec(),
                    },
                    &mut analysis.truncated,
                ),
                Origin::Source {
                    module,
                    range,
                    description,
                } => push_bounded(
                    &mut summary.return_sources,
                    SourceFlow {
                        to_field: to_field.clone(),
                        module: *module,
                        range: *range,
                        description: description.to_string(),
                        sanitized: label.sanitized,
                        steps: label.trace.to_vec(),
                    },
                    &mut analysis.truncated,
                ),
            }
        }
    }
    // `self.attr = param`: what the receiver (parameter 0) holds at the end.
    if end.reachable
        && let Some(receiver) = function.params.first()
        && receiver.class.is_some()
    {
        for (key, value) in &end.vars[receiver.var as usize].fields {
            for label in value.deep_labels() {
                if let Origin::Param { index, field } = &label.origin
                    && *index != 0
                    && summary.receiver_fields.len() < MAX_FLOWS
                {
                    summary.receiver_fields.push((
                        key.clone(),
                        ParamFlow {
                            index: *index,
                            field: field.clone(),
                            to_field: None,
                            sanitized: label.sanitized,
                            steps: label.trace.to_vec(),
                        },
                    ));
                }
            }
        }
    }
    if end.reachable
        && let Some(receiver) = function.params.first()
        && receiver.class.is_some()
    {
        for (key, value) in &end.vars[receiver.var as usize].fields {
            if let Some(class) = &value.class
                && summary.field_classes.len() < MAX_FLOWS
            {
                summary.field_classes.push((key.clone(), class.to_string()));
            }
            if summary.fields_set.len() < MAX_FLOWS {
                summary.fields_set.push((key.clone(), !value.is_clean()));
            }
        }
    }
    summary.sinks = analysis.sinks;
    summary.class_sinks = analysis.class_sinks;
    summary.truncated = analysis.truncated;
    let mut callees: Vec<String> = analysis.callees.into_inner().into_iter().collect();
    callees.sort();
    FunctionOutcome {
        summary,
        findings: analysis.findings,
        callees,
    }
}

fn push_bounded<T: PartialEq>(list: &mut Vec<T>, item: T, truncated: &mut bool) {
    if list.contains(&item) {
        return;
    }
    if list.len() >= MAX_FLOWS {
        *truncated = true;
        return;
    }
    list.push(item);
}

struct Analysis<'a, 'p> {
    project: &'a Project<'p>,
    summaries: &'a Summaries,
    module: u32,
    function: &'a FunctionIr,
    returned: Option<Value>,
    findings: Vec<TaintFinding>,
    reported: FxHashSet<(Kind, u32, TextRange)>,
    sinks: Vec<ParamSink>,
    class_sinks: Vec<ClassSink>,
    /// Project functions whose summaries this analysis read (its dependencies).
    callees: std::cell::RefCell<FxHashSet<String>>,
    breaks: Vec<State>,
    continues: Vec<State>,
    truncated: bool,
    /// Statements evaluated so far (see `Options::max_steps`).
    steps: u32,
}

impl Analysis<'_, '_> {
    fn step(&self, range: TextRange, message: String) -> Step {
        Step {
            module: self.module,
            range,
            message,
        }
    }

    fn parameter_value(&self, index: usize, param: &Param) -> Value {
        let mut value = Value::with_labels(vec![Label {
            origin: Origin::Param {
                index: index as u16,
                field: None,
            },
            sanitized: KindSet::EMPTY,
            trace: Trace::default(),
        }]);
        if let Some(source) = &param.source
            && self.project.is_untrusted(source.threat)
            && !self
                .project
                .is_numeric_route_parameter(&self.function.qualname, &param.name)
            && (!source.needs_view || self.project.is_django_view(&self.function.qualname))
            && (!source.needs_dependency
                || self.project.is_fastapi_dependency(&self.function.qualname))
            && !param
                .class
                .as_deref()
                .is_some_and(|c| self.project.is_enum(c))
        {
            let step = self.step(
                source.range,
                format!("untrusted input: {}", source.description),
            );
            value.add_labels([Label {
                origin: Origin::Source {
                    module: self.module,
                    range: source.range,
                    description: source.description.as_str().into(),
                },
                sanitized: source.safe_for,
                trace: Trace::default().then(step),
            }]);
        }
        value.class = self
            .project
            .parameter_class(self.function, index)
            .map(Rc::from);
        value
    }

    /// What looking up `key` in the dispatch table `table` gives: the function stored
    /// under that constant key, or, for a key not known here, any of them (the table).
    fn table_entry(&self, table: &str, key: Option<&str>) -> Option<Rc<str>> {
        let entries = self.project.table(table)?;
        if let Some(key) = key
            && let Some((_, function)) = entries.iter().find(|(k, _)| k.as_deref() == Some(key))
        {
            return Some(Rc::from(function.as_str()));
        }
        (key.is_none() || entries.iter().any(|(k, _)| k.is_none())).then(|| Rc::from(table))
    }

    fn block(&mut self, stmts: &[Stmt], mut state: State) -> State {
        for stmt in stmts {
            if !state.reachable {
                break;
            }
            state = self.stmt(stmt, state);
        }
        state
    }

    fn stmt(&mut self, stmt: &Stmt, mut state: State) -> State {
        // Past the statement budget (`Options::max_steps`) the rest of the function is
        // skipped and the bound reported, so no input makes the analysis run away.
        self.steps += 1;
        if self.steps > self.project.max_steps {
            self.truncated = true;
            return state.unreachable();
        }
        match stmt {
            Stmt::Assign { target, value } => {
                let v = self.eval(value, &mut state);
                self.assign(target, v, &mut state);
                state
            }
            Stmt::Expr(e) => {
                self.eval(e, &mut state);
                state
            }
            Stmt::If {
                test,
                condition,
                then,
                orelse,
            } => {
                self.eval(test, &mut state);
                match condition.as_ref() {
                    Condition::Constant(true) => self.block(then, state),
                    Condition::Constant(false) => self.block(orelse, state),
                    _ => {
                        let mut yes = state.clone();
                        self.apply_condition(condition, true, &mut yes);
                        let mut no = state;
                        self.apply_condition(condition, false, &mut no);
                        let yes = self.block(then, yes);
                        let no = self.block(orelse, no);
                        yes.join(&no)
                    }
                }
            }
            Stmt::Loop { body, orelse } => {
                let saved_breaks = std::mem::take(&mut self.breaks);
                let saved_continues = std::mem::take(&mut self.continues);
                let mut head = state.clone();
                let mut exit = state;
                for _ in 0..MAX_LOOP_PASSES {
                    let end = self.block(body, head.clone());
                    let continues = std::mem::take(&mut self.continues);
                    let mut next = head.join(&end);
                    for c in &continues {
                        next = next.join(c);
                    }
                    exit = next.clone();
                    if next.weight() == head.weight() {
                        break;
                    }
                    head = next;
                }
                let breaks = std::mem::replace(&mut self.breaks, saved_breaks);
                self.continues = saved_continues;
                let mut after = self.block(orelse, exit);
                for b in &breaks {
                    after = after.join(b);
                }
                after
            }
            Stmt::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                let entry = state.clone();
                let after_body = self.block(body, state);
                let handler_entry = entry.join(&after_body);
                let handler_entry = State {
                    reachable: true,
                    ..handler_entry
                };
                let mut out = self.block(orelse, after_body);
                for handler in handlers {
                    let end = self.block(handler, handler_entry.clone());
                    out = out.join(&end);
                }
                if finalbody.is_empty() {
                    out
                } else {
                    let reachable = out.reachable;
                    let start = State {
                        reachable: true,
                        ..out.join(&handler_entry)
                    };
                    let end = self.block(finalbody, start);
                    State {
                        reachable: reachable && end.reachable,
                        ..end
                    }
                }
            }
            Stmt::Return(value, range) => {
                if let Some(value) = value {
                    let v = self.eval(value, &mut state);
                    let v = if v.is_clean() {
                        v
                    } else {
                        let step = self.step(*range, "returned".to_string());
                        v.traced(&step)
                    };
                    self.returned = Some(match self.returned.take() {
                        Some(r) => r.join(&v),
                        None => v,
                    });
                }
                state.unreachable()
            }
            Stmt::Raise => state.unreachable(),
            Stmt::Break => {
                self.breaks.push(state.clone());
                state.unreachable()
            }
            Stmt::Continue => {
                self.continues.push(state.clone());
                state.unreachable()
            }
        }
    }

    fn assign(&mut self, target: &Target, value: Value, state: &mut State) {
        match target {
            Target::Var(var, range) => {
                // Variables the lowering made up (`<tmp …>`) are not shown in traces.
                let value = if value.is_clean()
                    || self.function.var_names[*var as usize].starts_with('<')
                {
                    value
                } else {
                    let name = &self.function.var_names[*var as usize];
                    let step = self.step(*range, format!("assigned to `{name}`"));
                    value.traced(&step)
                };
                state.vars[*var as usize] = value;
            }
            Target::Field { base, path } => {
                state.vars[*base as usize].set_path(path, value, 0);
            }
            Target::Unpack(targets) => {
                for (i, t) in targets.iter().enumerate() {
                    let part = value.field(&Key::Item(i.to_string().into()));
                    self.assign(t, part, state);
                }
            }
            Target::Ignore => {}
        }
    }

    fn eval(&mut self, expr: &Expr, state: &mut State) -> Value {
        match &expr.kind {
            ExprKind::Const(_) => Value::default(),
            ExprKind::Var(var) => state.vars[*var as usize].clone(),
            ExprKind::Global(q) => {
                let mut v = Value::default();
                if self.project.is_function(q) || self.project.table(q).is_some() {
                    v.function = Some(Rc::from(q.as_str()));
                }
                v.class = self.project.global_class(q).map(Rc::from);
                v
            }
            ExprKind::Instance { made_by, keywords } => Value {
                class: Some(Rc::from(
                    self.project.class_made_by(made_by, keywords).as_str(),
                )),
                ..Value::default()
            },
            ExprKind::Source(site) if self.project.is_untrusted(site.threat) => {
                self.source_value(site)
            }
            ExprKind::Source(_) => Value::default(),
            ExprKind::Field(base, key) => {
                let base = self.eval(base, state);
                let mut value = self.read_field(&base, key, expr.range);
                if let (Some(table), Key::Item(item)) = (&base.function, key) {
                    value.function = self.table_entry(table, Some(item));
                }
                value
            }
            ExprKind::Index(base, index) => {
                let base = self.eval(base, state);
                self.eval(index, state);
                let mut value = self.read_field(&base, &Key::Any, expr.range);
                value.add_labels(base.deep_labels());
                if let Some(table) = &base.function {
                    value.function = self.table_entry(table, None);
                }
                value
            }
            ExprKind::Call(call) => self.call(call, state),
            ExprKind::Join(parts) => {
                let mut out = Value::default();
                // The class the parts agree on: `session or requests.Session()` is a
                // session, `BASE / name` still a path object.
                let mut classes = Vec::new();
                let mut path = None;
                for (i, p) in parts.iter().enumerate() {
                    let v = self.eval(p, state);
                    if let Some(class) = &v.class {
                        if i == 0 && class.starts_with("pathlib.") {
                            path = Some(class.clone());
                        }
                        if !classes.contains(class) {
                            classes.push(class.clone());
                        }
                    }
                    out.add_labels(v.deep_labels());
                }
                out.class = match (path, &classes[..]) {
                    (Some(path), _) => Some(path),
                    (None, [class]) => Some(class.clone()),
                    _ => None,
                };
                out
            }
            ExprKind::Text(parts) => self.text(parts, state),
            ExprKind::Sequence(items) => {
                let mut out = Value::default();
                // `["tar", "czf", out, *files]`: what `*files` holds is the sequence's own,
                // so every item before it keeps its position as a field, even a clean one;
                // after it, positions are unknown.
                let spread = items
                    .iter()
                    .position(|item| matches!(item.kind, ExprKind::Element(_)));
                for (i, item) in items.iter().enumerate() {
                    let v = self.eval(item, state);
                    let key = || [Key::Item(i.to_string().into())];
                    match spread {
                        Some(first) if i >= first => {
                            out.add_labels(v.deep_labels());
                        }
                        Some(_) => out.set_path(&key(), v, 0),
                        None if !v.is_clean() => out.set_path(&key(), v, 0),
                        None => {}
                    }
                }
                out
            }
            ExprKind::Dict(items) => {
                let mut out = Value::default();
                for (key, value) in items {
                    let mut v = self.eval(value, state);
                    // `{"$where": "this.price < " + price}`: the server runs the text as
                    // JavaScript, so text is no safer than a structure there.
                    if matches!(key, Some(Key::Item(k)) if &**k == "$where") {
                        v = v.unsanitized(KindSet::TEXT);
                    }
                    match key {
                        Some(k) => {
                            if !v.is_clean() {
                                out.set_path(std::slice::from_ref(k), v, 0);
                            }
                        }
                        None => {
                            out.add_labels(v.deep_labels());
                        }
                    }
                }
                out
            }
            ExprKind::Element(inner) => {
                let list = self.eval(inner, state);
                let mut element = list.flattened();
                element.class = list
                    .class
                    .as_deref()
                    .and_then(moat_models::element_of)
                    .map(Rc::from);
                element
            }
            ExprKind::Walrus(var, value) => {
                let v = self.eval(value, state);
                state.vars[*var as usize] = v.clone();
                v
            }
            ExprKind::Comprehension(comprehension) => {
                let Comprehension {
                    clauses,
                    conditions,
                    element,
                } = comprehension.as_ref();
                let mut inner = state.clone();
                for (target, iterable) in clauses {
                    let v = self.eval(iterable, &mut inner);
                    self.assign(target, v, &mut inner);
                }
                for (test, condition) in conditions {
                    self.eval(test, &mut inner);
                    self.apply_condition(condition, true, &mut inner);
                }
                let v = self.eval(element, &mut inner);
                v.flattened()
            }
            ExprKind::Function(q) => Value {
                function: Some(Rc::from(q.as_str())),
                ..Value::default()
            },
            ExprKind::Choice(choice) => {
                self.eval(&choice.test, state);
                let mut chosen = state.clone();
                self.apply_condition(&choice.condition, true, &mut chosen);
                let body = self.eval(&choice.body, &mut chosen);
                let mut other = state.clone();
                self.apply_condition(&choice.condition, false, &mut other);
                let orelse = self.eval(&choice.orelse, &mut other);
                *state = chosen.join(&other);
                let mut out = body.join(&orelse);
                // The class the branches agree on (`Session() if pooled else None`).
                if let (Some(a), Some(b)) = (&body.class, &orelse.class)
                    && a != b
                {
                    out.class = None;
                }
                out
            }
        }
    }

    /// Text built from `parts` in order. It carries every part's labels, except that a
    /// part after a start that fixes a URL's destination cannot make the URL an SSRF or an
    /// open redirect, and a name with a constant identifier prefix or suffix (`"do_" +
    /// command`) can only reach attributes the developer named that way.
    fn text(&mut self, parts: &[Expr], state: &mut State) -> Value {
        let mut out = Value::default();
        let mut destination_fixed = false;
        // The constant text the value starts with, while every part so far is constant.
        let mut leading = Some(String::new());
        // Inside a host the program chose: after `scheme://` (or `//`), parts with no
        // untrusted input and constants without `@`. The next `/`, `?` or `#` ends it.
        let mut in_chosen_host = false;
        for (i, part) in parts.iter().enumerate() {
            let v = self.eval(part, state);
            // `"https://%s%s" % (settings.HOST, request.get_full_path())`: the request's
            // own path starts with `/`, so it ends the chosen host.
            let path_after_host = in_chosen_host && self.is_request_path(&v);
            let labels = if destination_fixed || path_after_host {
                v.sanitized(url_kinds()).labels
            } else {
                v.deep_labels()
            };
            out.add_labels(labels);
            let constant = match &part.kind {
                ExprKind::Const(Some(ConstValue::Str(text))) => Some(text.as_str()),
                _ => None,
            };
            // Whether the program chose this part, asked only where it can fix the
            // destination: at the start, or in the host.
            let chosen = constant.is_none()
                && (i == 0 || in_chosen_host || leading.as_deref().is_some_and(opens_a_host))
                && self.is_chosen_for_urls(&v);
            destination_fixed |= path_after_host
                || match (&part.kind, constant) {
                    (_, Some(text)) => {
                        text.contains(['?', '#'])
                            || (in_chosen_host && ends_a_host(text))
                            || leading.as_mut().is_some_and(|start| {
                                start.push_str(text);
                                fixes_the_host(start)
                            })
                    }
                    // An untrusted-free start that is not a literal: `request.path`,
                    // `reverse(…)`, a URL the code built.
                    (ExprKind::Const(_), None) => false,
                    _ => i == 0 && chosen,
                };
            in_chosen_host = !destination_fixed
                && match constant {
                    Some(text) => in_chosen_host && !text.contains('@'),
                    None => {
                        chosen && (in_chosen_host || leading.as_deref().is_some_and(opens_a_host))
                    }
                };
            if constant.is_none() {
                leading = None;
            }
        }
        let prefixed = constant_text(parts.first()).is_some_and(|t| is_name_affix(t, true));
        let suffixed = constant_text(parts.last()).is_some_and(|t| is_name_affix(t, false));
        if parts.len() > 1 && (prefixed || suffixed) {
            out = out.sanitized(KindSet::of(unsafe_reflection()));
        }
        out
    }

    /// Whether `value` holds nothing but what the program chose, as a part of a URL's
    /// destination: no label, labels made safe for URLs (a host checked against an
    /// allowlist), or attributes of the receiver that its class's constructor sets from
    /// constants or settings (`self.host = settings.HOST`).
    fn is_chosen_for_urls(&self, value: &Value) -> bool {
        value.is_clean() || value.deep_labels().iter().all(|label| {
            label.sanitized.covers(url_kinds())
                || matches!(&label.origin, Origin::Param { index: 0, field: Some(Key::Attr(attr)) }
                    if self.constructor_fixes(attr))
        })
    }

    /// Whether the constructor of the first parameter's class sets `attr` from
    /// constants or settings only.
    fn constructor_fixes(&self, attr: &str) -> bool {
        self.function
            .params
            .first()
            .and_then(|p| p.class.as_deref())
            .and_then(|class| self.constructor_summary(class))
            .is_some_and(|summary| {
                summary
                    .fields_set
                    .iter()
                    .any(|(key, labelled)| !labelled && matches!(key, Key::Attr(a) if &**a == attr))
            })
    }

    /// The summary of `class`'s constructor (its `__init__`, through its bases), which
    /// this function now depends on.
    fn constructor_summary(&self, class: &str) -> Option<&Summary> {
        let init = self.project.resolve_method(class, "__init__")?;
        self.callees.borrow_mut().insert(init.clone());
        self.summaries.get(&init)
    }

    /// Whether `value` is the path of the request being handled (`request.path`,
    /// `get_full_path()`), which starts with `/`.
    fn is_request_path(&self, value: &Value) -> bool {
        value
            .class
            .as_deref()
            .and_then(|c| self.project.models.source(c))
            .is_some_and(|s| s.request_url)
    }

    fn source_value(&self, site: &SourceSite) -> Value {
        let step = self.step(site.range, format!("untrusted input: {}", site.description));
        let mut safe_for = site.safe_for;
        // The URL this request was routed by: a redirect to it stays on the site, except
        // in middleware, which sees every URL.
        if site
            .class
            .as_deref()
            .and_then(|c| self.project.models.source(c))
            .is_some_and(|s| s.request_url)
            && !self.project.is_middleware(&self.function.qualname)
        {
            safe_for = safe_for.with(KindSet::of(open_redirect()));
        }
        let mut value = Value::with_labels(vec![Label {
            origin: Origin::Source {
                module: self.module,
                range: site.range,
                description: site.description.as_str().into(),
            },
            sanitized: safe_for,
            trace: Trace::default().then(step),
        }]);
        value.class = site.class.as_deref().map(Rc::from);
        value
    }

    /// `base.attr` or `base["key"]`: the field, a source of the base's class, or a typed
    /// attribute (`response.headers`).
    fn read_field(&self, base: &Value, key: &Key, range: TextRange) -> Value {
        // `obj._meta`: a Django model's options, written by its developer, whatever
        // object it was read from.
        if let Key::Attr(attr) = key
            && attr.as_str() == "_meta"
        {
            return Value {
                class: Some(Rc::from(DJANGO_MODEL_OPTIONS)),
                ..Value::default()
            };
        }
        let mut value = base.field(key);
        let Some(class) = &base.class else {
            return value;
        };
        // `request.files.getlist("f")[0]`: an element of a list of known class.
        if let (Key::Item(_) | Key::Any, Some(element)) = (key, moat_models::element_of(class)) {
            value.class = Some(Rc::from(element));
            return value;
        }
        // `args.port` of an option declared `type=int` (or with constant choices).
        // (The namespace of a `parse_args()` source has the source's name as its class.)
        if let Key::Attr(attr) = key
            && matches!(
                &**class,
                "argparse.Namespace" | "argparse.ArgumentParser.parse_args"
            )
        {
            let options = &self.project.modules[self.module as usize].safe_cli_options;
            if let Ok(i) = options.binary_search_by(|(o, _)| o.as_str().cmp(attr.as_str())) {
                return match options[i].1 {
                    CliValue::Fixed => Value::default(),
                    // A number: no text, but it may still overflow a fixed-width integer.
                    CliValue::Number => value.sanitized(all_but_integer_overflow()),
                };
            }
        }
        // `request.META["CSRF_COOKIE"]`: a key the server or a middleware sets.
        if let Key::Item(item) = key
            && self
                .project
                .models
                .source(class)
                .is_some_and(|s| !s.key_is_untrusted(item))
        {
            return Value::default();
        }
        if let Key::Attr(attr) = key
            && let Some(annotation) = self.project.annotated_field(class, attr)
        {
            // `feedback.rating` of a model declaring `rating: int` is a number.
            if self.project.is_scalar(annotation) {
                return Value::default();
            }
            // A field declared `str` is text, not a NoSQL query object.
            if annotation == "builtins.str" {
                return value.sanitized(KindSet::TEXT);
            }
            value.class = Some(Rc::from(annotation));
        }
        if let Key::Attr(attr) = key
            && value.class.is_none()
            && let Some(field_class) = self.field_class(class, attr)
        {
            value.class = Some(Rc::from(field_class.as_str()));
        }
        let member = match key {
            Key::Attr(attr) => attr.as_str(),
            Key::Item(_) | Key::Any => "__getitem__",
        };
        let mut candidates = self.project.member_names(class, member);
        if let Key::Attr(_) = key {
            candidates.extend(self.project.member_names(class, "*"));
        }
        {
            for candidate in candidates {
                let models = self.project.models;
                if let Some(source) = models.source(&candidate)
                    && source.access == Access::Value
                    && self.project.is_untrusted(source.threat)
                {
                    let site = SourceSite {
                        range,
                        description: format!("`{candidate}`"),
                        threat: source.threat,
                        safe_for: source.safe_for(),
                        class: Some(candidate.clone()),
                        needs_view: false,
                        needs_dependency: false,
                    };
                    value.add_labels(self.source_value(&site).labels);
                    // A source's own name is its class, as for sources read by name: its
                    // keys, items (`request.FILES["f"]`) and whether it is the request's
                    // own path (see `is_request_path`) are rows under that name.
                    value.class = Some(Rc::from(candidate.as_str()));
                }
                if let Some(t) = models.type_of(&candidate) {
                    value.class = Some(Rc::from(t.name.as_str()));
                }
                // An attribute the library cleans (Django's `UploadedFile.name` is the
                // client's name without its directories).
                if let Key::Attr(_) = key
                    && let Some(sanitizer) = models.sanitizer(&candidate)
                {
                    value = value.sanitized(sanitizer.kinds);
                }
            }
        }
        value
    }

    /// The class an attribute of instances of `class` gets in its constructor
    /// (`self.conn = sqlite3.connect(…)` in `__init__`).
    fn field_class(&self, class: &str, attr: &str) -> Option<String> {
        self.constructor_summary(class)?
            .field_classes
            .iter()
            .find(|(k, _)| matches!(k, Key::Attr(a) if a == attr))
            .map(|(_, c)| c.clone())
    }

    fn call(&mut self, call: &Call, state: &mut State) -> Value {
        // `HANDLERS.get(verb)`: one of the dispatch table's functions. (An imported table's
        // method resolves as a qualified name, `pkg.commands.HANDLERS.get`.)
        let table_lookup = match &call.callee {
            Callee::Method { receiver, name } => match &receiver.kind {
                ExprKind::Global(table) => Some((table.as_str(), name.as_str())),
                _ => None,
            },
            Callee::Qualified(q) => q.rsplit_once('.'),
            Callee::Value(_) => None,
        };
        if let Some((table, method)) = table_lookup
            && matches!(method, "get" | "pop" | "setdefault")
            && self.project.table(table).is_some()
        {
            for arg in &call.args {
                self.eval(&arg.value, state);
            }
            let key = call.args.first().and_then(|a| match &a.value.kind {
                ExprKind::Const(Some(ConstValue::Str(s))) => Some(s.clone()),
                ExprKind::Const(Some(ConstValue::Int(i))) => Some(i.to_string()),
                _ => None,
            });
            return Value {
                function: self.table_entry(table, key.as_deref()),
                ..Value::default()
            };
        }
        let (receiver, candidates, project_target, method_name) = match &call.callee {
            Callee::Qualified(q) => {
                let mut candidates = vec![q.to_string()];
                // `Book._meta.get_field(…)`: a method of the model's options.
                if let Some((_, method)) = q.rsplit_once("._meta.")
                    && !method.contains('.')
                {
                    candidates.push(format!("{DJANGO_MODEL_OPTIONS}.{method}"));
                }
                // `Book(**data)`: a Django model built from keywords.
                if self.project.is_django_model(q) {
                    candidates.push(DJANGO_MODEL.to_string());
                }
                // `Book.objects.raw(…)`: a method of the model's default manager.
                if let Some((model, method)) = q.rsplit_once(".objects.")
                    && !method.contains('.')
                    && self.project.is_django_model(model)
                {
                    candidates.push(format!("{DJANGO_MANAGER}.{method}"));
                }
                // `db.products.find(…)` on an imported `db = client["shop"]`: a method of
                // the class the object has.
                if let Some((owner, method)) = q.rsplit_once('.')
                    && let Some(class) = self.project.global_class(owner)
                {
                    candidates.extend(self.project.member_names(&class, method));
                }
                (None, candidates, Some(q.to_string()), None)
            }
            Callee::Method { receiver, name } => {
                let r = self.eval(receiver, state);
                let (candidates, target) = match (&r.class, &receiver.kind) {
                    (Some(class), _) => (
                        self.project.member_names(class, name),
                        self.project.resolve_method(class, name),
                    ),
                    // `session.__setitem__` on the global `flask.session`.
                    (None, ExprKind::Global(q)) => (vec![format!("{q}.{name}")], None),
                    (None, _) => (vec![format!("*.{name}")], None),
                };
                (Some((r, receiver)), candidates, target, Some(name.as_str()))
            }
            Callee::Value(e) => {
                let v = self.eval(e, state);
                match (&v.function, &v.class) {
                    (Some(function), _) => (None, Vec::new(), Some(function.to_string()), None),
                    // Calling an instance of a library class calls its `__call__`, which
                    // the models may describe (`Session = sessionmaker(bind=engine)`, then
                    // `Session()`). A project class's `__call__` is not followed here.
                    (None, Some(class)) => {
                        let candidates = self.project.member_names(class, "__call__");
                        (None, candidates, None, None)
                    }
                    (None, None) => (None, Vec::new(), None, None),
                }
            }
        };
        let args: Vec<(Value, bool)> = call
            .args
            .iter()
            .map(|a| (self.eval(&a.value, state), a.starred))
            .collect();
        let keywords: Vec<(Option<&str>, Value)> = call
            .keywords
            .iter()
            .map(|k| (k.name.as_deref(), self.eval(&k.value, state)))
            .collect();
        let receiver_value = receiver.as_ref().map(|(v, _)| v);
        if let (Some(r), Some(method)) = (receiver_value, method_name)
            && r.class.is_none()
            && self.project.models.is_sink_method(method)
        {
            self.record_class_sink(r, method, call, &args, &keywords);
        }

        if let Callee::Qualified(q) = &call.callee
            && q == crate::lower::DICT_VALUE
        {
            let mut value = Value::default();
            for (a, _) in &args {
                value.add_labels(a.deep_labels());
            }
            return value.sanitized(KindSet::of(mass_assignment()));
        }
        if let Callee::Qualified(q) = &call.callee
            && matches!(
                q.as_str(),
                crate::rendering::TEMPLATE_MARKUP | crate::rendering::TEMPLATE_CONTEXT
            )
            && let Some((value, _)) = args.first()
        {
            self.check_template_markup(q == crate::rendering::TEMPLATE_MARKUP, value, call);
            return value.clone();
        }
        if let Callee::Qualified(q) = &call.callee
            && q == crate::lower::VIEW_RESPONSE
        {
            if let Some((body, _)) = args.first() {
                self.check_view_response(body, call);
            }
            return Value::default();
        }
        if let Callee::Qualified(q) = &call.callee
            && q == "<yield>"
        {
            let mut v = Value::default();
            for (a, _) in &args {
                v = v.join(a);
            }
            self.returned = Some(match self.returned.take() {
                Some(r) => r.join(&v),
                None => v,
            });
            return Value::default();
        }

        // Sinks of the library functions this call may be.
        let models = self.project.models;
        for candidate in &candidates {
            for sink in models.sinks(candidate) {
                self.check_sink(sink, candidate, call, receiver_value, &args, &keywords);
            }
        }

        // A project function: its summary, unless a model names it a sanitizer (when the
        // analysed project is the library itself: the model states what it guarantees).
        if let Some(target) = &project_target
            && models.sanitizer(target).is_none()
        {
            if self.project.is_function(target) {
                let receiver_arg = receiver.as_ref().and_then(|(v, e)| {
                    (!self.project.is_static(target)).then(|| (v.clone(), place_of(e)))
                });
                return self.apply_summary(target, call, receiver_arg, &args, &keywords, state);
            }
            if self.project.is_class(target) {
                return self.construct(target, call, &args, &keywords, state);
            }
            // A function looked up in a dispatch table: any of them may run.
            if let Some(entries) = self.project.table(target) {
                let mut out = Value::default();
                for (_, function) in entries {
                    let returned =
                        self.apply_summary(function, call, None, &args, &keywords, state);
                    out = out.join(&returned);
                }
                return out;
            }
        }

        // A library source that is a method (`request.get_json()` on a typed request).
        for candidate in &candidates {
            if let Some(source) = models.source(candidate)
                && source.access == Access::Call
                && self.project.is_untrusted(source.threat)
            {
                let site = SourceSite {
                    range: call.range,
                    description: format!("`{}`", candidate.trim_start_matches("*.")),
                    threat: source.threat,
                    safe_for: source.safe_for(),
                    class: Some(candidate.clone()),
                    needs_view: false,
                    needs_dependency: false,
                };
                return self.source_value(&site);
            }
        }

        let class = candidates
            .iter()
            .find_map(|c| {
                models
                    .types_of(c)
                    .iter()
                    .find(|t| {
                        t.when
                            .as_ref()
                            .is_none_or(|w| when_holds(w, call, &args, &keywords))
                    })
                    .map(|t| t.name.clone())
            })
            .or_else(|| match &call.callee {
                Callee::Qualified(q) => Some(q.to_string()),
                _ => None,
            });

        // Sanitizers.
        for candidate in &candidates {
            if let Some(sanitizer) = models.sanitizer(candidate) {
                let mut all = Value::default();
                for (a, _) in &args {
                    all.add_labels(a.deep_labels());
                }
                for (_, v) in &keywords {
                    all.add_labels(v.deep_labels());
                }
                if let Some(r) = receiver_value {
                    all.add_labels(r.deep_labels());
                }
                let mut out = all.sanitized(sanitizer.kinds);
                out.class = class.as_deref().map(Rc::from);
                return out;
            }
        }

        // A URL put together from its components: only the scheme, host and path choose
        // where it leads; untrusted input in the query or fragment does not.
        if candidates
            .iter()
            .any(|c| URL_ASSEMBLERS.contains(&c.as_str()))
            && let [(components, false)] = args.as_slice()
        {
            let mut out = Value::with_labels(components.labels.clone());
            for (key, v) in &components.fields {
                let destination =
                    matches!(key, Key::Item(i) if matches!(i.as_str(), "0" | "1" | "2"));
                if destination {
                    out.add_labels(v.deep_labels());
                } else {
                    out.add_labels(v.sanitized(url_kinds()).labels);
                }
            }
            return out;
        }

        // Summaries of library functions.
        let summaries: Vec<_> = candidates
            .iter()
            .flat_map(|c| models.summaries(c).iter())
            .collect();
        if !summaries.is_empty() {
            let mut out = Value::default();
            for summary in summaries {
                let from = match &summary.from {
                    FlowFrom::Arg(n) => positional(&args, *n as usize),
                    FlowFrom::Keyword(k) => keywords
                        .iter()
                        .find(|(name, _)| *name == Some(k.as_str()))
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default(),
                    FlowFrom::Receiver => receiver_value.cloned().unwrap_or_default(),
                    FlowFrom::Args => {
                        let mut all = Value::default();
                        for (a, _) in &args {
                            all.add_labels(a.deep_labels());
                        }
                        for (_, v) in &keywords {
                            all.add_labels(v.deep_labels());
                        }
                        all
                    }
                };
                match summary.to {
                    FlowTo::Return => {
                        // A parser makes structures of text: what was safe as text is not.
                        out.add_labels(from.unsanitized(summary.undoes).labels);
                    }
                    FlowTo::Receiver => {
                        if let Some((_, receiver_expr)) = &receiver
                            && let Some(place) = place_of(receiver_expr)
                        {
                            let labels = from.deep_labels();
                            let slot = &mut state.vars[place.var as usize];
                            slot.set_path(
                                &[place.path.clone(), vec![Key::Any]].concat(),
                                Value::with_labels(labels),
                                0,
                            );
                        }
                    }
                }
            }
            out.class = class.as_deref().map(Rc::from);
            return out;
        }

        // `d.get(key, default)`: the entry (the key chooses it, it is not in it).
        if let (Some(name), Some(r)) = (method_name, receiver_value)
            && GETTERS.contains(&name)
            && !args.is_empty()
        {
            let key = call
                .str_arg(0)
                .map_or(Key::Any, |key| Key::Item(key.into()));
            let mut v = self.read_field(r, &key, call.range);
            if let Some((default, _)) = args.get(1) {
                v = v.join(default);
            }
            // A `[[type]]` row of the getter says what it gives (`getlist`: a list).
            if let Some(class) = &class {
                v.class = Some(Rc::from(class.as_str()));
            }
            return v;
        }
        // `name.isdigit()`, `path.startswith(…)`: a boolean carries no text.
        if let Some(name) = method_name
            && (name.starts_with("is")
                || matches!(
                    name,
                    "startswith"
                        | "endswith"
                        | "__contains__"
                        | "count"
                        | "find"
                        | "index"
                        | "rfind"
                ))
            && candidates
                .iter()
                .all(|c| models.sinks(c).is_empty() && models.source(c).is_none())
        {
            return Value::default();
        }
        // `text.replace("\n", "")` removes line breaks: no log lines can be forged.
        if method_name == Some("replace")
            && let Some(old) = call.str_arg(0)
            && (old == "\n" || old == "\r\n")
            && let Some(r) = receiver_value
        {
            return r.sanitized(KindSet::of(log_injection()));
        }

        // Mutators put their arguments into the receiver.
        if let (Some(name), Some((_, receiver_expr))) = (method_name, &receiver)
            && MUTATORS.contains(&name)
            && let Some(place) = place_of(receiver_expr)
        {
            let mut labels = Vec::new();
            for (a, _) in &args {
                labels.extend(a.deep_labels());
            }
            for (_, v) in &keywords {
                labels.extend(v.deep_labels());
            }
            if !labels.is_empty() {
                let mut path = place.path.clone();
                path.push(Key::Any);
                state.vars[place.var as usize].set_path(&path, Value::with_labels(labels), 0);
            }
            return Value::default();
        }

        // Anything else passes its inputs on.
        let mut out = Value::default();
        for (a, _) in &args {
            out.add_labels(a.deep_labels());
        }
        for (_, v) in &keywords {
            out.add_labels(v.deep_labels());
        }
        if let Some(r) = receiver_value {
            out.add_labels(r.deep_labels());
        }
        if let Callee::Value(_) = &call.callee {
            // Calling an unknown value: what it returns is unknown, not its arguments.
        }
        out.class = class.as_deref().map(Rc::from);
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn check_sink(
        &mut self,
        sink: &Sink,
        candidate: &str,
        call: &Call,
        receiver: Option<&Value>,
        args: &[(Value, bool)],
        keywords: &[(Option<&str>, Value)],
    ) {
        if let Some(when) = &sink.when
            && !when_holds(when, call, args, keywords)
        {
            return;
        }
        let (value, what) = match &sink.arg {
            ArgSpec::Receiver => match receiver {
                Some(r) => (r.clone(), "the object".to_string()),
                None => return,
            },
            ArgSpec::Spread => {
                let mut spread = Value::default();
                for (name, v) in keywords {
                    if name.is_none() {
                        spread.add_labels(v.labels.iter().cloned());
                    }
                }
                (spread, "the `**` arguments".to_string())
            }
            ArgSpec::All => {
                let mut all = Value::default();
                // `"%r %d", a, b`: a repr or a number cannot hold a raw line break. The
                // format is the first argument, or for `log` the second, after the level
                // (`log.log(logging.INFO, "pid %d", pid)`).
                let called_log = match &call.callee {
                    Callee::Qualified(q) => q.rsplit('.').next() == Some("log"),
                    Callee::Method { name, .. } => name.as_str() == "log",
                    Callee::Value(_) => false,
                };
                let format = usize::from(called_log);
                let conversions = call.str_arg(format).map(printf_conversions);
                let after_format = if conversions.is_some() {
                    format + 1
                } else {
                    usize::MAX
                };
                let conversions = conversions.unwrap_or_default();
                for (i, (a, _)) in args.iter().enumerate() {
                    let safe = i >= after_format
                        && conversions.get(i - after_format).is_some_and(|&c| {
                            matches!(c, 'r' | 'a') || crate::lower::PRINTF_NUMBERS.contains(c)
                        });
                    if !safe {
                        all.add_labels(a.deep_labels());
                    }
                }
                for (_, v) in keywords {
                    all.add_labels(v.deep_labels());
                }
                (all, "an argument".to_string())
            }
            ArgSpec::Argument {
                position,
                keyword,
                element,
                keys,
            } => {
                let by_keyword = keyword.as_deref().and_then(|k| {
                    keywords
                        .iter()
                        .find(|(name, _)| *name == Some(k))
                        .map(|(_, v)| v.clone())
                });
                let (v, what) = match (by_keyword, position) {
                    (Some(v), _) => (
                        v,
                        format!("argument `{}`", keyword.as_deref().unwrap_or_default()),
                    ),
                    (None, Some(p)) => {
                        (positional(args, *p as usize), format!("argument {}", p + 1))
                    }
                    (None, None) => return,
                };
                match element {
                    Some(e) => (
                        v.field(&Key::Item(e.to_string().into())),
                        format!("element {e} of the {what}"),
                    ),
                    None if *keys => (
                        Value::with_labels(v.labels.clone()),
                        format!("the keys of the {what}"),
                    ),
                    None => (v, what),
                }
            }
        };
        let callee = candidate.trim_start_matches("*.").to_string();
        let reaches = format!("reaches `{callee}` ({what})");
        let site = self.sink_site(call, callee);
        self.sink_reached(sink.kind, &site, &value, &reaches, |from| {
            format!("untrusted input from {from} {reaches}")
        });
    }

    /// Where a sink is: this call, in this function.
    fn sink_site(&self, call: &Call, callee: String) -> SinkSite {
        SinkSite {
            module: self.module,
            range: call.range,
            statement: call.statement,
            function: self.function.local_name.clone(),
            callee,
        }
    }

    /// `value` reaches a `kind` sink at `site`: a finding for each source it holds that is
    /// not made safe for `kind` (its message made by `message` from the source's
    /// description), and a parameter → sink flow of this function for each parameter.
    fn sink_reached(
        &mut self,
        kind: Kind,
        site: &SinkSite,
        value: &Value,
        step: &str,
        message: impl Fn(&str) -> String,
    ) {
        for label in value.deep_labels() {
            if label.sanitized.contains(kind) {
                continue;
            }
            let sink_step = self.step(site.range, step.to_string());
            match &label.origin {
                Origin::Source { description, .. } => {
                    let message = message(description);
                    self.report(kind, site, label.trace.then(sink_step).to_vec(), message);
                }
                Origin::Param { index, field } => {
                    let flow = ParamFlow {
                        index: *index,
                        field: field.clone(),
                        to_field: None,
                        sanitized: label.sanitized,
                        steps: label.trace.then(sink_step).to_vec(),
                    };
                    self.add_param_sink(ParamSink {
                        flow,
                        kind,
                        site: site.clone(),
                    });
                }
            }
        }
    }

    /// A context value a template writes unescaped (`markup`: the value itself, followed
    /// by pairs of a description and the attribute or key written), or a mapping of
    /// context values (followed by triples: an item's key, the description, the attribute
    /// or key of the item written); see `rendering.rs`.
    fn check_template_markup(&mut self, markup: bool, value: &Value, call: &Call) {
        let written: Vec<(Value, &str)> = (1..call.args.len())
            .step_by(if markup { 2 } else { 3 })
            .filter_map(|i| {
                let (item, place, field) = if markup {
                    (value.clone(), call.str_arg(i)?, call.str_arg(i + 1)?)
                } else {
                    let key = Key::Item(call.str_arg(i)?.to_string().into());
                    let item = self.read_field(value, &key, call.range);
                    (item, call.str_arg(i + 1)?, call.str_arg(i + 2)?)
                };
                Some((template_field(&item, field), place))
            })
            .collect();
        for (written, place) in written {
            let site = self.sink_site(call, place.to_string());
            let step = format!("reaches {place}, which writes it unescaped");
            self.sink_reached(xss(), &site, &written, &step, |from| {
                format!("untrusted input from {from} {step}")
            });
        }
    }

    /// A view returns `body`, text sent as an HTML page (Flask gives a `str` the type
    /// `text/html`; a FastAPI route may declare `response_class=HTMLResponse`). When the
    /// call's second argument names the project function `body` came from, only if that
    /// function returns text; when it marks a value read from input as it is, only the
    /// input that is text, in a value of no other known class.
    fn check_view_response(&mut self, body: &Value, call: &Call) {
        let read_text;
        let body = match call.args.get(1).map(|a| &a.value.kind) {
            Some(ExprKind::Const(Some(ConstValue::Str(function)))) => {
                if !self.returns_text(function) {
                    return;
                }
                body
            }
            Some(ExprKind::Const(Some(ConstValue::Bool(true)))) => {
                if body.class.as_deref().is_some_and(|c| c != "builtins.str") {
                    return;
                }
                let mut labels = body.deep_labels();
                labels.retain(|l| {
                    matches!(l.origin, Origin::Source { .. }) && l.sanitized.covers(KindSet::TEXT)
                });
                read_text = Value::with_labels(labels);
                &read_text
            }
            _ => body,
        };
        let site = self.sink_site(call, "the view's HTML response".to_string());
        let step = "returned as the view's HTML page";
        self.sink_reached(xss(), &site, body, step, |from| {
            format!("untrusted input from {from} is {step}")
        });
    }

    /// Whether every `return` of the project function `name` gives text it built; a
    /// `Class.method` name is looked up through the class's bases.
    fn returns_text(&self, name: &str) -> bool {
        let resolved = match self.project.function(name) {
            Some(f) => Some(f),
            None => name.rsplit_once('.').and_then(|(class, method)| {
                let found = self.project.resolve_method(class, method)?;
                self.project.function(&found)
            }),
        };
        resolved.is_some_and(|f| f.returns_text)
    }

    fn add_param_sink(&mut self, sink: ParamSink) {
        if self.sinks.iter().any(|s| {
            s.kind == sink.kind
                && s.site == sink.site
                && s.flow.index == sink.flow.index
                && s.flow.field == sink.flow.field
                && s.flow.sanitized == sink.flow.sanitized
        }) {
            return;
        }
        if self.sinks.len() >= MAX_FLOWS {
            self.truncated = true;
            return;
        }
        self.sinks.push(sink);
    }

    fn report(&mut self, kind: Kind, site: &SinkSite, trace: Vec<Step>, message: String) {
        if !self.reported.insert((kind, site.module, site.range)) {
            return;
        }
        self.findings.push(TaintFinding {
            kind,
            module: site.module,
            range: site.range,
            statement: site.statement,
            function: site.function.clone(),
            message,
            trace,
        });
    }

    /// The value an argument bound to parameter `index` of `target` has at this call.
    fn bind_arguments(
        &self,
        target: &FunctionIr,
        receiver: Option<&Value>,
        args: &[(Value, bool)],
        keywords: &[(Option<&str>, Value)],
    ) -> Vec<Value> {
        let mut bound = vec![Value::default(); target.params.len() + target.captures.len()];
        let mut positional: Vec<(Value, bool)> = Vec::new();
        if let Some(r) = receiver {
            positional.push((r.clone(), false));
        }
        positional.extend(args.iter().cloned());
        let mut next = 0;
        let mut spread: Option<Value> = None;
        for (i, param) in target.params.iter().enumerate() {
            // A parameter given a plain positional argument (the receiver included) takes
            // nothing from `**kwargs`: Python refuses a second value for it.
            let mut given = false;
            match param.kind {
                ParamKind::Positional | ParamKind::PositionalOnly => {
                    if let Some(s) = &spread {
                        bound[i] = s.clone();
                        continue;
                    }
                    if let Some((v, starred)) = positional.get(next) {
                        if *starred {
                            spread = Some(v.flattened());
                            bound[i] = v.flattened();
                        } else {
                            bound[i] = v.clone();
                            given = true;
                        }
                        next += 1;
                    }
                }
                ParamKind::VarArgs => {
                    let mut rest = Value::default();
                    for (v, _) in positional.iter().skip(next) {
                        rest.add_labels(v.deep_labels());
                    }
                    bound[i] = rest;
                }
                _ => {}
            }
            if param.kind != ParamKind::VarArgs && param.kind != ParamKind::VarKeywords {
                if let Some((_, v)) = keywords
                    .iter()
                    .find(|(n, _)| *n == Some(param.name.as_str()))
                {
                    bound[i] = v.clone();
                }
                if let Some((_, v)) = keywords.iter().find(|(n, _)| n.is_none())
                    && param.kind != ParamKind::PositionalOnly
                    && !given
                {
                    bound[i] = bound[i].join(&v.flattened());
                }
            }
            if param.kind == ParamKind::VarKeywords {
                let mut rest = Value::default();
                for (name, v) in keywords {
                    let known = name.is_some_and(|n| target.params.iter().any(|p| p.name == n));
                    if !known {
                        match name {
                            Some(n) => {
                                rest.set_path(&[Key::Item(n.to_string().into())], v.clone(), 0)
                            }
                            None => {
                                rest.add_labels(v.deep_labels());
                            }
                        }
                    }
                }
                bound[i] = rest;
            }
        }
        bound
    }

    /// What the argument bound to a flow's parameter (or its field) holds at this call.
    fn flow_argument(&self, bound: &[Value], flow: &ParamFlow, range: TextRange) -> Value {
        let Some(v) = bound.get(flow.index as usize) else {
            return Value::default();
        };
        match &flow.field {
            Some(key) => self.read_field(v, key, range),
            None => v.clone(),
        }
    }

    /// A parameter → sink flow of a callee at this call: reported for the sources the
    /// argument holds, and kept as this function's own flow for its parameters.
    fn apply_param_sink(
        &mut self,
        bound: &[Value],
        sink: &ParamSink,
        call: &Call,
        function: &FunctionIr,
    ) {
        let short = short_name(function);
        let value = self.flow_argument(bound, &sink.flow, call.range);
        for label in value.deep_labels() {
            let sanitized = label.sanitized.with(sink.flow.sanitized);
            if sanitized.contains(sink.kind) {
                continue;
            }
            let into = self.step(
                call.range,
                format!(
                    "passed to `{short}` as {}",
                    param_name(function, sink.flow.index)
                ),
            );
            let trace = label.trace.then(into).extend(&sink.flow.steps);
            match &label.origin {
                Origin::Source { description, .. } => {
                    let message = format!(
                        "untrusted input from {description} reaches `{}` through `{short}`",
                        sink.site.callee
                    );
                    self.report(sink.kind, &sink.site, trace.to_vec(), message);
                }
                Origin::Param { index, field } => {
                    let flow = ParamFlow {
                        index: *index,
                        field: field.clone(),
                        to_field: None,
                        sanitized,
                        steps: trace.to_vec(),
                    };
                    self.add_param_sink(ParamSink {
                        flow,
                        kind: sink.kind,
                        site: sink.site.clone(),
                    });
                }
            }
        }
    }

    /// A callee's method call on parameter `receiver` (or its field) at this call: when the
    /// argument's class has a sink of that method, the parameters reaching the sink's
    /// argument are a parameter → sink flow of the callee.
    fn apply_class_sink(
        &mut self,
        bound: &[Value],
        class_sink: &ClassSink,
        call: &Call,
        function: &FunctionIr,
    ) {
        let receiver = ParamFlow {
            index: class_sink.receiver,
            field: class_sink.receiver_field.clone(),
            to_field: None,
            sanitized: KindSet::EMPTY,
            steps: Vec::new(),
        };
        let Some(class) = self.flow_argument(bound, &receiver, call.range).class else {
            return;
        };
        let models = self.project.models;
        for candidate in self.project.member_names(&class, &class_sink.method) {
            for sink in models.sinks(&candidate) {
                // The callee's call is not here to check its keywords.
                if sink.when.is_some() {
                    continue;
                }
                let (flows, what): (Vec<&ParamFlow>, String) = match &sink.arg {
                    ArgSpec::Argument {
                        position,
                        keyword,
                        element: None,
                        keys: false,
                    } => {
                        let by_keyword = keyword.as_deref().and_then(|k| {
                            class_sink
                                .keywords
                                .iter()
                                .find(|(name, _)| name == k)
                                .map(|(_, flows)| (flows, format!("argument `{k}`")))
                        });
                        let by_position = position.and_then(|p| {
                            class_sink
                                .args
                                .get(p as usize)
                                .map(|flows| (flows, format!("argument {}", p + 1)))
                        });
                        match by_keyword.or(by_position) {
                            Some((flows, what)) => (flows.iter().collect(), what),
                            None => continue,
                        }
                    }
                    ArgSpec::All => (
                        class_sink
                            .args
                            .iter()
                            .flatten()
                            .chain(class_sink.keywords.iter().flat_map(|(_, f)| f))
                            .collect(),
                        "an argument".to_string(),
                    ),
                    _ => continue,
                };
                let site = SinkSite {
                    callee: candidate.clone(),
                    ..class_sink.site.clone()
                };
                for flow in flows {
                    let mut flow = flow.clone();
                    flow.steps.push(Step {
                        module: site.module,
                        range: site.range,
                        message: format!("reaches `{candidate}` ({what})"),
                    });
                    let sink = ParamSink {
                        flow,
                        kind: sink.kind,
                        site: site.clone(),
                    };
                    self.apply_param_sink(bound, &sink, call, function);
                }
            }
        }
    }

    /// Records a method call on a parameter (or its field) whose class is not known here,
    /// with the parameters that reach its arguments (see [`ClassSink`]).
    fn record_class_sink(
        &mut self,
        receiver: &Value,
        method: &str,
        call: &Call,
        args: &[(Value, bool)],
        keywords: &[(Option<&str>, Value)],
    ) {
        let flows = |v: &Value| -> Vec<ParamFlow> {
            v.deep_labels()
                .into_iter()
                .filter_map(|l| match l.origin {
                    Origin::Param { index, field } => Some(ParamFlow {
                        index,
                        field,
                        to_field: None,
                        sanitized: l.sanitized,
                        steps: l.trace.to_vec(),
                    }),
                    Origin::Source { .. } => None,
                })
                .collect()
        };
        let arg_flows: Vec<Vec<ParamFlow>> = args
            .iter()
            .map(|(v, starred)| if *starred { Vec::new() } else { flows(v) })
            .collect();
        let keyword_flows: Vec<(String, Vec<ParamFlow>)> = keywords
            .iter()
            .filter_map(|(name, v)| Some(((*name)?.to_string(), flows(v))))
            .filter(|(_, f)| !f.is_empty())
            .collect();
        if arg_flows.iter().all(Vec::is_empty) && keyword_flows.is_empty() {
            return;
        }
        let site = SinkSite {
            module: self.module,
            range: call.range,
            statement: call.statement,
            function: self.function.local_name.clone(),
            callee: method.to_string(),
        };
        for label in &receiver.labels {
            let Origin::Param { index, field } = &label.origin else {
                continue;
            };
            let class_sink = ClassSink {
                receiver: *index,
                receiver_field: field.clone(),
                method: method.to_string(),
                args: arg_flows.clone(),
                keywords: keyword_flows.clone(),
                site: site.clone(),
            };
            if self.class_sinks.contains(&class_sink) {
                continue;
            }
            if self.class_sinks.len() >= MAX_FLOWS {
                self.truncated = true;
                return;
            }
            self.class_sinks.push(class_sink);
        }
    }

    fn apply_summary(
        &mut self,
        target: &str,
        call: &Call,
        receiver: Option<(Value, Option<Place>)>,
        args: &[(Value, bool)],
        keywords: &[(Option<&str>, Value)],
        state: &mut State,
    ) -> Value {
        self.callees.borrow_mut().insert(target.to_string());
        let Some(function) = self.project.function(target) else {
            return Value::default();
        };
        let bound =
            self.bind_arguments(function, receiver.as_ref().map(|(v, _)| v), args, keywords);
        let Some(summary) = self.summaries.get(target) else {
            return Value::default();
        };
        let short = short_name(function);
        // Sinks inside the callee.
        for sink in &summary.sinks {
            self.apply_param_sink(&bound, sink, call, function);
        }
        // Methods the callee calls on a parameter of a class it does not know: sinks if
        // this call passes an object of a class with one.
        for class_sink in &summary.class_sinks {
            self.apply_class_sink(&bound, class_sink, call, function);
        }
        // `self.attr = param` in the callee: the receiver's fields.
        if let Some((_, Some(place))) = &receiver {
            for (key, flow) in &summary.receiver_fields {
                let v = self
                    .flow_argument(&bound, flow, call.range)
                    .sanitized(flow.sanitized);
                if !v.is_clean() {
                    let mut path = place.path.clone();
                    path.push(key.clone());
                    state.vars[place.var as usize].set_path(&path, v, 0);
                }
            }
        }
        // The return value.
        let mut out = Value::default();
        for flow in &summary.returns {
            let value = self.flow_argument(&bound, flow, call.range);
            let into = self.step(
                call.range,
                format!(
                    "passed to `{short}` as {}",
                    param_name(function, flow.index)
                ),
            );
            let labels: Vec<Label> = value
                .deep_labels()
                .into_iter()
                .map(|l| Label {
                    origin: l.origin,
                    sanitized: l.sanitized.with(flow.sanitized),
                    trace: l.trace.then(into.clone()).extend(&flow.steps),
                })
                .collect();
            match &flow.to_field {
                None => {
                    if !out.add_labels(labels) {
                        self.truncated = true;
                    }
                }
                Some(key) => out.add_field_labels(key, labels),
            }
        }
        for source in &summary.return_sources {
            let back = self.step(call.range, format!("returned by `{short}`"));
            let label = Label {
                origin: Origin::Source {
                    module: source.module,
                    range: source.range,
                    description: source.description.as_str().into(),
                },
                sanitized: source.sanitized,
                trace: Trace::default().extend(&source.steps).then(back),
            };
            match &source.to_field {
                None => {
                    out.add_labels([label]);
                }
                Some(key) => out.add_field_labels(key, vec![label]),
            }
        }
        out.class = summary.return_class.as_deref().map(Rc::from);
        out
    }

    fn construct(
        &mut self,
        class: &str,
        call: &Call,
        args: &[(Value, bool)],
        keywords: &[(Option<&str>, Value)],
        state: &mut State,
    ) -> Value {
        let mut object = Value {
            class: Some(Rc::from(class)),
            ..Value::default()
        };
        match self.project.resolve_method(class, "__init__") {
            Some(init) if self.project.is_function(&init) => {
                // Run the constructor on a fresh object held in no variable: its field
                // writes come back through `receiver_fields`.
                self.callees.borrow_mut().insert(init.clone());
                if let (Some(function), Some(summary)) =
                    (self.project.function(&init), self.summaries.get(&init))
                {
                    let bound = self.bind_arguments(function, Some(&object), args, keywords);
                    for (key, flow) in &summary.receiver_fields {
                        let v = bound
                            .get(flow.index as usize)
                            .map(|v| match &flow.field {
                                Some(k) => self.read_field(v, k, call.range),
                                None => v.clone(),
                            })
                            .unwrap_or_default()
                            .sanitized(flow.sanitized);
                        if !v.is_clean() {
                            object.set_path(std::slice::from_ref(key), v, 0);
                        }
                    }
                }
                let _ = self.apply_summary(
                    &init,
                    call,
                    Some((object.clone(), None)),
                    args,
                    keywords,
                    state,
                );
            }
            _ => {
                // Dataclasses, named tuples, pydantic models: keywords become fields,
                // positional arguments are kept as the object's own taint.
                for (name, v) in keywords {
                    match name {
                        Some(n) => {
                            object.set_path(&[Key::Attr(n.to_string().into())], v.clone(), 0)
                        }
                        None => {
                            object.add_labels(v.deep_labels());
                        }
                    }
                }
                for (v, _) in args {
                    object.add_labels(v.deep_labels());
                }
            }
        }
        object
    }
}

fn log_injection() -> Kind {
    Kind::from_name("log-injection").expect("a kind")
}

/// The text of a constant string part.
fn constant_text(part: Option<&Expr>) -> Option<&str> {
    match part {
        Some(Expr {
            kind: ExprKind::Const(Some(ConstValue::Str(text))),
            ..
        }) => Some(text.as_str()),
        _ => None,
    }
}

/// The class of `Model._meta`, whose methods the Django models describe
/// (`get_field(name)` returns a field the model declares, or raises).
const DJANGO_MODEL_OPTIONS: &str = "django.db.models.options.Options";

/// The class of a Django model's default manager, `Model.objects`.
const DJANGO_MANAGER: &str = "django.db.models.Manager";
/// What constructing any Django model is looked up as in the models.
const DJANGO_MODEL: &str = "django.db.models.Model";

/// Functions that join a URL's components (scheme, host, path first).
const URL_ASSEMBLERS: &[&str] = &["urllib.parse.urlunparse", "urllib.parse.urlunsplit"];

fn unsafe_reflection() -> Kind {
    Kind::from_name("unsafe-reflection").expect("a kind")
}

/// Every kind but `integer-overflow`: what a number is safe for.
fn all_but_integer_overflow() -> KindSet {
    let overflow = Kind::from_name("integer-overflow").expect("a kind");
    KindSet::ALL.without(KindSet::of(overflow))
}

/// A project function's name within its class or module, for trace steps (`save_upload`).
fn short_name(function: &FunctionIr) -> &str {
    let q = function.qualname.as_str();
    q.rsplit('.').next().unwrap_or(q)
}

/// How a trace names parameter `index` of `function` (an index past its parameters is a
/// captured variable).
fn param_name(function: &FunctionIr, index: u16) -> String {
    function.params.get(index as usize).map_or_else(
        || "a captured variable".to_string(),
        |p| format!("`{}`", p.name),
    )
}

fn xss() -> Kind {
    Kind::from_name("xss").expect("a kind")
}

fn mass_assignment() -> Kind {
    Kind::from_name("mass-assignment").expect("a kind")
}

fn open_redirect() -> Kind {
    Kind::from_name("open-redirect").expect("a kind")
}

/// Whether constant text at the start (`prefix`) or end of a built attribute name limits
/// it to names the developer chose: identifier characters with a letter or digit, and no
/// `__` on the outer side, so no dunder name (`__class__`) can be made with it.
fn is_name_affix(text: &str, prefix: bool) -> bool {
    let outer_dunder = if prefix {
        text.starts_with("__")
    } else {
        text.ends_with("__")
    };
    !outer_dunder
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text.chars().any(|c| c.is_ascii_alphanumeric())
}

fn url_kinds() -> KindSet {
    ["ssrf", "open-redirect"]
        .iter()
        .filter_map(|k| Kind::from_name(k))
        .fold(KindSet::EMPTY, |s, k| s.with(KindSet::of(k)))
}

/// Whether a URL starting with `prefix` goes on with its host: `https://`, `//`.
fn opens_a_host(prefix: &str) -> bool {
    prefix == "//" || prefix.strip_suffix("://").is_some_and(is_scheme)
}

/// Whether `text` can be a URL scheme (`https`, `svn+ssh`).
fn is_scheme(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
}

/// Whether constant text written inside a host ends it (`/`, `?` or `#`, with no `@`
/// before, which would make what came before a user name).
fn ends_a_host(text: &str) -> bool {
    text.find(['/', '?', '#'])
        .is_some_and(|i| !text[..i].contains('@'))
}

/// Whether a URL starting with `prefix` has its scheme and host fixed
/// (`https://api.example.com/…`) or is a path on this site (`/profile/…`).
fn fixes_the_host(prefix: &str) -> bool {
    if let Some((scheme, rest)) = prefix.split_once("://") {
        return is_scheme(scheme)
            && rest
                .find(['/', '?', '#'])
                .is_some_and(|i| i > 0 && !rest[..i].contains(['@', '{', '%']));
    }
    let mut chars = prefix.chars();
    chars.next() == Some('/')
        && chars
            .next()
            .is_some_and(|c| !matches!(c, '/' | '\\' | '%' | '{'))
}

/// The conversion characters of a printf-style format, in order (`%%` skipped).
fn printf_conversions(format: &str) -> Vec<char> {
    let mut out = Vec::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            continue;
        }
        for c in chars.by_ref() {
            if c.is_ascii_alphabetic() {
                out.push(c);
                break;
            }
        }
    }
    out
}

fn positional(args: &[(Value, bool)], index: usize) -> Value {
    let mut out = Value::default();
    for (i, (v, starred)) in args.iter().enumerate() {
        if *starred && i <= index {
            // `f(*argv)`: element `index - i` of the unpacked sequence, when nothing after
            // it can shift the positions (`create_subprocess_exec(*cmd)`: `cmd[0]`).
            if i == index || i + 1 == args.len() {
                return v.field(&Key::Item((index - i).to_string().into()));
            }
            return v.flattened();
        }
        if i == index {
            out = v.clone();
        }
    }
    out
}

/// Whether a call's constant keywords (`XMLParser(resolve_entities=True)` at module
/// level) satisfy `when`; class conditions never hold here.
pub(crate) fn keywords_satisfy(when: &When, keywords: &[(String, ConstValue)]) -> bool {
    match when {
        When::Equals { keyword, value } => keywords.iter().any(|(k, v)| {
            k == keyword
                && match (v, value) {
                    (ConstValue::Bool(a), WhenValue::Bool(b)) => a == b,
                    (ConstValue::Int(a), WhenValue::Int(b)) => a == b,
                    (ConstValue::Str(a), WhenValue::Str(b)) => a == b,
                    (ConstValue::Int(a), WhenValue::Bool(b)) => (*a != 0) == *b,
                    _ => false,
                }
        }),
        When::Absent { keyword } => !keywords.iter().any(|(k, _)| k == keyword),
        When::Class { .. } => false,
    }
}

fn when_holds(
    when: &When,
    call: &Call,
    args: &[(Value, bool)],
    keywords: &[(Option<&str>, Value)],
) -> bool {
    if let When::Class {
        position,
        keyword,
        class,
    } = when
    {
        let value = keyword
            .as_deref()
            .and_then(|k| keywords.iter().find(|(n, _)| *n == Some(k)).map(|(_, v)| v))
            .or_else(|| position.and_then(|p| args.get(p as usize).map(|(v, _)| v)));
        return value.is_some_and(|v| v.class.as_deref() == Some(class.as_str()));
    }
    match when {
        When::Equals { keyword, value } => call.keywords.iter().any(|k| {
            k.name.as_deref() == Some(keyword.as_str())
                && match (&k.value.kind, value) {
                    (ExprKind::Const(Some(ConstValue::Bool(a))), WhenValue::Bool(b)) => a == b,
                    (ExprKind::Const(Some(ConstValue::Int(a))), WhenValue::Int(b)) => a == b,
                    (ExprKind::Const(Some(ConstValue::Str(a))), WhenValue::Str(b)) => a == b,
                    (ExprKind::Global(q), WhenValue::Str(b)) => q.as_str() == b,
                    // `shell=True` spelled `shell=1`.
                    (ExprKind::Const(Some(ConstValue::Int(a))), WhenValue::Bool(b)) => {
                        (*a != 0) == *b
                    }
                    _ => false,
                }
        }),
        When::Absent { keyword } => !call
            .keywords
            .iter()
            .any(|k| k.name.is_none() || k.name.as_deref() == Some(keyword.as_str())),
        When::Class { .. } => false,
    }
}

/// The variable (and field path) an expression reads, if it is one.
fn place_of(expr: &Expr) -> Option<Place> {
    match &expr.kind {
        ExprKind::Var(var) => Some(Place {
            var: *var,
            path: Vec::new(),
        }),
        ExprKind::Field(base, key) => {
            let mut place = place_of(base)?;
            place.path.push(key.clone());
            Some(place)
        }
        _ => None,
    }
}

impl Analysis<'_, '_> {
    fn apply_condition(&mut self, condition: &Condition, branch: bool, state: &mut State) {
        match condition {
            Condition::Guard {
                place,
                branch: safe_branch,
                kinds,
                needs_normalized,
            } if *safe_branch == branch => guard_place(place, *kinds, *needs_normalized, state),
            Condition::MemberOf {
                place,
                branch: safe_branch,
                collection,
            } if *safe_branch == branch => {
                let mut scratch = state.clone();
                if self.eval(collection, &mut scratch).is_clean() {
                    guard_place(place, KindSet::ALL, false, state);
                }
            }
            // `if is_allowed(x):`: the project function's own check, applied to `x`.
            Condition::Check {
                callee,
                args,
                branch: true_branch,
                returned,
            } => {
                let Some(function) = self.project.function(callee) else {
                    return;
                };
                let checks = if *returned {
                    &function.ensures
                } else {
                    &function.checks
                };
                let Some(checks) = checks else {
                    return;
                };
                if let Some(mapped) = map_check(checks, &function.params, args) {
                    self.apply_condition(&mapped, branch == *true_branch, state);
                }
            }
            Condition::All(parts) if branch => {
                for part in parts {
                    self.apply_condition(part, true, state);
                }
            }
            Condition::Any(parts) if !branch => {
                for part in parts {
                    self.apply_condition(part, false, state);
                }
            }
            _ => {}
        }
    }
}

/// A function's check of its parameters ([`crate::ir::FunctionIr::checks`]) restated
/// over a caller's arguments: each parameter place becomes the place of the positional
/// argument given for it. Parts whose argument is not a place are dropped (a guard less
/// is never wrong); `None` when nothing is left.
fn map_check(check: &Condition, params: &[Param], args: &[Option<Place>]) -> Option<Condition> {
    let argument = |place: &Place| -> Option<Place> {
        let index = params.iter().position(|p| p.var == place.var)?;
        let mut mapped = args.get(index)?.clone()?;
        mapped.path.extend(place.path.iter().cloned());
        Some(mapped)
    };
    match check {
        Condition::Guard {
            place,
            branch,
            kinds,
            needs_normalized,
        } => Some(Condition::Guard {
            place: argument(place)?,
            branch: *branch,
            kinds: *kinds,
            needs_normalized: *needs_normalized,
        }),
        Condition::MemberOf {
            place,
            branch,
            collection,
        } => Some(Condition::MemberOf {
            place: argument(place)?,
            branch: *branch,
            collection: collection.clone(),
        }),
        Condition::All(parts) => {
            let parts: Vec<Condition> = parts
                .iter()
                .filter_map(|p| map_check(p, params, args))
                .collect();
            (!parts.is_empty()).then_some(Condition::All(parts))
        }
        Condition::Any(parts) => {
            let parts: Vec<Condition> = parts
                .iter()
                .filter_map(|p| map_check(p, params, args))
                .collect();
            (!parts.is_empty()).then_some(Condition::Any(parts))
        }
        Condition::Constant(_) | Condition::Check { .. } | Condition::Unknown => None,
    }
}

/// Marks the value at `place` safe for `kinds` (a guard's branch).
fn guard_place(place: &Place, kinds: KindSet, needs_normalized: bool, state: &mut State) {
    let mut value = state.vars[place.var as usize].clone();
    if place.path.is_empty() {
        value.guard(kinds, needs_normalized);
    } else {
        let mut field = value.field(&place.path[0]);
        for key in &place.path[1..] {
            field = field.field(key);
        }
        field.guard(kinds, needs_normalized);
        value.set_path(&place.path, field, 0);
    }
    state.vars[place.var as usize] = value;
}

/// What a template expression reads from `value` as `value.name` (`name` empty: the
/// whole value): Jinja2 and Django try the attribute and the key, so the key when the
/// value has it as a known field, else the attribute (which, when not known either, holds
/// what the value holds).
fn template_field(value: &Value, name: &str) -> Value {
    if name.is_empty() {
        return value.clone();
    }
    let item = Key::Item(name.into());
    if value.fields.iter().any(|(k, _)| *k == item) {
        return value.field(&item);
    }
    value.field(&Key::Attr(name.into()))
}
