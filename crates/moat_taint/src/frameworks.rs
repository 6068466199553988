//! Framework entry points: which parameters of a Flask, FastAPI or Django view receive
//! untrusted input, and which have a known class (a method's `self`, an annotated
//! parameter, Django's `request`).

use crate::ir::SourceSite;
use crate::lower::Lowerer;
use moat_models::{CallbackArg, KindSet, Threat};
use moat_python::ast::{self, Expr};
use moat_python::{Ranged, TextRange};
use moat_semantic::{BindingKind, Constant, ScopeId};

/// Decorator methods of Flask apps and blueprints that register a route.
const FLASK_ROUTES: &[&str] = &["route", "get", "post", "put", "delete", "patch"];
/// Decorator methods of FastAPI apps and routers that register a route.
const FASTAPI_ROUTES: &[&str] = &[
    "get",
    "post",
    "put",
    "delete",
    "patch",
    "options",
    "head",
    "trace",
    "api_route",
    "websocket",
];
const FLASK_APPS: &[&str] = &[
    "flask.Flask",
    "flask.Blueprint",
    "flask.app.Flask",
    "flask.blueprints.Blueprint",
];
const FASTAPI_APPS: &[&str] = &[
    "fastapi.FastAPI",
    "fastapi.APIRouter",
    "fastapi.routing.APIRouter",
    "starlette.applications.Starlette",
];
/// Werkzeug's decorator that turns a function of a request into a WSGI application.
const WERKZEUG_APPLICATION: &[&str] = &[
    "werkzeug.wrappers.Request.application",
    "werkzeug.Request.application",
    "werkzeug.wrappers.request.Request.application",
];
/// Methods of class-based views that handle an HTTP method.
const VIEW_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "dispatch",
];
/// The methods of a Django REST framework `ViewSet` that answer requests (besides
/// [`VIEW_METHODS`]); their arguments after `request` are the URL's parameters.
const VIEWSET_ACTIONS: &[&str] = &[
    "list",
    "create",
    "retrieve",
    "update",
    "partial_update",
    "destroy",
];
/// Annotations that make a FastAPI parameter a value no text can come through.
pub(crate) const SCALAR_ANNOTATIONS: &[&str] = &[
    "builtins.int",
    "builtins.float",
    "builtins.bool",
    "uuid.UUID",
    "decimal.Decimal",
    "datetime.date",
    "datetime.datetime",
    "datetime.time",
    "datetime.timedelta",
];
/// FastAPI parameter classes that are framework objects, not input.
const FASTAPI_OBJECTS: &[&str] = &[
    "fastapi.BackgroundTasks",
    "fastapi.Response",
    "starlette.responses.Response",
    "fastapi.background.BackgroundTasks",
    "sqlalchemy.orm.Session",
];

