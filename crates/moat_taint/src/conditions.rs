//! Branch conditions: folded to constants where they can be, or read as guards that make
//! a variable safe in one branch (`if name in ALLOWED:`, `if not page.isdigit(): abort()`).

use crate::ir::{Condition, Place};
use crate::lower::{FunctionBuilder, Lowerer};
use moat_models::{Kind, KindSet};
use moat_python::ast::{self, BoolOp, CmpOp, Expr, UnaryOp};
use moat_semantic::{BindingKind, Constant, ScopeKind};

/// String methods whose truth means the text holds only letters or digits.
const CHARACTER_CHECKS: &[&str] = &[
    "isdigit",
    "isnumeric",
    "isdecimal",
    "isalnum",
    "isalpha",
    "isidentifier",
];

/// What `test` says in each branch.
pub(crate) fn condition<'a>(
    l: &mut Lowerer<'_, 'a>,
    f: &mut FunctionBuilder,
    test: &'a Expr,
) -> Condition {
    if let Some(value) = fold(l, f, test) {
        return Condition::Constant(value);
    }
    match test {
        Expr::UnaryOp(u) if u.op == UnaryOp::Not => negate(condition(l, f, &u.operand)),
        Expr::BoolOp(b) => {
            let parts: Vec<Condition> = b.values.iter().map(|v| condition(l, f, v)).collect();
            match b.op {
                BoolOp::And => Condition::All(parts),
                BoolOp::Or => negate(Condition::All(parts.into_iter().map(negate).collect())),
            }
        }
        Expr::Compare(c) if c.ops.len() == 1 => compare(l, f, &c.left, c.ops[0], &c.comparators[0]),
        Expr::Compare(c) => range_check(l, f, c),
        Expr::Call(call) => call_guard(l, f, call),
        Expr::Named(named) => condition(l, f, &named.value),
        _ => Condition::Unknown,
    }
}

/// `LOW <= n < HIGH` with constant bounds: in its true branch, `n` fits.
fn range_check<'a>(
    l: &mut Lowerer<'_, 'a>,
    f: &mut FunctionBuilder,
    c: &'a ast::ExprCompare,
) -> Condition {
    let scope = f.current_scope();
    let bounds = c.ops.len() == 2
        && c.ops.iter().all(|op| matches!(op, CmpOp::Lt | CmpOp::LtE))
        && matches!(
            l.model().constant_value(&c.left, scope),
            Some(Constant::Int(_))
        )
        && matches!(
            l.model().constant_value(&c.comparators[1], scope),
            Some(Constant::Int(_))
        );
    match l.place_of(f, &c.comparators[0]) {
        Some(place) if bounds => guard(
            place,
            true,
            KindSet::of(Kind::from_name("integer-overflow").expect("a kind")),
        ),
        _ => Condition::Unknown,
    }
}

/// The condition with its branches swapped.
pub(crate) fn negate(condition: Condition) -> Condition {
    match condition {
        Condition::Constant(b) => Condition::Constant(!b),
        Condition::Guard {
            place,
            branch,
            kinds,
            needs_normalized,
        } => Condition::Guard {
            place,
            branch: !branch,
            kinds,
            needs_normalized,
        },
        // `not (a and b)` is `not a or not b`: in its false branch, `a and b` holds.
        Condition::All(parts) => Condition::Any(parts.into_iter().map(negate).collect()),
        Condition::Any(parts) => Condition::All(parts.into_iter().map(negate).collect()),
        Condition::MemberOf {
            place,
            branch,
            collection,
        } => Condition::MemberOf {
            place,
            branch: !branch,
            collection,
        },
        Condition::Check {
            callee,
            args,
            branch,
            returned,
        } => Condition::Check {
            callee,
            args,
            branch: !branch,
            returned,
        },
        Condition::Unknown => Condition::Unknown,
    }
}

