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

/// Gives the text of a template by the name a module renders it with
/// (`render_template("post.html")`), or `None` when it is not found or not read.
pub type TemplateReader<'r> = dyn Fn(&str) -> Option<String> + 'r;

/// A context variable a template writes unescaped, with the expression that does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unescaped {
    /// The context variable (`bio` for `{{ bio|safe }}` and `{{ user.bio|safe }}`'s `user`).
    pub variable: String,
    /// The template's text for it, trimmed (`{{ bio|safe }}`).
    pub expression: String,
}

/// Where a Flask or Django app keeps a template named `name` rendered from the module at
/// `module_path`: `templates/<name>` in the module's folder and each folder above it (a
/// few levels), nearest first.
pub fn template_candidates(module_path: &Path, name: &str) -> Vec<PathBuf> {
    if name.is_empty() || name.starts_with('/') || name.split(['/', '\\']).any(|part| part == "..")
    {
        return Vec::new();
    }
    module_path
        .ancestors()
        .skip(1)
        .take(TEMPLATE_FOLDER_DEPTH + 1)
        .map(|dir| dir.join("templates").join(name))
        .collect()
}

/// The context variables `template` writes without escaping, in order of first use.
pub fn unescaped_variables(template: &str) -> Vec<Unescaped> {
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
                let Some(root) = root_name(expression.trim()) else {
                    continue;
                };
                let variable = resolve(&aliases, root);
                if !out.iter().any(|u| u.variable == variable) {
                    out.push(Unescaped {
                        variable,
                        expression: format!("{{{{ {inner} }}}}"),
                    });
                }
            }
            _ => {}
        }
    }
    out
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
        let found = template_candidates(Path::new("/srv/app/blog/views.py"), "post.html");
        assert_eq!(found[0], Path::new("/srv/app/blog/templates/post.html"));
        assert_eq!(found[1], Path::new("/srv/app/templates/post.html"));
        assert!(template_candidates(Path::new("app.py"), "../secret.html").is_empty());
        assert!(template_candidates(Path::new("app.py"), "/etc/passwd").is_empty());
    }
}