/// Per parameter (in the order posonly, args, *args, kwonly, **kwargs): the untrusted
/// input it receives and its class.
pub(crate) fn entry_parameters(
    l: &Lowerer<'_, '_>,
    scope: ScopeId,
    def: &ast::StmtFunctionDef,
    decorators: &[&Expr],
    class: Option<&str>,
) -> Vec<(Option<SourceSite>, Option<String>)> {
    let model = l.model();
    let enclosing = model.scope(scope).parent.unwrap_or(0);
    let params = parameter_list(&def.parameters);
    let mut out: Vec<(Option<SourceSite>, Option<String>)> = vec![(None, None); params.len()];
    let is_static = decorators
        .iter()
        .any(|d| l.qualified(d, enclosing).as_deref() == Some("builtins.staticmethod"));
    if let Some(class) = class
        && !is_static
        && let Some(first) = out.first_mut()
    {
        first.1 = Some(class.to_string());
    }
    for (slot, param) in out.iter_mut().zip(&params) {
        if let Some(annotation) = &param.parameter.annotation
            && let Some(q) = annotation_class(l, annotation, enclosing)
        {
            slot.1 = Some(q);
        }
    }
    // Route and URL parameters are text: safe as a value in a NoSQL filter.
    let site = |name: &str, range, what: &str| SourceSite {
        range,
        description: format!("{what} `{name}`"),
        threat: Threat::Remote,
        safe_for: KindSet::TEXT,
        class: None,
        needs_view: false,
        needs_dependency: false,
    };
    let mut routed = false;
    for decorator in decorators {
        // Werkzeug's `@Request.application`: the view receives the request.
        if let Some(q) = l.qualified(decorator, enclosing)
            && WERKZEUG_APPLICATION.contains(&q.as_str())
            && let Some(first) = out.first_mut()
        {
            first.1 = Some("werkzeug.wrappers.Request".to_string());
        }
        let Expr::Call(call) = decorator else {
            continue;
        };
        decorated_callback(l, call, enclosing, class.is_some() && !is_static, &mut out);
        if is_flask_route(l, call, enclosing) {
            let pattern = call
                .arguments
                .args
                .first()
                .and_then(|a| model.constant_value(a, enclosing));
            if let Some(Constant::Str(pattern)) = pattern {
                for (converter, variable) in flask_variables(&pattern) {
                    if matches!(converter, "int" | "float" | "uuid") {
                        continue;
                    }
                    if let Some(i) = params
                        .iter()
                        .position(|p| p.parameter.name.id.as_str() == variable)
                    {
                        out[i].0 = Some(site(variable, params[i].range, "route parameter"));
                    }
                }
            }
        } else if is_route_of(l, call, enclosing, FASTAPI_ROUTES, FASTAPI_APPS, "fastapi") {
            routed = true;
        }
    }
    // FastAPI fills a route's parameters from the request, and a dependency's (a function
    // some `Depends(f)` names; whether it is one is known once every module is lowered).
    let dependency = !routed && class.is_none() && model.imports_module("fastapi");
    if routed || dependency {
        for (i, param) in params.iter().enumerate() {
            if out[i].0.is_none()
                && fastapi_parameter_is_input(l, param, enclosing, out[i].1.as_deref())
            {
                let mut source = site(
                    param.parameter.name.id.as_str(),
                    param.range,
                    "request parameter",
                );
                // A body or an unannotated parameter may be a structure; `str` is text.
                if out[i].1.as_deref() != Some("builtins.str") {
                    source.safe_for = KindSet::EMPTY;
                }
                source.needs_dependency = dependency;
                out[i].0 = Some(source);
            }
        }
    }
    // Django: a function with a `request` parameter in a module that uses Django, or
    // Django REST framework (whose request wraps Django's).
    let rest_framework = model.imports_module("rest_framework");
    if (rest_framework || model.imports_module("django"))
        && let Some(request) = params
            .iter()
            .position(|p| p.parameter.name.id.as_str() == "request")
    {
        if out[request].1.is_none() {
            out[request].1 = Some(
                if rest_framework {
                    "rest_framework.request.Request"
                } else {
                    "django.http.HttpRequest"
                }
                .to_string(),
            );
        }
        let method = def.name.id.as_str();
        let is_view = class.is_none()
            || VIEW_METHODS.contains(&method)
            || rest_framework && VIEWSET_ACTIONS.contains(&method);
        if is_view {
            for i in request + 1..params.len() {
                if params[i].default.is_none() {
                    let mut source = site(
                        params[i].parameter.name.id.as_str(),
                        params[i].range,
                        "URL parameter",
                    );
                    source.needs_view = true;
                    out[i].0 = Some(source);
                }
            }
        }
    }
    // Flask class-based views: the methods' arguments are the route's variables.
    if let Some(class) = class
        && VIEW_METHODS.contains(&def.name.id.as_str())
        && model.imports_module("flask")
        && !model.imports_module("django")
    {
        let _ = class;
        for i in 1..params.len() {
            out[i].0 = Some(site(
                params[i].parameter.name.id.as_str(),
                params[i].range,
                "route parameter",
            ));
        }
    }
    out
}