fn fold(l: &Lowerer<'_, '_>, f: &FunctionBuilder, test: &Expr) -> Option<bool> {
    let scope = f.current_scope();
    if let Some(value) = l.model().constant_value(test, scope) {
        return Some(value.is_truthy());
    }
    match test {
        Expr::Compare(c) if c.ops.len() == 1 => {
            let left = l.model().constant_value(&c.left, scope)?;
            let right = l.model().constant_value(&c.comparators[0], scope)?;
            compare_constants(&left, c.ops[0], &right)
        }
        Expr::UnaryOp(u) if u.op == UnaryOp::Not => fold(l, f, &u.operand).map(|b| !b),
        Expr::BoolOp(b) => {
            let values: Vec<Option<bool>> = b.values.iter().map(|v| fold(l, f, v)).collect();
            match b.op {
                BoolOp::And if values.contains(&Some(false)) => Some(false),
                BoolOp::And if values.iter().all(|v| *v == Some(true)) => Some(true),
                BoolOp::Or if values.contains(&Some(true)) => Some(true),
                BoolOp::Or if values.iter().all(|v| *v == Some(false)) => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}

fn compare_constants(left: &Constant, op: CmpOp, right: &Constant) -> Option<bool> {
    use std::cmp::Ordering;
    let ordering = match (left, right) {
        (Constant::Int(a), Constant::Int(b)) => a.cmp(b),
        (Constant::Float(a), Constant::Float(b)) => a.partial_cmp(b)?,
        (Constant::Int(a), Constant::Float(b)) => (*a as f64).partial_cmp(b)?,
        (Constant::Float(a), Constant::Int(b)) => a.partial_cmp(&(*b as f64))?,
        (Constant::Str(a), Constant::Str(b)) => a.cmp(b),
        (Constant::Bool(a), Constant::Bool(b)) => a.cmp(b),
        (a, b) => {
            return match op {
                CmpOp::Eq | CmpOp::Is => Some(a == b),
                CmpOp::NotEq | CmpOp::IsNot => Some(a != b),
                _ => None,
            };
        }
    };
    Some(match op {
        CmpOp::Eq => ordering == Ordering::Equal,
        CmpOp::NotEq => ordering != Ordering::Equal,
        CmpOp::Lt => ordering == Ordering::Less,
        CmpOp::LtE => ordering != Ordering::Greater,
        CmpOp::Gt => ordering == Ordering::Greater,
        CmpOp::GtE => ordering != Ordering::Less,
        _ => return None,
    })
}

fn guard(place: Place, branch: bool, kinds: KindSet) -> Condition {
    Condition::Guard {
        place,
        branch,
        kinds,
        needs_normalized: false,
    }
}

fn compare<'a>(
    l: &mut Lowerer<'_, 'a>,
    f: &mut FunctionBuilder,
    left: &'a Expr,
    op: CmpOp,
    right: &'a Expr,
) -> Condition {
    match op {
        // `PATTERN.fullmatch(x) is not None`: the call's own check.
        CmpOp::Is | CmpOp::IsNot
            if matches!(right, Expr::NoneLiteral(_)) && matches!(left, Expr::Call(_)) =>
        {
            let Expr::Call(call) = left else {
                return Condition::Unknown;
            };
            let check = call_guard(l, f, call);
            if op == CmpOp::IsNot {
                check
            } else {
                negate(check)
            }
        }
        CmpOp::In | CmpOp::NotIn if is_constant_collection(l, f, right) => {
            let branch = op == CmpOp::In;
            if let Some(place) = l.place_of(f, left) {
                return guard(place, branch, KindSet::ALL);
            }
            // `urlparse(url).hostname in ALLOWED_HOSTS`
            if let Some(place) = parsed_url_place(l, f, left) {
                return guard(place, branch, url_kinds());
            }
            Condition::Unknown
        }
        // `x in allowed` with a local collection: a guard if, when the test runs, the
        // collection holds no untrusted data.
        CmpOp::In | CmpOp::NotIn => match l.place_of(f, left) {
            Some(place) => Condition::MemberOf {
                place,
                branch: op == CmpOp::In,
                collection: l.expr(f, right),
            },
            None => Condition::Unknown,
        },
        CmpOp::Eq | CmpOp::NotEq | CmpOp::Is | CmpOp::IsNot => {
            let branch = matches!(op, CmpOp::Eq | CmpOp::Is);
            let scope = f.current_scope();
            let (checked, other) = if l.model().constant_value(right, scope).is_some() {
                (left, right)
            } else if l.model().constant_value(left, scope).is_some() {
                (right, left)
            } else {
                // `os.path.commonpath([base, path]) == base`
                return commonpath_guard(l, f, left, right, branch)
                    .or_else(|| commonpath_guard(l, f, right, left, branch))
                    .unwrap_or(Condition::Unknown);
            };
            // `x is None` says nothing of the value's text.
            if matches!(l.model().constant_value(other, scope), Some(Constant::None)) {
                return Condition::Unknown;
            }
            if let Some(place) = l.place_of(f, checked) {
                return guard(place, branch, KindSet::ALL);
            }
            if let Some(place) = parsed_url_place(l, f, checked) {
                return guard(place, branch, url_kinds());
            }
            commonpath_guard(l, f, left, right, branch).unwrap_or(Condition::Unknown)
        }
        _ => Condition::Unknown,
    }
}

fn url_kinds() -> KindSet {
    ["ssrf", "open-redirect"]
        .iter()
        .filter_map(|k| Kind::from_name(k))
        .fold(KindSet::EMPTY, |set, k| set.with(KindSet::of(k)))
}

fn path_traversal() -> KindSet {
    KindSet::of(Kind::from_name("path-traversal").expect("path-traversal is a kind"))
}

/// `urlparse(x).netloc` / `urlsplit(x).hostname`: the place `x`.
fn parsed_url_place<'a>(
    l: &mut Lowerer<'_, 'a>,
    f: &mut FunctionBuilder,
    expr: &'a Expr,
) -> Option<Place> {
    let Expr::Attribute(attr) = expr else {
        return None;
    };
    // Only the host part says where the URL leads (`.scheme in {"https"}` does not).
    if !matches!(attr.attr.id.as_str(), "netloc" | "hostname") {
        return None;
    }
    let Expr::Call(call) = attr.value.as_ref() else {
        return None;
    };
    let q = l.qualified(&call.func, f.current_scope())?;
    if !matches!(
        q.as_str(),
        "urllib.parse.urlparse" | "urllib.parse.urlsplit"
    ) {
        return None;
    }
    let first = call.arguments.args.first()?;
    l.place_of(f, first)
}

fn commonpath_guard<'a>(
    l: &mut Lowerer<'_, 'a>,
    f: &mut FunctionBuilder,
    call: &'a Expr,
    _base: &'a Expr,
    branch: bool,
) -> Option<Condition> {
    let Expr::Call(call) = call else {
        return None;
    };
    let q = l.qualified(&call.func, f.current_scope())?;
    if q != "os.path.commonpath" && q != "posixpath.commonpath" {
        return None;
    }
    let elements: &'a [Expr] = match call.arguments.args.first()? {
        Expr::List(l) => &l.elts,
        Expr::Tuple(t) => &t.elts,
        _ => return None,
    };
    let guards: Vec<Condition> = elements
        .iter()
        .filter_map(|e| l.place_of(f, e))
        .map(|place| Condition::Guard {
            place,
            branch,
            kinds: path_traversal(),
            needs_normalized: true,
        })
        .collect();
    if guards.is_empty() {
        return None;
    }
    Some(if branch {
        Condition::All(guards)
    } else {
        Condition::Any(guards)
    })
}

