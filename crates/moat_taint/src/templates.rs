//! Which context variables a Jinja2 or Django template writes into its page without
//! escaping: `{{ bio|safe }}`, or any `{{ … }}` inside `{% autoescape false %}` (Django:
//! `{% autoescape off %}`). A loop or `set` variable stands for the context variable it
//! was taken from (`{% for c in comments %}{{ c.body|safe }}{% endfor %}`: `comments`).

use std::path::{Path, PathBuf};

/// Largest template file read; a bigger one is not analysed.
pub const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// How many folders up from a module's own Moat looks for a `templates/` folder.
const TEMPLATE_FOLDER_DEPTH: usize = 4;

/// Filters that mark a value as markup, so that it is not escaped.
const SAFE_FILTERS: &[&str] = &["safe", "safeseq"];
/// Filters that escape a value even where autoescaping is off.
const ESCAPE_FILTERS: &[&str] = &["e", "escape", "forceescape", "tojson", "urlencode"];

/// The folder templates are looked for in when the code names none.
pub const DEFAULT_TEMPLATE_FOLDER: &str = "templates";

/// Gives the text of a template by the folder it is looked for in and the name a module
/// renders it with (`render_template("post.html")`: `templates`, `post.html`; see
/// [`template_candidates`]), or `None` when it is not found or not read.
pub type TemplateReader<'r> = dyn Fn(&str, &str) -> Option<String> + 'r;

/// Deepest chain of `{% include %}`/`{% extends %}` followed from the rendered template.
const MAX_INCLUDE_DEPTH: usize = 4;
/// Most templates read through includes and extends for one rendered template.
const MAX_INCLUDED: usize = 32;

/// A context variable a template writes unescaped, with the expression that does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unescaped {
    /// The context variable (`bio` for `{{ bio|safe }}` and `{{ user.bio|safe }}`'s `user`).
    pub variable: String,
    /// The attribute or key of the variable that is written (`bio` of `{{ user.bio|safe }}`
    /// or `{{ user["bio"]|safe }}`), when the variable is the context's own; `None` when
    /// the whole value is, or the name stands for a loop or `set` variable.
    pub field: Option<String>,
    /// The template's text for it, trimmed (`{{ bio|safe }}`).
    pub expression: String,
    /// The template that holds the expression when it is not the rendered one but one
    /// it includes or extends (`_comment.html`).
    pub template: Option<String>,
}

/// Where a Flask or Django app keeps a template named `name` rendered from the module at
/// `module_path`, nearest first. In the [`DEFAULT_TEMPLATE_FOLDER`]: `templates/<name>` in
/// the module's folder and each folder above it (a few levels). In a folder the code
/// names (Flask's `template_folder="../web/templates"`, relative to the module's folder):
/// only there.
pub fn template_candidates(module_path: &Path, folder: &str, name: &str) -> Vec<PathBuf> {
    if name.is_empty() || name.starts_with('/') || name.split(['/', '\\']).any(|part| part == "..")
    {
        return Vec::new();
    }
    if folder != DEFAULT_TEMPLATE_FOLDER {
        if folder.is_empty() || Path::new(folder).is_absolute() {
            return Vec::new();
        }
        let dir = module_path.parent().unwrap_or(Path::new(""));
        return vec![dir.join(folder).join(name)];
    }
    module_path
        .ancestors()
        .skip(1)
        .take(TEMPLATE_FOLDER_DEPTH + 1)
        .map(|dir| dir.join(DEFAULT_TEMPLATE_FOLDER).join(name))
        .collect()
}

/// The context variables `template` writes without escaping, in order of first use;
/// templates it includes or extends are not read.
pub fn unescaped_variables(template: &str) -> Vec<Unescaped> {
    unescaped_variables_including(template, &|_| None)
}

/// The context variables `template` writes without escaping, in order of first use, also
/// through the templates it includes or extends (`{% include "_comment.html" %}`,
/// `{% extends "base.html" %}`, with a constant name), whose text `read` gives: they see
/// the same context. A variable of the loop around an include, or given by Django's
/// `{% include … with comment=c %}`, stands for its source here.
pub fn unescaped_variables_including(
    template: &str,
    read: &dyn Fn(&str) -> Option<String>,
) -> Vec<Unescaped> {
    let mut included = Vec::new();
    scan(template, read, 0, &mut included)
}

