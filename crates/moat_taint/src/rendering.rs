//! Template rendering calls (`render_template("post.html", bio=bio)`, Django's
//! `render(request, "page.html", context)`): the context values that the template writes
//! unescaped are wrapped in synthetic calls the analysis treats as `xss` sinks.

use crate::ir::*;
use crate::lower::synthetic_call;
use crate::templates::{
    DEFAULT_TEMPLATE_FOLDER, TemplateReader, Unescaped, unescaped_variables_including,
};
use moat_python::ast;
use moat_python::ast::visitor::{self, Visitor};
use moat_semantic::{Constant, SemanticModel};

/// A context value a template writes unescaped: the callee of a call the lowering wraps
/// around it (see [`mark_unescaped_context`]), followed by pairs of a description of where
/// and the attribute or key written (empty: the whole value); an `xss` sink that gives its
/// first argument back.
pub(crate) const TEMPLATE_MARKUP: &str = "<template markup>";

/// A mapping of context values (`**context`) for a template that writes some of its items
/// unescaped: the callee of a call the lowering wraps around it, whose arguments after the
/// mapping are triples of an item's key, a description of where it is written and the
/// attribute or key of the item written (empty: the whole item); an `xss` sink for those
/// items that gives the mapping back.
pub(crate) const TEMPLATE_CONTEXT: &str = "<template context>";

/// Extensions of template files Flask renders with autoescaping (Django escapes all):
/// only these are read as HTML.
const HTML_TEMPLATE_EXTENSIONS: &[&str] = &[".html", ".htm", ".xhtml", ".xml", ".svg", ".jinja"];

/// The classes whose `template_folder=` names where their templates are.
const FLASK_TEMPLATE_OWNERS: &[&str] = &[
    "flask.Flask",
    "flask.app.Flask",
    "flask.Blueprint",
    "flask.blueprints.Blueprint",
];