fn call_guard<'a>(
    l: &mut Lowerer<'_, 'a>,
    f: &mut FunctionBuilder,
    call: &'a ast::ExprCall,
) -> Condition {
    let scope = f.current_scope();
    let args = &call.arguments.args;
    if let Expr::Attribute(method) = call.func.as_ref() {
        let name = method.attr.id.as_str();
        if CHARACTER_CHECKS.contains(&name)
            && let Some(place) = l.place_of(f, &method.value)
        {
            return guard(place, true, KindSet::ALL);
        }
        if (name == "startswith" || name == "is_relative_to")
            && let Some(place) = l.place_of(f, unwrap_str(l, f, &method.value))
        {
            return Condition::Guard {
                place,
                branch: true,
                kinds: path_traversal(),
                needs_normalized: true,
            };
        }
        // `PATTERN.fullmatch(x)` with `PATTERN = re.compile(r"…")`.
        if matches!(name, "fullmatch" | "match" | "search")
            && let Some(pattern) = compiled_pattern(l, f, &method.value)
            && is_safe_pattern(&pattern, name)
            && let Some(place) = args.first().and_then(|a| l.place_of(f, a))
        {
            return guard(place, true, KindSet::ALL);
        }
    }
    let Some(q) = l.qualified(&call.func, scope) else {
        return method_check(l, f, call);
    };
    if q == "builtins.isinstance"
        && let [value, classes] = &args[..]
        && is_scalar_class(l, f, classes)
        && let Some(place) = l.place_of(f, value)
    {
        return guard(place, true, KindSet::ALL);
    }
    if let Some(mode) = q.strip_prefix("re.")
        && matches!(mode, "fullmatch" | "match" | "search")
        && let [pattern, value, ..] = &args[..]
        && let Some(Constant::Str(pattern)) = l.model().constant_value(pattern, scope)
        && is_safe_pattern(&pattern, mode)
        && let Some(place) = l.place_of(f, value)
    {
        return guard(place, true, KindSet::ALL);
    }
    let guards: Vec<Condition> = l
        .models()
        .guards(&q)
        .to_vec()
        .into_iter()
        .filter_map(|g| {
            let by_name = || {
                let keyword = g.keyword.as_deref()?;
                call.arguments
                    .keywords
                    .iter()
                    .find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == keyword))
                    .map(|k| &k.value)
            };
            let arg = args.get(g.arg as usize).or_else(by_name)?;
            let place = l.place_of(f, arg)?;
            Some(guard(place, g.branch, g.kinds))
        })
        .collect();
    match guards.len() {
        // Perhaps a project function that checks its parameters (resolved in the
        // analysis, once every module is lowered).
        0 if !args.is_empty() && !l.models().mentions(&q) => Condition::Check {
            callee: q.as_str().into(),
            args: args.iter().map(|a| l.place_of(f, a)).collect(),
            branch: true,
            returned: false,
        },
        0 => Condition::Unknown,
        1 => guards.into_iter().next().expect("one guard"),
        _ => Condition::All(guards),
    }
}