/// Whether the text a function with these decorators returns is sent as an HTML page: a
/// Flask view registered with a route (`@app.get("/search")`, `@bp.route(…)`; Flask sends
/// a returned `str` as `text/html`) or a class-based one ([`is_flask_view_method`]), or a
/// FastAPI route declared `response_class=HTMLResponse`.
pub(crate) fn returns_html(l: &Lowerer<'_, '_>, scope: ScopeId, decorators: &[&Expr]) -> bool {
    let enclosing = l.model().scope(scope).parent.unwrap_or(0);
    is_flask_view_method(l, scope)
        || decorators.iter().any(|d| {
            let Expr::Call(call) = d else {
                return false;
            };
            is_flask_route(l, call, enclosing)
                || is_route_of(l, call, enclosing, FASTAPI_ROUTES, FASTAPI_APPS, "fastapi")
                    && call.arguments.keywords.iter().any(|k| {
                        k.arg
                            .as_ref()
                            .is_some_and(|a| a.id.as_str() == "response_class")
                            && l.qualified(&k.value, enclosing)
                                .is_some_and(|q| HTML_RESPONSES.contains(&q.as_str()))
                    })
        })
}

/// Flask's class-based views: `dispatch_request` (or, in a `MethodView`, the method
/// named after the HTTP verb) answers the request.
const FLASK_VIEW_CLASSES: &[&str] = &["flask.views.View", "flask.views.MethodView"];

/// The methods of a class-based view that answer a request.
const FLASK_VIEW_METHODS: &[&str] = &["dispatch_request", "get", "post", "put", "patch", "delete"];

/// Whether the function of `scope` answers requests in a Flask class-based view: one of
/// [`FLASK_VIEW_METHODS`] of a class that derives from `View` or `MethodView`.
fn is_flask_view_method(l: &Lowerer<'_, '_>, scope: ScopeId) -> bool {
    let qualname = &l.model().scope(scope).qualname;
    let method = qualname.rsplit('.').next().unwrap_or(qualname);
    FLASK_VIEW_METHODS.contains(&method)
        && l.enclosing_class(scope)
            .is_some_and(|class| l.inherits_from(&class, FLASK_VIEW_CLASSES))
}

/// Response classes that send their content as `text/html`.
const HTML_RESPONSES: &[&str] = &[
    "fastapi.responses.HTMLResponse",
    "starlette.responses.HTMLResponse",
];

/// Whether the decorator `call` registers a Flask route.
fn is_flask_route(l: &Lowerer<'_, '_>, call: &ast::ExprCall, enclosing: ScopeId) -> bool {
    is_route_of(l, call, enclosing, FLASK_ROUTES, FLASK_APPS, "flask")
        && !l.model().imports_module("fastapi")
}

/// Whether the decorator `call` is one of `methods` of an object made by one of `apps`
/// (or, when the object's maker is not known, of anything in a module importing `module`).
fn is_route_of(
    l: &Lowerer<'_, '_>,
    call: &ast::ExprCall,
    enclosing: ScopeId,
    methods: &[&str],
    apps: &[&str],
    module: &str,
) -> bool {
    let Expr::Attribute(method) = call.func.as_ref() else {
        return false;
    };
    if !methods.contains(&method.attr.id.as_str()) {
        return false;
    }
    let model = l.model();
    match model.constructor_of(&method.value, enclosing) {
        Some(q) => apps.contains(&q.as_str()),
        None => model.imports_module(module),
    }
}

/// `@routes.get("/")`, where a `[[callback]]` model row says the library calls the
/// decorated function with arguments of known classes: those are its parameters' classes
/// (after `self` for a method), unless they have their own.
fn decorated_callback(
    l: &Lowerer<'_, '_>,
    call: &ast::ExprCall,
    scope: ScopeId,
    is_method: bool,
    out: &mut [(Option<SourceSite>, Option<String>)],
) {
    let name = match call.func.as_ref() {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attr) => attr.attr.id.as_str(),
        _ => return,
    };
    if !l.models().may_call_back(name) {
        return;
    }
    let Some(callee) = l.model_callee(&call.func, scope) else {
        return;
    };
    for callback in l.models().callbacks(&callee) {
        if callback.arg != CallbackArg::Decorated {
            continue;
        }
        let slots = out.iter_mut().skip(usize::from(is_method));
        for (slot, class) in slots.zip(&callback.parameters) {
            slot.1.get_or_insert_with(|| class.clone());
        }
    }
}