/// The folders that a Flask app or blueprint made in the module names for its templates
/// (`Blueprint("admin", __name__, template_folder="pages")`), in order, each once. Flask
/// looks there before the app's `templates/` folder.
pub(crate) fn flask_template_folders(
    suite: &[ast::Stmt],
    model: &SemanticModel<'_>,
) -> Vec<String> {
    struct Scan<'m, 'a> {
        model: &'m SemanticModel<'a>,
        folders: Vec<String>,
    }
    impl<'v> Visitor<'v> for Scan<'_, '_> {
        fn visit_expr(&mut self, expr: &'v ast::Expr) {
            if let ast::Expr::Call(call) = expr
                && let Some(folder) = call.arguments.find_keyword("template_folder")
                && self
                    .model
                    .resolve_qualified_name(&call.func, SemanticModel::MODULE_SCOPE)
                    .is_some_and(|q| FLASK_TEMPLATE_OWNERS.contains(&q.as_str()))
                && let Some(Constant::Str(folder)) = self
                    .model
                    .constant_value(&folder.value, SemanticModel::MODULE_SCOPE)
                && !self.folders.contains(&folder)
            {
                self.folders.push(folder);
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut scan = Scan {
        model,
        folders: Vec::new(),
    };
    scan.visit_body(suite);
    scan.folders
}

/// An argument of a call, by position and keyword.
struct ArgumentAt {
    position: usize,
    keyword: &'static str,
}

impl ArgumentAt {
    /// The argument in `call`: by keyword, else by position when no `*args` comes first.
    fn argument_mut<'e>(
        &self,
        args: &'e mut [Arg],
        keywords: &'e mut [Keyword],
    ) -> Option<&'e mut Expr> {
        if let Some(k) = keywords
            .iter_mut()
            .find(|k| k.name.as_deref() == Some(self.keyword))
        {
            return Some(&mut k.value);
        }
        if args.iter().take(self.position + 1).any(|a| a.starred) {
            return None;
        }
        args.get_mut(self.position).map(|a| &mut a.value)
    }
}

/// A function that renders a template with a context.
struct TemplateRender {
    function: &'static str,
    /// The argument with the template's name (or text, when `text`).
    template: ArgumentAt,
    text: bool,
    /// The argument with the context dict; `None`: the keyword arguments are the context.
    context: Option<ArgumentAt>,
}

const fn at(position: usize, keyword: &'static str) -> ArgumentAt {
    ArgumentAt { position, keyword }
}

/// Template rendering functions of Flask and Django.
const TEMPLATE_RENDERS: &[TemplateRender] = &[
    TemplateRender {
        function: "flask.render_template",
        template: at(0, "template_name_or_list"),
        text: false,
        context: None,
    },
    TemplateRender {
        function: "flask.templating.render_template",
        template: at(0, "template_name_or_list"),
        text: false,
        context: None,
    },
    TemplateRender {
        function: "flask.stream_template",
        template: at(0, "template_name_or_list"),
        text: false,
        context: None,
    },
    TemplateRender {
        function: "flask.render_template_string",
        template: at(0, "source"),
        text: true,
        context: None,
    },
    TemplateRender {
        function: "flask.templating.render_template_string",
        template: at(0, "source"),
        text: true,
        context: None,
    },
    TemplateRender {
        function: "flask.stream_template_string",
        template: at(0, "source"),
        text: true,
        context: None,
    },
    TemplateRender {
        function: "django.shortcuts.render",
        template: at(1, "template_name"),
        text: false,
        context: Some(at(2, "context")),
    },
    TemplateRender {
        function: "django.template.loader.render_to_string",
        template: at(0, "template_name"),
        text: false,
        context: Some(at(1, "context")),
    },
    TemplateRender {
        function: "django.template.response.TemplateResponse",
        template: at(1, "template"),
        text: false,
        context: Some(at(2, "context")),
    },
];

/// `render_template("post.html", bio=bio)` where the template writes `bio` unescaped
/// (`{{ bio|safe }}`): the context value is wrapped in a [`TEMPLATE_MARKUP`] call, an
/// `xss` sink. The template is a constant text (`render_template_string`) or a file
/// with an HTML extension that `templates` finds in one of `folders` (see
/// [`flask_template_folders`]) or in the default `templates/` folders.
pub(crate) fn mark_unescaped_context(
    call: &mut Call,
    templates: &TemplateReader<'_>,
    folders: &[String],
) {
    let Callee::Qualified(q) = &call.callee else {
        return;
    };
    let Some(render) = TEMPLATE_RENDERS.iter().find(|r| r.function == q.as_str()) else {
        return;
    };
    let template = match render
        .template
        .argument_mut(&mut call.args, &mut call.keywords)
    {
        Some(Expr {
            kind: ExprKind::Const(Some(ConstValue::Str(t))),
            ..
        }) => t.clone(),
        _ => return,
    };
    // Only templates with an HTML extension are read, the rendered one and those it
    // includes or extends.
    let read_html = |name: &str| {
        let lower = name.to_ascii_lowercase();
        if !HTML_TEMPLATE_EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
            return None;
        }
        folders
            .iter()
            .map(String::as_str)
            .chain([DEFAULT_TEMPLATE_FOLDER])
            .find_map(|folder| templates(folder, name))
    };
    let (text, shown) = if render.text {
        (template, "the template text".to_string())
    } else {
        let Some(text) = read_html(&template) else {
            return;
        };
        (text, format!("template `{template}`"))
    };
    let unescaped = unescaped_variables_including(&text, &read_html);
    if unescaped.is_empty() {
        return;
    }
    let describe = |u: &Unescaped, range| {
        let place = match &u.template {
            Some(included) => format!("template `{included}` (used by {shown})"),
            None => shown.clone(),
        };
        Expr {
            kind: ExprKind::Const(Some(ConstValue::Str(format!(
                "`{}` in {place}",
                u.expression
            )))),
            range,
        }
    };
    let text = |text: &str, range| Expr {
        kind: ExprKind::Const(Some(ConstValue::Str(text.to_string()))),
        range,
    };
    let wrap = |name: &str, value: &mut Expr| {
        let range = value.range;
        let mut args = vec![Expr::constant(range)];
        for u in unescaped.iter().filter(|u| u.variable == name) {
            args.push(describe(u, range));
            args.push(text(u.field.as_deref().unwrap_or_default(), range));
        }
        if args.len() == 1 {
            return;
        }
        args[0] = std::mem::replace(value, Expr::constant(range));
        *value = synthetic_call(TEMPLATE_MARKUP, args, range);
    };
    // A mapping (`**context`, `render(request, "t.html", context)`): each unescaped
    // variable is its item.
    let wrap_mapping = |value: &mut Expr| {
        let range = value.range;
        let mut args = vec![std::mem::replace(value, Expr::constant(range))];
        for u in &unescaped {
            args.push(text(&u.variable, range));
            args.push(describe(u, range));
            args.push(text(u.field.as_deref().unwrap_or_default(), range));
        }
        *value = synthetic_call(TEMPLATE_CONTEXT, args, range);
    };
    let context = match &render.context {
        None => {
            for keyword in &mut call.keywords {
                match keyword.name.clone() {
                    Some(name) => wrap(&name, &mut keyword.value),
                    None => wrap_mapping(&mut keyword.value),
                }
            }
            return;
        }
        Some(context) => context.argument_mut(&mut call.args, &mut call.keywords),
    };
    match context {
        Some(Expr {
            kind: ExprKind::Dict(items),
            ..
        }) => {
            for (key, value) in items {
                match key {
                    Some(Key::Item(name)) => {
                        let name = name.to_string();
                        wrap(&name, value);
                    }
                    // `{**defaults, "x": …}`
                    None => wrap_mapping(value),
                    Some(_) => {}
                }
            }
        }
        Some(value) => wrap_mapping(value),
        None => {}
    }
}