/// `self.is_allowed(x)` in a method: the check of the class's own method (its first
/// parameter is the receiver, so the arguments start at the second).
fn method_check<'a>(
    l: &mut Lowerer<'_, 'a>,
    f: &mut FunctionBuilder,
    call: &'a ast::ExprCall,
) -> Condition {
    let Expr::Attribute(method) = call.func.as_ref() else {
        return Condition::Unknown;
    };
    let Expr::Name(receiver) = method.value.as_ref() else {
        return Condition::Unknown;
    };
    if !matches!(receiver.id.as_str(), "self" | "cls") || call.arguments.args.is_empty() {
        return Condition::Unknown;
    }
    let Some(class) = l.enclosing_class(f.current_scope()) else {
        return Condition::Unknown;
    };
    let args = std::iter::once(None)
        .chain(call.arguments.args.iter().map(|a| l.place_of(f, a)))
        .collect();
    Condition::Check {
        callee: format!("{class}.{}", method.attr.id.as_str()).into(),
        args,
        branch: true,
        returned: false,
    }
}

/// `validate(x)` or `self.validate(x)` called as a statement, with a project function as
/// the callee: the check that its returning makes ([`crate::ir::FunctionIr::ensures`],
/// looked up during the analysis). Only for a function defined at the top level of a
/// project module, or a method the enclosing class defines itself (not
/// `self.assertEqual(x, y)` from a library base): each such call costs an IR statement.
/// `None` for other calls and calls without arguments.
pub(crate) fn validator_call<'a>(
    l: &mut Lowerer<'_, 'a>,
    f: &mut FunctionBuilder,
    call: &'a ast::ExprCall,
) -> Option<Condition> {
    if call.arguments.args.is_empty() {
        return None;
    }
    let scope = f.current_scope();
    let mut check = match l.qualified(&call.func, scope) {
        Some(q)
            if l.models().mentions(&q) || !l.model().project().is_some_and(|p| p.defines(&q)) =>
        {
            return None;
        }
        Some(q) => Condition::Check {
            callee: q.as_str().into(),
            args: call
                .arguments
                .args
                .iter()
                .map(|a| l.place_of(f, a))
                .collect(),
            branch: true,
            returned: true,
        },
        None => {
            let Expr::Attribute(method) = call.func.as_ref() else {
                return None;
            };
            let model = l.model();
            let class = model.scope(scope).parent.map(|p| model.scope(p))?;
            if class.kind != ScopeKind::Class
                || class.bindings_of(method.attr.id.as_str()).is_empty()
            {
                return None;
            }
            method_check(l, f, call)
        }
    };
    let Condition::Check { args, returned, .. } = &mut check else {
        return None;
    };
    *returned = true;
    args.iter().any(Option::is_some).then_some(check)
}