/// Parameters as `ParameterWithDefault`s in call order (`*args`/`**kwargs` without default).
fn parameter_list(parameters: &ast::Parameters) -> Vec<ast::ParameterWithDefault> {
    let mut out: Vec<ast::ParameterWithDefault> = Vec::new();
    out.extend(parameters.posonlyargs.iter().cloned());
    out.extend(parameters.args.iter().cloned());
    let wrap = |p: &ast::Parameter| ast::ParameterWithDefault {
        range: p.range,
        node_index: Default::default(),
        parameter: p.clone(),
        default: None,
    };
    out.extend(parameters.vararg.as_deref().map(wrap));
    out.extend(parameters.kwonlyargs.iter().cloned());
    out.extend(parameters.kwarg.as_deref().map(wrap));
    out
}

/// The class an annotation names, through `Optional[X]`, `X | None` and `Annotated[X, …]`.
pub(crate) fn annotation_class(
    l: &Lowerer<'_, '_>,
    annotation: &Expr,
    scope: ScopeId,
) -> Option<String> {
    match annotation {
        Expr::Subscript(sub) => {
            let outer = l.qualified(&sub.value, scope)?;
            let inner = match sub.slice.as_ref() {
                Expr::Tuple(t) => t.elts.first()?,
                other => other,
            };
            match outer.as_str() {
                "typing.Optional" | "typing.Annotated" | "typing_extensions.Annotated" => {
                    annotation_class(l, inner, scope)
                }
                _ => Some(outer),
            }
        }
        Expr::BinOp(b) => {
            let left = annotation_class(l, &b.left, scope);
            let right = annotation_class(l, &b.right, scope);
            match (left.as_deref(), right) {
                (Some("builtins.None") | None, r) => r,
                (_, _) => left,
            }
        }
        Expr::NoneLiteral(_) => None,
        Expr::StringLiteral(_) => None,
        other => l.qualified(other, scope),
    }
}

fn fastapi_parameter_is_input(
    l: &Lowerer<'_, '_>,
    param: &ast::ParameterWithDefault,
    scope: ScopeId,
    class: Option<&str>,
) -> bool {
    // FastAPI fills it with what a dependency returns.
    if depends_marker(l, param, scope).is_some() {
        return false;
    }
    match class {
        Some(q) if SCALAR_ANNOTATIONS.contains(&q) || FASTAPI_OBJECTS.contains(&q) => false,
        Some(q)
            if q.ends_with(".Request")
                || q.ends_with(".WebSocket")
                || q.ends_with(".HTTPConnection") =>
        {
            false
        }
        _ => true,
    }
}

/// The parameters FastAPI fills by calling a dependency (`x = Depends(f)`, or
/// `x: Annotated[T, Depends(f)]`), in call order: the parameter's position, the qualified
/// name of `f` and the range of the `Depends(…)` call.
pub(crate) fn fastapi_dependencies(
    l: &Lowerer<'_, '_>,
    def: &ast::StmtFunctionDef,
    scope: ScopeId,
) -> Vec<(usize, String, TextRange)> {
    let model = l.model();
    if !model.imports_module("fastapi") {
        return Vec::new();
    }
    let enclosing = model.scope(scope).parent.unwrap_or(0);
    let mut out = Vec::new();
    for (i, param) in parameter_list(&def.parameters).iter().enumerate() {
        let Some(call) = depends_marker(l, param, enclosing) else {
            continue;
        };
        let function = call.arguments.args.first().or_else(|| {
            call.arguments
                .keywords
                .iter()
                .find(|k| {
                    k.arg
                        .as_ref()
                        .is_some_and(|a| a.id.as_str() == "dependency")
                })
                .map(|k| &k.value)
        });
        if let Some(function) = function.and_then(|f| l.qualified(f, enclosing)) {
            out.push((i, function, call.range()));
        }
    }
    out
}

/// The `Depends(…)` (or `Security(…)`) call that makes FastAPI fill `param` with what a
/// dependency returns: its default (`x = Depends(f)`) or the metadata of an `Annotated`
/// annotation (`x: Annotated[T, Depends(f)]`). `scope` is the scope enclosing the function.
fn depends_marker<'p>(
    l: &Lowerer<'_, '_>,
    param: &'p ast::ParameterWithDefault,
    scope: ScopeId,
) -> Option<&'p ast::ExprCall> {
    let marker = |e: &'p Expr| match e {
        Expr::Call(call)
            if l.qualified(&call.func, scope).is_some_and(|q| {
                matches!(
                    q.as_str(),
                    "fastapi.Depends" | "fastapi.Security" | "fastapi.params.Depends"
                )
            }) =>
        {
            Some(call)
        }
        _ => None,
    };
    param.default.as_deref().and_then(marker).or_else(|| {
        let Some(Expr::Subscript(sub)) = param.parameter.annotation.as_deref() else {
            return None;
        };
        let Expr::Tuple(t) = sub.slice.as_ref() else {
            return None;
        };
        t.elts.iter().skip(1).find_map(marker)
    })
}

