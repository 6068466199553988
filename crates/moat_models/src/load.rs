//! Loading and validating model files.

use crate::kinds::{Kind, KindSet};
use crate::models::*;
use crate::schema::*;
use toml::Spanned;

/// A model file that is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ModelError {
    /// The file's name as given to [`Models::load`].
    pub file: String,
    /// 1-based line of the offending key.
    pub line: u32,
    pub message: String,
}

impl Models {
    /// Loads model files given as `(name, text)`, in order; the first invalid file stops
    /// loading. Rows for the same target add up (several sinks of one function).
    pub fn load<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Models, ModelError> {
        let mut models = Models::default();
        for (name, text) in files {
            models.add_file(name, text)?;
        }
        Ok(models)
    }

    /// Adds one more model file (a user's) to these models.
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<(), ModelError> {
        let rows: FileRows = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            ModelError {
                file: name.to_string(),
                line,
                message: e.message().to_string(),
            }
        })?;
        Loader {
            models: self,
            file: name,
            text,
        }
        .add(rows)
    }
}

struct Loader<'m> {
    models: &'m mut Models,
    file: &'m str,
    text: &'m str,
}

impl Loader<'_> {
    fn add(&mut self, rows: FileRows) -> Result<(), ModelError> {
        for row in rows.source {
            let target = self.target(&row.target)?;
            let threat: Threat = row.threat.get_ref().parse().map_err(|_| {
                self.error(
                    &row.threat,
                    format!(
                        "unknown `threat` `{}`: expected `remote`, `local` or `environment`",
                        row.threat.get_ref()
                    ),
                )
            })?;
            let access = match row.access.as_ref().map(|a| a.get_ref().as_str()) {
                None | Some("value") => Access::Value,
                Some("call") => Access::Call,
                Some(other) => {
                    let spanned = row.access.as_ref().expect("access is present");
                    return Err(self.error(
                        spanned,
                        format!("unknown `access` `{other}`: expected `value` or `call`"),
                    ));
                }
            };
            let id = self.row("source", &row.target, &target);
            self.models.sources.insert(
                target,
                Source {
                    threat,
                    access,
                    keys: row.keys,
                    request_url: row.request_url,
                    text: row.text,
                    row: id,
                },
            );
        }
        for row in rows.sink {
            let target = self.target(&row.target)?;
            let kind = Kind::from_name(row.kind.get_ref()).ok_or_else(|| {
                self.error(
                    &row.kind,
                    format!("unknown sink `kind` `{}`", row.kind.get_ref()),
                )
            })?;
            let arg = match row.arg.get_ref() {
                ArgRow::Named(name) if name == "receiver" => ArgSpec::Receiver,
                ArgRow::Named(name) if name == "args" => ArgSpec::All,
                ArgRow::Named(name) if name == "kwargs" => ArgSpec::Spread,
                ArgRow::Named(name) => {
                    return Err(self.error(
                        &row.arg,
                        format!("unknown `arg` `{name}`: expected `receiver`, `args`, `kwargs` or a table with `position` and/or `keyword`"),
                    ));
                }
                ArgRow::Argument(ArgumentRow {
                    position,
                    keyword,
                    element,
                    keys,
                }) => {
                    if position.is_none() && keyword.is_none() {
                        return Err(self.error(
                            &row.arg,
                            "`arg` needs a `position`, a `keyword` or both".to_string(),
                        ));
                    }
                    if *keys && element.is_some() {
                        return Err(self.error(
                            &row.arg,
                            "`arg` takes `element` or `keys`, not both".to_string(),
                        ));
                    }
                    ArgSpec::Argument {
                        position: *position,
                        keyword: keyword.clone(),
                        element: *element,
                        keys: *keys,
                    }
                }
            };
            let when = match row.when {
                None => None,
                Some(when) => Some(self.when(when, &row.kind)?),
            };
            let id = self.row("sink", &row.target, &target);
            if let Some((owner, method)) = target.rsplit_once('.')
                && owner != "*"
            {
                self.models.sink_methods.insert(method.to_string());
            }
            self.models.sinks.entry(target).or_default().push(Sink {
                kind,
                arg,
                when,
                row: id,
            });
        }
        for row in rows.sanitizer {
            let target = self.target(&row.target)?;
            let kinds = self.kinds(&row.kinds)?;
            let id = self.row("sanitizer", &row.target, &target);
            self.models
                .sanitizers
                .insert(target, Sanitizer { kinds, row: id });
        }
        for row in rows.guard {
            let target = self.target(&row.target)?;
            let kinds = self.kinds(&row.kinds)?;
            let id = self.row("guard", &row.target, &target);
            self.models.guards.entry(target).or_default().push(Guard {
                arg: row.arg,
                keyword: row.keyword,
                branch: row.branch,
                kinds,
                row: id,
            });
        }
        for row in rows.summary {
            let target = self.target(&row.target)?;
            let from = parse_from(row.from.get_ref()).ok_or_else(|| {
                self.error(
                    &row.from,
                    format!(
                        "unknown `from` `{}`: expected `arg:N`, `keyword:NAME`, `receiver` or `args`",
                        row.from.get_ref()
                    ),
                )
            })?;
            let to = match row.to.get_ref().as_str() {
                "return" => FlowTo::Return,
                "receiver" => FlowTo::Receiver,
                other => {
                    return Err(self.error(
                        &row.to,
                        format!("unknown `to` `{other}`: expected `return` or `receiver`"),
                    ));
                }
            };
            let undoes = match &row.undoes {
                Some(kinds) => self.kinds(kinds)?,
                None => KindSet::EMPTY,
            };
            let id = self.row("summary", &row.target, &target);
            self.models
                .summaries
                .entry(target)
                .or_default()
                .push(Summary {
                    from,
                    to,
                    undoes,
                    row: id,
                });
        }
        for row in rows.types {
            let name = self.target(&row.name)?;
            let from = self.target(&row.from)?;
            let when = match row.when {
                None => None,
                Some(when) => Some(self.when(when, &row.name)?),
            };
            let id = self.row("type", &row.from, &from);
            if let Some((owner, _)) = from.rsplit_once('.') {
                self.models.typed_owners.insert(owner.to_string());
            }
            let types = self.models.types.entry(from).or_default();
            let entry = TypeOf {
                name: if row.elements { list_of(&name) } else { name },
                when,
                row: id,
            };
            // Conditional rows are tried first.
            if entry.when.is_some() {
                types.insert(0, entry);
            } else {
                types.push(entry);
            }
        }
        self.callbacks(rows.callback)?;
        self.classes(rows.class)
    }

    fn classes(&mut self, rows: Vec<ClassRow>) -> Result<(), ModelError> {
        for row in rows {
            let name = self.target(&row.name)?;
            if row.bases.get_ref().is_empty() {
                return Err(self.error(&row.bases, "`bases` is empty".to_string()));
            }
            let mut bases = Vec::with_capacity(row.bases.get_ref().len());
            for base in row.bases.get_ref() {
                let spanned = Spanned::new(row.bases.span(), base.clone());
                let base = self.target(&spanned)?;
                if base == name {
                    return Err(self.error(&row.bases, format!("`{name}` is its own base")));
                }
                bases.push(base);
            }
            let id = self.row("class", &row.name, &name);
            self.models
                .classes
                .entry(name)
                .or_insert_with(|| ClassModel {
                    bases: Vec::new(),
                    row: id,
                })
                .bases
                .extend(bases);
        }
        Ok(())
    }

    fn callbacks(&mut self, rows: Vec<CallbackRow>) -> Result<(), ModelError> {
        for row in rows {
            let target = self.target(&row.target)?;
            let arg = match row.arg.get_ref() {
                ArgRow::Named(name) if name == "decorated" => CallbackArg::Decorated,
                ArgRow::Argument(ArgumentRow {
                    position,
                    keyword,
                    element: None,
                    keys: false,
                }) if position.is_some() || keyword.is_some() => CallbackArg::Argument {
                    position: *position,
                    keyword: keyword.clone(),
                },
                _ => {
                    return Err(self.error(
                        &row.arg,
                        "a callback's `arg` is `\"decorated\"` or a table with `position` and/or `keyword` (no `element`: the function is the argument itself)".to_string(),
                    ));
                }
            };
            if row.parameters.get_ref().is_empty() {
                return Err(self.error(&row.parameters, "`parameters` is empty".to_string()));
            }
            let mut parameters = Vec::with_capacity(row.parameters.get_ref().len());
            for class in row.parameters.get_ref() {
                let spanned = Spanned::new(row.parameters.span(), class.clone());
                parameters.push(self.target(&spanned)?);
            }
            let id = self.row("callback", &row.target, &target);
            let name = target.rsplit('.').next().unwrap_or(&target);
            self.models.callback_names.insert(name.to_string());
            self.models
                .callbacks
                .entry(target)
                .or_default()
                .push(Callback {
                    arg,
                    parameters,
                    row: id,
                });
        }
        Ok(())
    }

    fn when(&self, when: WhenRow, at: &Spanned<String>) -> Result<When, ModelError> {
        let WhenRow {
            keyword,
            position,
            class,
            equals,
            absent,
        } = when;
        if let Some(class) = class {
            if equals.is_some() || absent.is_some() || keyword.is_none() && position.is_none() {
                return Err(self.error(
                    at,
                    "`when` with `class` needs a `position` and/or `keyword` and no `equals` or `absent`".to_string(),
                ));
            }
            return Ok(When::Class {
                position,
                keyword,
                class,
            });
        }
        let Some(keyword) = keyword.filter(|_| position.is_none()) else {
            return Err(self.error(
                at,
                "`when` needs a `keyword` (and `equals = …` or `absent = true`), or `class` with the argument".to_string(),
            ));
        };
        match (equals, absent) {
            (Some(value), None) => Ok(When::Equals {
                keyword,
                value: when_value(&value).ok_or_else(|| {
                    self.error(
                        at,
                        "`when.equals` must be a boolean, an integer or a string".to_string(),
                    )
                })?,
            }),
            (None, Some(true)) => Ok(When::Absent { keyword }),
            _ => Err(self.error(
                at,
                "`when` needs exactly one of `equals = …` or `absent = true`".to_string(),
            )),
        }
    }

    /// Validates a target: dotted identifiers, `*.name`, or `Class.*`.
    fn target(&self, target: &Spanned<String>) -> Result<String, ModelError> {
        let text = target.get_ref();
        let parts: Vec<&str> = text.split('.').collect();
        let last = parts.len() - 1;
        let valid = parts.len() >= 2
            && parts.iter().enumerate().all(|(i, p)| {
                is_identifier(p) || *p == "*" && (i == 0 && parts.len() == 2 || i == last && i > 0)
            })
            && !(parts[0] == "*" && parts[last] == "*")
            || parts.len() == 1 && is_identifier(parts[0]);
        if !valid {
            return Err(self.error(
                target,
                format!("`{text}` is not a qualified name (dotted identifiers such as `subprocess.run`, `*.method` or `Class.*`)"),
            ));
        }
        Ok(text.clone())
    }

    fn kinds(&self, kinds: &Spanned<Vec<String>>) -> Result<KindSet, ModelError> {
        let mut set = KindSet::EMPTY;
        if kinds.get_ref().is_empty() {
            return Err(self.error(kinds, "`kinds` is empty".to_string()));
        }
        for name in kinds.get_ref() {
            if name == "all" {
                set = set.with(KindSet::ALL);
            } else if name == "path-normalized" {
                set = set.with(KindSet::NORMALIZED);
            } else {
                let kind = Kind::from_name(name).ok_or_else(|| {
                    self.error(kinds, format!("unknown kind `{name}` in `kinds`"))
                })?;
                set = set.with(KindSet::of(kind));
            }
        }
        Ok(set)
    }

    fn row(&mut self, table: &'static str, at: &Spanned<String>, target: &str) -> RowId {
        if let Some(root) = target.split('.').next()
            && root != "*"
        {
            self.models.roots.insert(root.to_string());
        }
        self.models.used.push(Default::default());
        self.models.rows.push(RowInfo {
            file: self.file.to_string(),
            line: line_of(self.text, at.span().start),
            table,
            target: target.to_string(),
        });
        (self.models.rows.len() - 1) as RowId
    }

    fn error<T>(&self, at: &Spanned<T>, message: String) -> ModelError {
        ModelError {
            file: self.file.to_string(),
            line: line_of(self.text, at.span().start),
            message,
        }
    }
}

fn when_value(value: &toml::Value) -> Option<WhenValue> {
    match value {
        toml::Value::Boolean(b) => Some(WhenValue::Bool(*b)),
        toml::Value::Integer(i) => Some(WhenValue::Int(*i)),
        toml::Value::String(s) => Some(WhenValue::Str(s.clone())),
        _ => None,
    }
}

fn parse_from(text: &str) -> Option<FlowFrom> {
    match text {
        "receiver" => Some(FlowFrom::Receiver),
        "args" => Some(FlowFrom::Args),
        _ => {
            if let Some(n) = text.strip_prefix("arg:") {
                n.parse().ok().map(FlowFrom::Arg)
            } else {
                text.strip_prefix("keyword:")
                    .filter(|k| is_identifier(k))
                    .map(|k| FlowFrom::Keyword(k.to_string()))
            }
        }
    }
}

fn is_identifier(part: &str) -> bool {
    let mut chars = part.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

fn line_of(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}