/// What a function says about its parameters when it returns true, and when it returns
/// at all, for bodies (after a docstring) made of `if <test>: return False` (or another
/// falsy constant) and `if <test>: raise …` statements, then `return <test>`,
/// `return True`, `return`, `return <parameter>` or nothing:
///
/// - a true result: every early test failed and the last test held;
/// - returning at all: every test of a `raise` before the first early return failed.
///
/// Each is kept if it is a check of parameters only (guards on them, membership in a
/// collection that names no local variable).
pub(crate) fn function_checks<'a>(
    l: &mut Lowerer<'_, 'a>,
    f: &mut FunctionBuilder,
    body: &'a [ast::Stmt],
    params: &[crate::ir::Param],
) -> (Option<Box<Condition>>, Option<Box<Condition>>) {
    let statements = match body {
        [ast::Stmt::Expr(doc), rest @ ..]
            if matches!(doc.value.as_ref(), Expr::StringLiteral(_)) =>
        {
            rest
        }
        all => all,
    };
    let Some((early, last)) = checking_body(l, f, statements, params) else {
        return (None, None);
    };
    // The tests are lowered a second time here: leave out any that holds a scope of its
    // own (a lambda or comprehension would be lowered, and listed, twice).
    if early.iter().any(|(test, _)| has_nested_scope(test))
        || matches!(last, Last::Check(test) if has_nested_scope(test))
    {
        return (None, None);
    }
    let mut raised = Vec::new();
    let mut passed = Vec::new();
    // Returning at all proves only the raising tests before the first early return.
    let mut may_have_returned = false;
    for (test, raises) in early {
        let failed = negate(condition(l, f, test));
        if raises && !may_have_returned {
            raised.push(failed.clone());
        }
        may_have_returned |= !raises;
        passed.push(failed);
    }
    let vars: Vec<u32> = params.iter().map(|p| p.var).collect();
    let checks = match last {
        Last::Check(test) => {
            passed.push(condition(l, f, test));
            Some(passed)
        }
        Last::True => Some(passed),
        Last::Other => None,
    };
    let kept = |parts: Vec<Condition>| {
        let condition = match <[Condition; 1]>::try_from(parts) {
            Ok([only]) => only,
            Err(parts) if parts.is_empty() => return None,
            Err(parts) => Condition::All(parts),
        };
        checks_only(&condition, &vars).then(|| Box::new(condition))
    };
    (checks.and_then(kept), kept(raised))
}

/// How a checking body ends.
enum Last<'a> {
    /// `return <test>`.
    Check(&'a Expr),
    /// `return True` (or another truthy constant).
    True,
    /// `return`, `return None`, `return <parameter>`, or no return: only returning at all
    /// says something.
    Other,
}