/// [`unescaped_variables_including`] for a template `depth` includes deep; `included`
/// lists the templates read so far (each is read once).
fn scan(
    template: &str,
    read: &dyn Fn(&str) -> Option<String>,
    depth: usize,
    included: &mut Vec<String>,
) -> Vec<Unescaped> {
    let mut out: Vec<Unescaped> = Vec::new();
    // `{% autoescape %}` blocks open at this point, innermost last.
    let mut autoescape: Vec<bool> = Vec::new();
    // Loop and `set` variables, with the name they were taken from.
    let mut aliases: Vec<(String, String)> = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let (close, kind) = if after.starts_with("{{") {
            ("}}", b'{')
        } else if after.starts_with("{%") {
            ("%}", b'%')
        } else if after.starts_with("{#") {
            ("#}", b'#')
        } else {
            rest = &after[1..];
            continue;
        };
        let Some(end) = after[2..].find(close) else {
            break;
        };
        let inner = after[2..2 + end].trim_matches(['-', '+', '~']).trim();
        rest = &after[2 + end + 2..];
        match kind {
            b'%' => {
                let mut words = inner.split_whitespace();
                match words.next() {
                    Some("autoescape") => {
                        let on = !matches!(words.next(), Some("false" | "off" | "False"));
                        autoescape.push(on);
                    }
                    Some("endautoescape") => {
                        autoescape.pop();
                    }
                    Some("raw" | "verbatim") => {
                        let end_tag = if inner.starts_with("raw") {
                            "endraw"
                        } else {
                            "endverbatim"
                        };
                        match rest.find(end_tag) {
                            Some(i) => rest = &rest[i..],
                            None => break,
                        }
                    }
                    Some("for") => {
                        let body: Vec<&str> = words.collect();
                        if let Some(at) = body.iter().position(|w| *w == "in")
                            && let Some(source) = body.get(at + 1).and_then(|e| root_name(e))
                        {
                            let source = resolve(&aliases, source);
                            for target in body[..at].join(" ").split(',') {
                                if let Some(name) = root_name(target.trim()) {
                                    aliases.push((name.to_string(), source.clone()));
                                }
                            }
                        }
                    }
                    Some("include" | "extends") => {
                        let Some(name) = words.next().and_then(quoted) else {
                            continue;
                        };
                        if depth >= MAX_INCLUDE_DEPTH
                            || included.len() >= MAX_INCLUDED
                            || included.iter().any(|i| i == name)
                        {
                            continue;
                        }
                        included.push(name.to_string());
                        let Some(text) = read(name) else {
                            continue;
                        };
                        // Django's `{% include "x.html" with comment=c %}`.
                        let mut given = aliases.clone();
                        for pair in words.skip_while(|w| *w != "with").skip(1) {
                            if let Some((target, value)) = pair.split_once('=')
                                && let Some(value) = root_name(value)
                            {
                                given.push((target.to_string(), resolve(&aliases, value)));
                            }
                        }
                        for mut u in scan(&text, read, depth + 1, included) {
                            let variable = resolve(&given, &u.variable);
                            if variable != u.variable {
                                u.field = None;
                                u.variable = variable;
                            }
                            u.template.get_or_insert_with(|| name.to_string());
                            push_new(&mut out, u);
                        }
                    }
                    Some("set" | "with") => {
                        let body = inner.split_once(char::is_whitespace).map_or("", |(_, b)| b);
                        if let Some((target, value)) = body.split_once('=')
                            && let (Some(target), Some(value)) =
                                (root_name(target.trim()), root_name(value.trim()))
                        {
                            let value = resolve(&aliases, value);
                            aliases.push((target.to_string(), value));
                        }
                    }
                    _ => {}
                }
            }
            b'{' => {
                let mut parts = split_filters(inner).into_iter();
                let Some(expression) = parts.next() else {
                    continue;
                };
                let filters: Vec<&str> = parts.filter_map(|f| root_name(f.trim())).collect();
                let marked_safe = filters.iter().any(|f| SAFE_FILTERS.contains(f));
                let escaped = filters.iter().any(|f| ESCAPE_FILTERS.contains(f));
                let autoescaped = autoescape.last().copied().unwrap_or(true);
                if !(marked_safe || !autoescaped && !escaped) {
                    continue;
                }
                let expression = expression.trim();
                let Some(root) = root_name(expression) else {
                    continue;
                };
                let variable = resolve(&aliases, root);
                let field = if variable == root {
                    first_field(&expression[root.len()..])
                } else {
                    None
                };
                push_new(
                    &mut out,
                    Unescaped {
                        variable,
                        field,
                        expression: format!("{{{{ {inner} }}}}"),
                        template: None,
                    },
                );
            }
            _ => {}
        }
    }
    out
}