/// The `<converter:name>` variables of a Flask route pattern.
fn flask_variables(pattern: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        let inner = &rest[start + 1..start + end];
        let (converter, name) = match inner.split_once(':') {
            Some((c, n)) => (c.split('(').next().unwrap_or(c), n),
            None => ("string", inner),
        };
        out.push((converter.trim(), name.trim()));
        rest = &rest[start + end + 1..];
    }
    out
}

/// `path("<int:pk>/", views.detail)` in a Django URLconf: the view's qualified name and
/// the parameters its converters make numeric.
pub(crate) fn django_route(
    l: &Lowerer<'_, '_>,
    call: &ast::ExprCall,
    scope: ScopeId,
) -> Option<(String, Vec<String>)> {
    let q = l.qualified(&call.func, scope)?;
    if !matches!(q.as_str(), "django.urls.path" | "django.urls.re_path") {
        return None;
    }
    let [route, view, ..] = &call.arguments.args[..] else {
        return None;
    };
    let Some(Constant::Str(route)) = l.model().constant_value(route, scope) else {
        return None;
    };
    let view = match view {
        Expr::Call(as_view) => match as_view.func.as_ref() {
            Expr::Attribute(attr) if attr.attr.id.as_str() == "as_view" => {
                l.qualified(&attr.value, scope).map(|c| format!("{c}.*"))?
            }
            _ => return None,
        },
        other => l.qualified(other, scope)?,
    };
    let numeric = flask_variables(&route)
        .into_iter()
        .filter(|(converter, _)| matches!(*converter, "int" | "uuid"))
        .map(|(_, name)| name.to_string())
        .collect();
    Some((view, numeric))
}

/// The body of what a view returns that is sent as HTML.
pub(crate) struct HtmlBody {
    /// The body is the first element of a `(body, status)` or `(body, status, headers)`
    /// tuple, not the returned value itself.
    pub first: bool,
    /// Why the body is text.
    pub text: HtmlText,
}

/// Why a view's returned body is text, so sent as an HTML page.
pub(crate) enum HtmlText {
    /// Text built in the view ([`is_text`]).
    Built,
    /// The result of this function (`return render_row(name)`, `return
    /// self.render(name)`): text only if every `return` of it is.
    ReturnedBy(String),
    /// A value read from input as it is (`return request.args.get("q")`, `return name`
    /// for a route parameter; see [`is_input_read`]): text only where the input it holds
    /// is text, such as a query-string value, not a parsed JSON body.
    Read,
}

/// The body of the `return` of a view whose text is sent as HTML ([`returns_html`]) when
/// it is text built in the view ([`is_text`]) or the result of a call to a function that
/// may be project code. `None` for anything else (a dict becomes JSON; a `Response` is
/// checked where it is made) and when the tuple's headers give the body a constant type
/// that is not HTML.
pub(crate) fn html_body(l: &Lowerer<'_, '_>, returned: &Expr, scope: ScopeId) -> Option<HtmlBody> {
    let (body, first) = match returned {
        Expr::Tuple(tuple) => {
            let (body, rest) = tuple.elts.split_first()?;
            if rest.iter().any(|e| declares_other_type(l, e, scope)) {
                return None;
            }
            (body, true)
        }
        _ => (returned, false),
    };
    let text = if is_text(l, body, scope, 0) {
        HtmlText::Built
    } else if is_input_read(l, body, scope, 0) {
        HtmlText::Read
    } else {
        let Expr::Call(call) = body else {
            return None;
        };
        HtmlText::ReturnedBy(called_function(l, &call.func, scope)?)
    };
    Some(HtmlBody { first, text })
}