/// The early tests of a checking body (each with whether it raises, else it returns a
/// falsy constant) and how the body ends; `None` for any other body.
fn checking_body<'a>(
    l: &Lowerer<'_, 'a>,
    f: &FunctionBuilder,
    statements: &'a [ast::Stmt],
    params: &[crate::ir::Param],
) -> Option<(Vec<(&'a Expr, bool)>, Last<'a>)> {
    let scope = f.current_scope();
    let truthy = |e: &Expr| l.model().constant_value(e, scope).map(|c| c.is_truthy());
    let (last, early) = match statements.split_last()? {
        (ast::Stmt::Return(ret), early) => {
            let last = match ret.value.as_deref() {
                None => Last::Other,
                Some(value) => match truthy(value) {
                    Some(true) => Last::True,
                    Some(false) => Last::Other,
                    None if matches!(value, Expr::Name(n)
                        if params.iter().any(|p| p.name == n.id.as_str())) =>
                    {
                        Last::Other
                    }
                    None => Last::Check(value),
                },
            };
            (last, early)
        }
        _ => (Last::Other, statements),
    };
    let mut tests = Vec::new();
    for stmt in early {
        let ast::Stmt::If(if_stmt) = stmt else {
            return None;
        };
        if !if_stmt.elif_else_clauses.is_empty() {
            return None;
        }
        let raises = match &if_stmt.body[..] {
            [ast::Stmt::Raise(_)] => true,
            [ast::Stmt::Return(ast::StmtReturn { value, .. })] => {
                let falsy = value.as_deref().is_none_or(|v| truthy(v) == Some(false));
                if !falsy {
                    return None;
                }
                false
            }
            _ => return None,
        };
        tests.push((if_stmt.test.as_ref(), raises));
    }
    if tests.is_empty() && !matches!(last, Last::Check(_)) {
        return None;
    }
    Some((tests, last))
}

/// Whether `expr` holds a lambda or a comprehension.
fn has_nested_scope(expr: &Expr) -> bool {
    use moat_python::ast::visitor::{self, Visitor};
    struct Finder(bool);
    impl<'a> Visitor<'a> for Finder {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if matches!(
                expr,
                Expr::Lambda(_)
                    | Expr::ListComp(_)
                    | Expr::SetComp(_)
                    | Expr::DictComp(_)
                    | Expr::Generator(_)
            ) {
                self.0 = true;
                return;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut finder = Finder(false);
    finder.visit_expr(expr);
    finder.0
}

/// Whether every part of `condition` checks one of `params` (and nothing local).
fn checks_only(condition: &Condition, params: &[u32]) -> bool {
    match condition {
        Condition::Guard { place, .. } => params.contains(&place.var),
        Condition::MemberOf {
            place, collection, ..
        } => params.contains(&place.var) && !mentions_a_variable(collection),
        // `check(x) and len(x) < 64`: the parts that say nothing are left out when the
        // check is applied.
        Condition::All(parts) | Condition::Any(parts) => {
            parts.iter().any(|p| checks_only(p, params))
                && parts
                    .iter()
                    .all(|p| matches!(p, Condition::Unknown) || checks_only(p, params))
        }
        Condition::Constant(_) | Condition::Check { .. } | Condition::Unknown => false,
    }
}

/// Whether `expr` reads a local variable anywhere (a collection must be a global or a
/// literal to mean the same in a caller).
fn mentions_a_variable(expr: &crate::ir::Expr) -> bool {
    use crate::ir::ExprKind;
    match &expr.kind {
        ExprKind::Const(_) | ExprKind::Global(_) | ExprKind::Instance { .. } => false,
        ExprKind::Sequence(items) | ExprKind::Join(items) | ExprKind::Text(items) => {
            items.iter().any(mentions_a_variable)
        }
        ExprKind::Dict(items) => items.iter().any(|(_, v)| mentions_a_variable(v)),
        ExprKind::Field(base, _) => mentions_a_variable(base),
        ExprKind::Choice(choice) => {
            mentions_a_variable(&choice.test)
                || mentions_a_variable(&choice.body)
                || mentions_a_variable(&choice.orelse)
        }
        _ => true,
    }
}

/// The pattern text of `re.compile("…")` bound to a module-level name.
fn compiled_pattern(l: &Lowerer<'_, '_>, f: &FunctionBuilder, expr: &Expr) -> Option<String> {
    let Expr::Name(name) = expr else {
        return None;
    };
    let model = l.model();
    let binding = model.lookup(name.id.as_str(), f.current_scope(), name.range.start())?;
    let BindingKind::Assignment { value } = &model.binding(binding).kind else {
        return None;
    };
    let Expr::Call(call) = value else {
        return None;
    };
    let scope = model.binding(binding).scope;
    if model.resolve_qualified_name(&call.func, scope).as_deref() != Some("re.compile") {
        return None;
    }
    match model.constant_value(call.arguments.args.first()?, scope)? {
        Constant::Str(s) => Some(s),
        _ => None,
    }
}

/// Whether a match with `pattern` (by `mode`: match, search or fullmatch) proves the whole
/// text is made of letters, digits and a few harmless punctuation characters.
fn is_safe_pattern(pattern: &str, mode: &str) -> bool {
    let anchored_start = mode == "fullmatch"
        || mode == "match"
        || pattern.starts_with('^')
        || pattern.starts_with("\\A");
    let anchored_end = mode == "fullmatch"
        || pattern.ends_with('$') && !pattern.ends_with("\\$")
        || pattern.ends_with("\\Z")
        || pattern.ends_with("\\z");
    if !anchored_start || !anchored_end {
        return false;
    }
    // Anything that admits arbitrary characters defeats the check.
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(&next) = chars.peek() {
                    if matches!(next, 'S' | 'W' | 'D' | 's' | 'n' | 'r' | 'x' | 'u') {
                        return false;
                    }
                    chars.next();
                }
            }
            '[' if !in_class => {
                if chars.peek() == Some(&'^') {
                    return false;
                }
                in_class = true;
            }
            ']' if in_class => in_class = false,
            '.' if !in_class => return false,
            '|' if !in_class => return false,
            '/' | '\'' | '"' | ';' | '<' | '>' | '&' | '`' | '$' | '%' | '\n' if in_class => {
                return false;
            }
            _ => {}
        }
    }
    true
}