/// Adds `u` to `out` unless the same variable and field (or the whole variable) is there.
fn push_new(out: &mut Vec<Unescaped>, u: Unescaped) {
    if !out
        .iter()
        .any(|o| o.variable == u.variable && (o.field.is_none() || o.field == u.field))
    {
        out.push(u);
    }
}

/// The attribute or constant key read first from a name: `bio` of `.bio.html` or
/// `["bio"]`; `None` for anything else (a call, a variable key, nothing).
fn first_field(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    if let Some(attr) = rest.strip_prefix('.') {
        let end = attr
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(attr.len());
        let name = &attr[..end];
        let called = attr[end..].trim_start().starts_with('(');
        return (!name.is_empty() && !called).then(|| name.to_string());
    }
    let key = rest.strip_prefix('[')?.split_once(']')?.0.trim();
    quoted(key).map(str::to_string)
}

/// The context variable `name` stands for, through loop and `set` variables.
fn resolve(aliases: &[(String, String)], name: &str) -> String {
    let mut current = name;
    for _ in 0..8 {
        match aliases.iter().rev().find(|(alias, _)| alias == current) {
            Some((_, source)) if source != current => current = source,
            _ => break,
        }
    }
    current.to_string()
}

/// The text of a quoted template name (`"base.html"`, `'_row.html'`).
fn quoted(word: &str) -> Option<&str> {
    let quote = word.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = word[1..].strip_suffix(quote)?;
    (!inner.is_empty()).then_some(inner)
}

/// The leading name of an expression (`user` of `user.bio` or `user["bio"]`), unless it
/// starts with something else (a literal, a bracket) or is a keyword.
fn root_name(expression: &str) -> Option<&str> {
    let end = expression
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(expression.len());
    let name = &expression[..end];
    let first = name.chars().next()?;
    if first.is_ascii_digit() || matches!(name, "true" | "false" | "none" | "True" | "None") {
        return None;
    }
    (first.is_alphabetic() || first == '_').then_some(name)
}