/// The function `func` names: a qualified name, or `Class.method` for `self.method` in
/// a method of a project class.
fn called_function(l: &Lowerer<'_, '_>, func: &Expr, scope: ScopeId) -> Option<String> {
    if let Expr::Attribute(method) = func
        && let Expr::Name(receiver) = method.value.as_ref()
        && receiver.id.as_str() == "self"
        && let Some(class) = l.enclosing_class(scope)
    {
        return Some(format!("{class}.{}", method.attr.id));
    }
    l.qualified(func, scope)
}

/// Whether `expr` is a value read as it is from a parameter or an imported object: an
/// item, attribute or `.get(…)` of one (`request.args.get("q")`, `request.view_args["id"]`),
/// a parameter (`name` for a route's `<name>`), a local variable assigned one of these,
/// or an `or`/conditional expression of them. A value read from anything else (what a
/// call made: `rows[0]` after `rows = db.search(q)`) is not.
pub(crate) fn is_input_read(
    l: &Lowerer<'_, '_>,
    expr: &Expr,
    scope: ScopeId,
    depth: usize,
) -> bool {
    if depth > 4 {
        return false;
    }
    let read = |e: &Expr| is_input_read(l, e, scope, depth + 1);
    match expr {
        Expr::Subscript(item) => read(&item.value),
        Expr::Attribute(attr) => read(&attr.value),
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Attribute(method) if method.attr.id.as_str() == "get" => read(&method.value),
            _ => false,
        },
        Expr::BoolOp(b) => b.values.iter().any(read),
        Expr::If(e) => read(&e.body) || read(&e.orelse),
        Expr::Name(name) => binding_of(l, name, scope).is_some_and(|kind| match kind {
            BindingKind::Assignment { value } => read(value),
            BindingKind::Opaque | BindingKind::Import { .. } | BindingKind::FromImport { .. } => {
                true
            }
            _ => false,
        }),
        _ => false,
    }
}

/// `str` methods whose result is text.
const TEXT_METHODS: &[&str] = &[
    "format",
    "format_map",
    "join",
    "replace",
    "strip",
    "lstrip",
    "rstrip",
    "lower",
    "upper",
    "title",
    "capitalize",
];

/// Whether `expr` is text built in the function: an f-string, text joined with `+`, `%`
/// or `.format`, `str(…)`, or a local variable assigned one of these.
pub(crate) fn is_text(l: &Lowerer<'_, '_>, expr: &Expr, scope: ScopeId, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    let text = |e: &Expr| e.is_string_literal_expr() || is_text(l, e, scope, depth + 1);
    match expr {
        Expr::FString(_) => true,
        Expr::BinOp(b) => match b.op {
            ast::Operator::Add => text(&b.left) || text(&b.right),
            ast::Operator::Mod => text(&b.left),
            _ => false,
        },
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Attribute(method) if TEXT_METHODS.contains(&method.attr.id.as_str()) => {
                text(&method.value)
            }
            func => l.qualified(func, scope).as_deref() == Some("builtins.str"),
        },
        Expr::If(e) => text(&e.body) || text(&e.orelse),
        Expr::Name(name) => binding_of(l, name, scope).is_some_and(|kind| match kind {
            BindingKind::Assignment { value } => is_text(l, value, scope, depth + 1),
            _ => false,
        }),
        _ => false,
    }
}

/// What the name `name` is bound to where it is used in `scope`.
fn binding_of<'m, 'a>(
    l: &'m Lowerer<'_, 'a>,
    name: &ast::ExprName,
    scope: ScopeId,
) -> Option<&'m BindingKind<'a>> {
    let model = l.model();
    let binding = model.lookup(name.id.as_str(), scope, name.range.start())?;
    Some(&model.binding(binding).kind)
}

/// Whether `headers` (an element of a view's returned tuple) sets a constant
/// `Content-Type` that is not HTML.
fn declares_other_type(l: &Lowerer<'_, '_>, headers: &Expr, scope: ScopeId) -> bool {
    let Expr::Dict(dict) = headers else {
        return false;
    };
    dict.items.iter().any(|item| {
        let constant = |e: &Expr| match l.model().constant_value(e, scope) {
            Some(Constant::Str(s)) => Some(s.to_ascii_lowercase()),
            _ => None,
        };
        item.key.as_ref().and_then(constant).as_deref() == Some("content-type")
            && constant(&item.value).is_some_and(|t| !t.contains("html"))
    })
}