fn is_scalar_class(l: &Lowerer<'_, '_>, f: &FunctionBuilder, classes: &Expr) -> bool {
    let scalar = |e: &Expr| {
        l.qualified(e, f.current_scope()).is_some_and(|q| {
            matches!(
                q.as_str(),
                "builtins.int"
                    | "builtins.float"
                    | "builtins.bool"
                    | "uuid.UUID"
                    | "decimal.Decimal"
            )
        })
    };
    match classes {
        Expr::Tuple(t) => !t.elts.is_empty() && t.elts.iter().all(scalar),
        other => scalar(other),
    }
}

/// Whether `expr` is a collection of constants: a literal, or a module-level name bound
/// once to one (`ALLOWED = {"png", "jpg"}`, `frozenset({...})`, a dict of constants).
fn is_constant_collection(l: &Lowerer<'_, '_>, f: &FunctionBuilder, expr: &Expr) -> bool {
    let scope = f.current_scope();
    if let Some(value) = l.model().constant_value(expr, scope) {
        return matches!(value, Constant::Tuple(_) | Constant::Str(_));
    }
    let literal = |e: &Expr| -> bool {
        let elements: &[Expr] = match e {
            Expr::List(list) => &list.elts,
            Expr::Set(set) => &set.elts,
            Expr::Tuple(t) => &t.elts,
            Expr::Dict(d) => {
                return d.items.iter().all(|i| {
                    i.key
                        .as_ref()
                        .is_some_and(|k| l.model().constant_value(k, scope).is_some())
                });
            }
            _ => return false,
        };
        elements
            .iter()
            .all(|e| l.model().constant_value(e, scope).is_some())
    };
    if literal(expr) {
        return true;
    }
    let name = match expr {
        Expr::Name(name) => name,
        Expr::Attribute(attr) => {
            // `settings.ALLOWED_HOSTS`, `self.ALLOWED`, `Config.EXTENSIONS`: treat upper-case
            // attribute names as configuration constants.
            return attr
                .attr
                .id
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit());
        }
        _ => return false,
    };
    let model = l.model();
    let Some(binding) = model.lookup(name.id.as_str(), scope, name.range.start()) else {
        return false;
    };
    let binding = model.binding(binding);
    if model.scope(binding.scope).bindings_of(&binding.name).len() != 1 {
        return false;
    }
    match &binding.kind {
        BindingKind::Assignment { value } => {
            literal(value)
                || matches!(value, Expr::Call(call)
                    if call.arguments.args.first().is_some_and(literal)
                        && model
                            .resolve_qualified_name(&call.func, binding.scope)
                            .is_some_and(|q| matches!(q.as_str(), "builtins.frozenset" | "builtins.set" | "builtins.tuple" | "builtins.list")))
        }
        BindingKind::FromImport { .. } => name
            .id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit()),
        _ => false,
    }
}

/// `str(path)` and `os.fspath(path)` check the path itself.
fn unwrap_str<'a>(l: &Lowerer<'_, 'a>, f: &FunctionBuilder, expr: &'a Expr) -> &'a Expr {
    if let Expr::Call(call) = expr
        && let [only] = &call.arguments.args[..]
        && l.qualified(&call.func, f.current_scope())
            .is_some_and(|q| matches!(q.as_str(), "builtins.str" | "os.fspath"))
    {
        return only;
    }
    expr
}