/// `expression|filter(…)|filter` split at the `|`s that are not inside quotes or
/// brackets.
fn split_filters(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) => {
                if c == q && (i == 0 || bytes[i - 1] != b'\\') {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                '|' if depth == 0 => {
                    parts.push(&text[start..i]);
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(template: &str) -> Vec<String> {
        unescaped_variables(template)
            .into_iter()
            .map(|u| u.variable)
            .collect()
    }

    #[test]
    fn safe_filters_and_autoescape_blocks_are_unescaped() {
        let t = "<h1>{{ title }}</h1><div>{{ bio|safe }}</div>{{ user.about | safe }}\
                 {% autoescape false %}<p>{{ note }}</p><p>{{ other|e }}</p>{% endautoescape %}\
                 <p>{{ after }}</p>";
        assert_eq!(names(t), ["bio", "user", "note"]);
        let first = &unescaped_variables(t)[0];
        assert_eq!(first.expression, "{{ bio|safe }}");
    }

    #[test]
    fn django_syntax_and_whitespace_control() {
        let t = "{% autoescape off %}{{ body }}{% endautoescape %}{{- intro|safe -}}\
                 {{ items|safeseq|join:', ' }}";
        assert_eq!(names(t), ["body", "intro", "items"]);
    }

    #[test]
    fn loop_and_set_variables_stand_for_their_source() {
        let t = "{% for c in comments %}{{ c.body|safe }}{% endfor %}\
                 {% set sig = profile.signature %}{{ sig|safe }}\
                 {% for key, value in headers.items() %}{{ value|safe }}{% endfor %}";
        assert_eq!(names(t), ["comments", "profile", "headers"]);
    }

    fn read_from(
        files: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Option<String> {
        move |name| {
            files
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.to_string())
        }
    }

    #[test]
    fn included_and_extended_templates_are_read_with_the_same_context() {
        let read = read_from(&[
            (
                "base.html",
                "<title>{{ title|safe }}</title>{% block body %}{% endblock %}",
            ),
            (
                "_comment.html",
                "<p>{{ c.text|safe }}</p><p>{{ c.author }}</p>",
            ),
            ("_sig.html", "{{ signature|safe }}"),
            ("_plain.html", "{{ note }}"),
        ]);
        let t = "{% extends \"base.html\" %}{% block body %}\
                 {% for c in comments %}{% include '_comment.html' %}{% endfor %}\
                 {% include \"_sig.html\" with signature=profile.sig %}\
                 {% include \"_plain.html\" %}{% include \"missing.html\" %}{% endblock %}";
        let found = unescaped_variables_including(t, &read);
        let names: Vec<_> = found.iter().map(|u| u.variable.as_str()).collect();
        assert_eq!(names, ["title", "comments", "profile"]);
        assert_eq!(found[1].expression, "{{ c.text|safe }}");
        assert_eq!(found[1].template.as_deref(), Some("_comment.html"));
        // Without a reader, the includes are not followed.
        assert!(unescaped_variables(t).is_empty());
    }

    #[test]
    fn the_field_written_is_kept_for_context_variables() {
        let t = "{{ post.body|safe }}{{ post['summary']|safe }}{{ user.name.upper()|safe }}\
                 {{ post.body.html|safe }}{% for c in comments %}{{ c.text|safe }}{% endfor %}\
                 {{ page|safe }}{{ page.title|safe }}{{ user.bio()|safe }}";
        let found: Vec<(String, Option<String>)> = unescaped_variables(t)
            .into_iter()
            .map(|u| (u.variable, u.field))
            .collect();
        let field = |v: &str, f: Option<&str>| (v.to_string(), f.map(str::to_string));
        assert_eq!(
            found,
            [
                field("post", Some("body")),
                field("post", Some("summary")),
                field("user", Some("name")),
                field("comments", None),
                field("page", None),
                field("user", None),
            ]
        );
    }

    #[test]
    fn include_cycles_and_deep_chains_end() {
        let read = read_from(&[
            ("a.html", "{% include 'b.html' %}{{ a|safe }}"),
            ("b.html", "{% include 'a.html' %}{% include 'c.html' %}"),
            ("c.html", "{% include 'd.html' %}"),
            ("d.html", "{% include 'e.html' %}"),
            ("e.html", "{% include 'f.html' %}"),
            ("f.html", "{{ too_deep|safe }}"),
        ]);
        let names: Vec<_> = unescaped_variables_including("{% include 'a.html' %}", &read)
            .into_iter()
            .map(|u| u.variable)
            .collect();
        assert_eq!(names, ["a"]);
    }

    #[test]
    fn escaped_text_comments_raw_blocks_and_literals_are_not() {
        let t = "{# {{ hidden|safe }} #}{% raw %}{{ example|safe }}{% endraw %}\
                 {{ 'literal'|safe }}{{ title|e }}{{ a or b }}{{ \"x|y\"|upper }}\
                 {{ data|tojson }}{% autoescape true %}{{ fine }}{% endautoescape %}";
        assert_eq!(names(t), Vec::<String>::new());
    }

    #[test]
    fn unterminated_tags_end_the_scan() {
        assert_eq!(names("{{ a|safe }}{{ b|safe "), ["a"]);
        assert_eq!(names("{% autoescape false %}{{ c }}{# open"), ["c"]);
    }

    #[test]
    fn templates_are_looked_for_in_templates_folders_upwards() {
        let views = Path::new("/srv/app/blog/views.py");
        let found = template_candidates(views, DEFAULT_TEMPLATE_FOLDER, "post.html");
        assert_eq!(found[0], Path::new("/srv/app/blog/templates/post.html"));
        assert_eq!(found[1], Path::new("/srv/app/templates/post.html"));
        for bad in ["../secret.html", "/etc/passwd", ""] {
            assert!(template_candidates(views, DEFAULT_TEMPLATE_FOLDER, bad).is_empty());
        }
    }

    #[test]
    fn a_named_template_folder_is_relative_to_the_module() {
        let views = Path::new("/srv/app/blog/views.py");
        assert_eq!(
            template_candidates(views, "../web/pages", "post.html"),
            [Path::new("/srv/app/blog/../web/pages/post.html")]
        );
        assert!(template_candidates(views, "/etc", "passwd.html").is_empty());
        assert!(template_candidates(views, "pages", "../post.html").is_empty());
    }
}
