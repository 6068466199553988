//! Data a program reads from outside itself: file contents, the environment, standard
//! input, the command line and network responses, followed back from a value through the
//! local data flow of the scope it is used in (assignments, `with … as`, `for` targets,
//! `+=`, concatenation and formatting, decoding and string methods). `eval-of-external-data`
//! asks it where the code given to `eval`/`exec` comes from.
//!
//! Only names bound in the scope of the use are followed: a parameter, an attribute, a
//! global or a closure variable has no known origin here (the taint rules follow those).

use crate::context::Context;
use crate::receiver;
use crate::rules::http_clients;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, ExprCall, FStringPart, InterpolatedStringElement, Operator, Stmt};
use moat_python::{Ranged, TextRange, TextSize};
use moat_semantic::{BindingKind, Constant};

/// How many steps (assignments, calls, operators) are followed back from a value.
const MAX_STEPS: usize = 16;

/// Where data from outside the program comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outside {
    /// The contents of a file (or of a path read as text).
    File,
    /// The contents of a Python source file: one whose path ends in `.py`
    /// (`os.path.join(home, ".apprc.py")`, `Path(folder) / "startup.py"`).
    PythonSource,
    /// An environment variable.
    Environment,
    /// Standard input (`input()`, `sys.stdin`).
    StandardInput,
    /// A command-line argument (`sys.argv`).
    CommandLine,
    /// A network response or a socket.
    Network,
}

/// Outside data and the expression that reads it (`fh.read()`, `os.environ["X"]`).
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub kind: Outside,
    pub read_at: TextRange,
}

/// Where the value of `expr` is read from outside the program, when local data flow in
/// the scope being inspected shows it.
pub fn outside_origin(ctx: &Context<'_, '_>, expr: &Expr) -> Option<Origin> {
    Tracer { ctx }.contents(expr, 0)
}

/// Where reads of `expr` (a file object, a path, a socket, `sys.stdin`) come from, when
/// local data flow in the scope being inspected shows it is one opened there.
pub fn outside_reader(ctx: &Context<'_, '_>, expr: &Expr) -> Option<Outside> {
    Tracer { ctx }.readable(expr, 0)
}

/// Calls whose result is outside data.
const READING_FUNCTIONS: &[(&str, Outside)] = &[
    ("os.getenv", Outside::Environment),
    ("os.getenvb", Outside::Environment),
    ("os.environ.get", Outside::Environment),
    ("os.environb.get", Outside::Environment),
    ("builtins.input", Outside::StandardInput),
];

/// Objects whose items are outside data (`os.environ["X"]`, `sys.argv[1]`).
const DATA_OBJECTS: &[(&str, Outside)] = &[
    ("os.environ", Outside::Environment),
    ("os.environb", Outside::Environment),
    ("sys.argv", Outside::CommandLine),
    ("sys.orig_argv", Outside::CommandLine),
];

/// Objects whose reads return outside data (`sys.stdin.read()`).
const READABLE_OBJECTS: &[(&str, Outside)] = &[
    ("sys.stdin", Outside::StandardInput),
    ("sys.stdin.buffer", Outside::StandardInput),
    ("sys.__stdin__", Outside::StandardInput),
];

/// Calls that return something to read from: a file, a path, a response, a socket.
const OPENERS: &[(&str, Outside)] = &[
    ("builtins.open", Outside::File),
    ("io.open", Outside::File),
    ("io.open_code", Outside::File),
    ("io.FileIO", Outside::File),
    ("codecs.open", Outside::File),
    ("gzip.open", Outside::File),
    ("gzip.GzipFile", Outside::File),
    ("bz2.open", Outside::File),
    ("bz2.BZ2File", Outside::File),
    ("lzma.open", Outside::File),
    ("lzma.LZMAFile", Outside::File),
    ("tokenize.open", Outside::File),
    ("fileinput.input", Outside::File),
    ("fileinput.FileInput", Outside::File),
    ("pathlib.Path", Outside::File),
    ("pathlib.PurePath", Outside::File),
    ("pathlib.PosixPath", Outside::File),
    ("pathlib.WindowsPath", Outside::File),
    ("pathlib.Path.cwd", Outside::File),
    ("pathlib.Path.home", Outside::File),
    ("urllib.request.urlopen", Outside::Network),
    ("http.client.HTTPConnection", Outside::Network),
    ("http.client.HTTPSConnection", Outside::Network),
    ("socket.socket", Outside::Network),
    ("socket.create_connection", Outside::Network),
    ("socket.fromfd", Outside::Network),
];

/// Calls that wrap a readable object and read from it in turn (`io.TextIOWrapper(f)`).
const WRAPPERS: &[&str] = &[
    "io.TextIOWrapper",
    "io.BufferedReader",
    "io.BufferedRandom",
    "codecs.StreamReader",
];

/// Functions returning their first argument's data transformed: decoded, decompressed,
/// parsed or dedented text is still the outside data.
const TRANSFORMS: &[&str] = &[
    "builtins.str",
    "builtins.bytes",
    "builtins.bytearray",
    "textwrap.dedent",
    "textwrap.indent",
    "base64.b64decode",
    "base64.standard_b64decode",
    "base64.urlsafe_b64decode",
    "base64.b32decode",
    "base64.b16decode",
    "base64.a85decode",
    "base64.b85decode",
    "base64.decodebytes",
    "binascii.a2b_base64",
    "binascii.unhexlify",
    "binascii.a2b_hex",
    "codecs.decode",
    "zlib.decompress",
    "gzip.decompress",
    "bz2.decompress",
    "lzma.decompress",
    "json.loads",
];

/// Methods that read a readable object (a file, a path, a response, a socket).
const READ_METHODS: &[&str] = &[
    "read",
    "read1",
    "readall",
    "readline",
    "readlines",
    "read_text",
    "read_bytes",
    "recv",
];

/// `str`/`bytes` methods whose result carries the receiver's text.
const TEXT_METHODS: &[&str] = &[
    "decode",
    "encode",
    "strip",
    "lstrip",
    "rstrip",
    "replace",
    "lower",
    "upper",
    "casefold",
    "expandtabs",
    "removeprefix",
    "removesuffix",
    "format",
    "format_map",
];

/// Methods of a readable object that return another one reading the same place: a path's
/// derived paths, `Path.open()`, a socket's file, a connection's response.
const DERIVED_READABLES: &[&str] = &[
    "open",
    "joinpath",
    "with_name",
    "with_suffix",
    "with_stem",
    "resolve",
    "absolute",
    "expanduser",
    "makefile",
    "getresponse",
];

/// What the binding of a name visible at a use says about its value.
enum Bound<'a> {
    /// `name = value`.
    Value(&'a Expr),
    /// `with value as name:`.
    Entered(&'a Expr),
    /// `for name in value:`, or the element at an index of a tuple target
    /// (`for i, name in enumerate(value):`).
    Item(&'a Expr, Option<usize>),
    /// `name += value`, at the statement starting at the offset (the earlier value of
    /// `name` is looked up there).
    Augmented(&'a Expr, TextSize),
    /// `a, b = value`: the element at `index`.
    Unpacked(&'a Expr, usize),
}

struct Tracer<'c, 'x, 'a> {
    ctx: &'c Context<'x, 'a>,
}

impl<'a> Tracer<'_, '_, 'a> {
    fn resolve(&self, expr: &Expr) -> Option<String> {
        self.ctx.model.resolve_qualified_name(expr, self.ctx.scope)
    }

    /// Where the data `expr` evaluates to is read from outside.
    fn contents(&self, expr: &Expr, steps: usize) -> Option<Origin> {
        if steps > MAX_STEPS {
            return None;
        }
        let next = steps + 1;
        let at = |kind| {
            Some(Origin {
                kind,
                read_at: expr.range(),
            })
        };
        match expr {
            Expr::Name(name) => match self.bound(name.id.as_str(), name.start())? {
                Bound::Value(value) => self.contents(value, next),
                Bound::Item(iterable, index) => self.items(iterable, index, next),
                Bound::Augmented(value, before) => self
                    .contents(value, next)
                    .or_else(|| self.name_contents(name.id.as_str(), before, next)),
                Bound::Unpacked(value, 0) => self.received_pair(value, next),
                Bound::Entered(_) | Bound::Unpacked(..) => None,
            },
            Expr::Subscript(subscript) => match self.data_object(&subscript.value) {
                Some(kind) => at(kind),
                None => self.contents(&subscript.value, next),
            },
            Expr::Call(call) => self.call_contents(call, next),
            Expr::Attribute(attribute) => {
                (matches!(attribute.attr.id.as_str(), "text" | "content")
                    && self.readable(&attribute.value, next) == Some(Outside::Network))
                .then_some(Outside::Network)
                .and_then(at)
            }
            // Concatenation and `%` formatting (with a tuple of values on the right).
            Expr::BinOp(binop) if matches!(binop.op, Operator::Add | Operator::Mod) => self
                .contents(&binop.left, next)
                .or_else(|| self.contents(&binop.right, next)),
            Expr::Tuple(tuple) => self.contents_of_any(&tuple.elts, next),
            Expr::FString(fstring) => fstring.value.iter().find_map(|part| match part {
                FStringPart::FString(f) => f.elements.iter().find_map(|element| match element {
                    InterpolatedStringElement::Interpolation(i) => {
                        self.contents(&i.expression, next)
                    }
                    InterpolatedStringElement::Literal(_) => None,
                }),
                FStringPart::Literal(_) => None,
            }),
            Expr::If(if_expr) => self
                .contents(&if_expr.body, next)
                .or_else(|| self.contents(&if_expr.orelse, next)),
            Expr::BoolOp(boolop) => self.contents_of_any(&boolop.values, next),
            Expr::Named(named) => self.contents(&named.value, next),
            Expr::Await(awaited) => self.contents(&awaited.value, next),
            _ => None,
        }
    }

    fn contents_of_any(&self, exprs: &[Expr], steps: usize) -> Option<Origin> {
        exprs.iter().find_map(|e| self.contents(e, steps))
    }

    /// The origin of the value `name` has at `at`.
    fn name_contents(&self, name: &str, at: TextSize, steps: usize) -> Option<Origin> {
        match self.bound(name, at)? {
            Bound::Value(value) => self.contents(value, steps),
            Bound::Item(iterable, index) => self.items(iterable, index, steps),
            Bound::Augmented(value, before) => self
                .contents(value, steps)
                .or_else(|| self.name_contents(name, before, steps + 1)),
            Bound::Unpacked(value, 0) => self.received_pair(value, steps),
            Bound::Entered(_) | Bound::Unpacked(..) => None,
        }
    }

    /// The origin of the items of `iterable`: lines of a file or of standard input, items
    /// of outside data (`sys.argv[1:]`).
    fn lines(&self, iterable: &Expr, steps: usize) -> Option<Origin> {
        if let Some(kind) = self.readable(iterable, steps) {
            return Some(Origin {
                kind,
                read_at: iterable.range(),
            });
        }
        self.contents(iterable, steps)
    }

    /// The origin of a `for` target: the items of `iterable`, or for the element at
    /// `index` of a tuple target, the items `enumerate` walks over at index 1.
    fn items(&self, iterable: &Expr, index: Option<usize>, steps: usize) -> Option<Origin> {
        match index {
            None => self.lines(iterable, steps),
            Some(1) => {
                let Expr::Call(call) = iterable else {
                    return None;
                };
                (self.resolve(&call.func).as_deref() == Some("builtins.enumerate"))
                    .then(|| self.lines(call.arguments.args.first()?, steps))
                    .flatten()
            }
            Some(_) => None,
        }
    }

    /// `data, address = sock.recvfrom(n)`: the first element is what was received.
    fn received_pair(&self, value: &Expr, steps: usize) -> Option<Origin> {
        let Expr::Call(call) = value else {
            return None;
        };
        let Expr::Attribute(method) = call.func.as_ref() else {
            return None;
        };
        (method.attr.id.as_str() == "recvfrom")
            .then(|| self.readable(&method.value, steps))
            .flatten()
            .map(|kind| Origin {
                kind,
                read_at: value.range(),
            })
    }

    fn call_contents(&self, call: &ExprCall, steps: usize) -> Option<Origin> {
        let read_here = |kind| {
            Some(Origin {
                kind,
                read_at: call.range(),
            })
        };
        if let Some(callee) = self.resolve(&call.func) {
            if let Some(&(_, kind)) = READING_FUNCTIONS.iter().find(|(f, _)| *f == callee) {
                return read_here(kind);
            }
            if TRANSFORMS.contains(&callee.as_str()) {
                return self.contents(call.arguments.args.first()?, steps);
            }
        }
        let Expr::Attribute(method) = call.func.as_ref() else {
            return None;
        };
        let receiver = method.value.as_ref();
        match method.attr.id.as_str() {
            name if READ_METHODS.contains(&name) => read_here(self.readable(receiver, steps)?),
            // `response.json()` of an HTTP response.
            "json" => (self.readable(receiver, steps)? == Outside::Network)
                .then_some(Outside::Network)
                .and_then(read_here),
            "join" => self.lines(call.arguments.args.first()?, steps),
            name if TEXT_METHODS.contains(&name) => self.contents(receiver, steps).or_else(|| {
                call.arguments
                    .args
                    .iter()
                    .chain(call.arguments.keywords.iter().map(|k| &k.value))
                    .find_map(|a| self.contents(a, steps))
            }),
            _ => None,
        }
    }

    /// What `item` is for a `os.environ[...]`-style subscript, when it is one of
    /// [`DATA_OBJECTS`].
    fn data_object(&self, object: &Expr) -> Option<Outside> {
        let name = self.resolve(object)?;
        DATA_OBJECTS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, kind)| kind)
    }

    /// Where reads of `expr` come from, when it is a file, a path, standard input, an
    /// HTTP response or a socket (through the names it was bound to).
    fn readable(&self, expr: &Expr, steps: usize) -> Option<Outside> {
        if steps > MAX_STEPS {
            return None;
        }
        let next = steps + 1;
        if matches!(expr, Expr::Name(_) | Expr::Attribute(_))
            && let Some(name) = self.resolve(expr)
            && let Some(&(_, kind)) = READABLE_OBJECTS.iter().find(|(n, _)| *n == name)
        {
            return Some(kind);
        }
        match expr {
            Expr::Name(name) => match self.bound(name.id.as_str(), name.start())? {
                Bound::Value(value) | Bound::Entered(value) => self.readable(value, next),
                Bound::Unpacked(value, 0) => self.accepted(value, next),
                _ => None,
            },
            Expr::Call(call) => self.opened(call, next),
            // `Path(...).parent`, `Path(...) / "name"`.
            Expr::Attribute(attribute) if attribute.attr.id.as_str() == "parent" => self
                .readable(&attribute.value, next)
                .filter(|&kind| is_file(kind))
                .map(|_| Outside::File),
            Expr::BinOp(binop) if binop.op == Operator::Div => self
                .readable(&binop.left, next)
                .filter(|&kind| is_file(kind))
                .map(|_| self.file_kind(Some(&binop.right), next)),
            Expr::Named(named) => self.readable(&named.value, next),
            Expr::Await(awaited) => self.readable(&awaited.value, next),
            _ => None,
        }
    }

    /// `conn, address = sock.accept()`: the connection reads from the network.
    fn accepted(&self, value: &Expr, steps: usize) -> Option<Outside> {
        let Expr::Call(call) = value else {
            return None;
        };
        let Expr::Attribute(method) = call.func.as_ref() else {
            return None;
        };
        (method.attr.id.as_str() == "accept")
            .then(|| self.readable(&method.value, steps))
            .flatten()
            .filter(|&kind| kind == Outside::Network)
    }

    /// What the object a call returns reads from, when the call opens one.
    fn opened(&self, call: &ExprCall, steps: usize) -> Option<Outside> {
        if let Some(callee) = self.resolve(&call.func) {
            if let Some(&(_, kind)) = OPENERS.iter().find(|(n, _)| *n == callee) {
                if kind != Outside::File {
                    return Some(kind);
                }
                let path = call.arguments.find_argument_value("file", 0);
                // The program's own file (next to this module) is not outside data.
                if path.is_some_and(|path| self.is_own_file(path, steps)) {
                    return None;
                }
                // `Path(folder, "startup.py")`: the last part names the file.
                let path = if callee.starts_with("pathlib.") {
                    call.arguments.args.last()
                } else {
                    path
                };
                return Some(self.file_kind(path, steps));
            }
            if http_clients::requests_function(&callee).is_some()
                || http_clients::httpx_function(&callee)
                    .is_some_and(|f| !matches!(f, "Client" | "AsyncClient"))
            {
                return Some(Outside::Network);
            }
            if WRAPPERS.contains(&callee.as_str()) {
                return self.readable(call.arguments.args.first()?, steps);
            }
        }
        let Expr::Attribute(method) = call.func.as_ref() else {
            return None;
        };
        let receiver = method.value.as_ref();
        let name = method.attr.id.as_str();
        if DERIVED_READABLES.contains(&name) {
            let kind = self.readable(receiver, steps)?;
            // `path.joinpath("startup.py")`, `path.with_suffix(".py")`: a new file name.
            return Some(
                if matches!(name, "joinpath" | "with_name" | "with_suffix") && is_file(kind) {
                    self.file_kind(call.arguments.args.last(), steps)
                } else {
                    kind
                },
            );
        }
        if name == "wrap_socket" {
            return self.readable(call.arguments.args.first()?, steps);
        }
        (http_clients::REQUEST_VERBS.contains(&name) && self.is_http_client(receiver))
            .then_some(Outside::Network)
    }

    /// [`Outside::PythonSource`] when `path` ends in `.py`, else [`Outside::File`].
    fn file_kind(&self, path: Option<&Expr>, steps: usize) -> Outside {
        if path.is_some_and(|path| self.names_python_source(path, steps)) {
            Outside::PythonSource
        } else {
            Outside::File
        }
    }

    /// Whether the path `path` evaluates to ends in `.py`, as far as its last part shows:
    /// a constant, `"%s.py" % name`, `name + ".py"`, an f-string, `os.path.join(…, "x.py")`,
    /// `Path(…) / "x.py"`, through local variables.
    fn names_python_source(&self, path: &Expr, steps: usize) -> bool {
        if steps > MAX_STEPS {
            return false;
        }
        let next = steps + 1;
        if let Some(value) = self.ctx.constant(path) {
            return matches!(value, Constant::Str(text) if text.ends_with(".py"));
        }
        match path {
            Expr::Name(name) => match self.bound(name.id.as_str(), name.start()) {
                Some(Bound::Value(value)) => self.names_python_source(value, next),
                _ => false,
            },
            Expr::FString(fstring) => fstring.value.iter().next_back().is_some_and(|part| {
                match part {
                    FStringPart::Literal(literal) => literal.value.ends_with(".py"),
                    FStringPart::FString(f) => matches!(
                        f.elements.last(),
                        Some(InterpolatedStringElement::Literal(literal)) if literal.value.ends_with(".py")
                    ),
                }
            }),
            Expr::BinOp(binop) => match binop.op {
                Operator::Add | Operator::Div => self.names_python_source(&binop.right, next),
                Operator::Mod => self.names_python_source(&binop.left, next),
                _ => false,
            },
            Expr::Call(call) => {
                let args = &call.arguments.args;
                if let Expr::Attribute(method) = call.func.as_ref() {
                    match method.attr.id.as_str() {
                        "joinpath" | "with_name" | "with_suffix" => {
                            return args
                                .last()
                                .is_some_and(|a| self.names_python_source(a, next));
                        }
                        "format" => return self.names_python_source(&method.value, next),
                        _ => {}
                    }
                }
                let callee = self.resolve(&call.func).unwrap_or_default();
                let function = os_path_function(&callee);
                let last_part = matches!(function, Some("join"))
                    || matches!(callee.as_str(), "pathlib.Path" | "pathlib.PurePath");
                let same_name = matches!(
                    function,
                    Some("abspath" | "realpath" | "normpath" | "expanduser" | "expandvars")
                ) || matches!(callee.as_str(), "builtins.str" | "os.fspath");
                if last_part {
                    args.last().is_some_and(|a| self.names_python_source(a, next))
                } else if same_name {
                    args.first().is_some_and(|a| self.names_python_source(a, next))
                } else {
                    false
                }
            }
            _ => false,
        }
    }

    /// Whether `path` names a file of the program itself: built from `__file__` with
    /// constants (`os.path.join(os.path.dirname(__file__), "about.py")`,
    /// `Path(__file__).parent / "x.py"`, through local variables).
    fn is_own_file(&self, path: &Expr, steps: usize) -> bool {
        if steps > MAX_STEPS {
            return false;
        }
        let next = steps + 1;
        let constant = |e: &Expr| self.ctx.constant(e).is_some();
        match path {
            Expr::Name(name) if name.id.as_str() == "__file__" => true,
            Expr::Name(name) => match self.bound(name.id.as_str(), name.start()) {
                Some(Bound::Value(value)) => self.is_own_file(value, next),
                Some(_) => false,
                // A module constant (`HERE = os.path.dirname(__file__)`).
                None => {
                    let id = name.id.as_str();
                    let model = self.ctx.model;
                    let global = model
                        .lookup(id, self.ctx.scope, name.start())
                        .is_some_and(|b| {
                            model.binding(b).scope == moat_semantic::SemanticModel::MODULE_SCOPE
                        });
                    global
                        && self.ctx.module_only_assigns(id)
                        && self
                            .ctx
                            .module_assignment(id)
                            .is_some_and(|value| self.is_own_file(value, next))
                }
            },
            Expr::Attribute(attribute) => {
                attribute.attr.id.as_str() == "parent" && self.is_own_file(&attribute.value, next)
            }
            Expr::BinOp(binop) if binop.op == Operator::Div => {
                self.is_own_file(&binop.left, next) && constant(&binop.right)
            }
            Expr::Call(call) => {
                let args = &call.arguments.args;
                if let Expr::Attribute(method) = call.func.as_ref()
                    && matches!(
                        method.attr.id.as_str(),
                        "joinpath" | "with_name" | "with_suffix" | "resolve" | "absolute"
                    )
                {
                    return self.is_own_file(&method.value, next) && args.iter().all(constant);
                }
                let callee = self.resolve(&call.func).unwrap_or_default();
                match (os_path_function(&callee), callee.as_str()) {
                    (Some("dirname" | "abspath" | "realpath" | "normpath"), _)
                    | (_, "pathlib.Path" | "pathlib.PurePath") => {
                        args.first().is_some_and(|a| self.is_own_file(a, next))
                    }
                    (Some("join"), _) => args.first().is_some_and(|first| {
                        self.is_own_file(first, next) && args[1..].iter().all(constant)
                    }),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Whether `receiver` is a `requests` session or an `httpx` client.
    fn is_http_client(&self, receiver: &Expr) -> bool {
        http_clients::requests_session(self.ctx, receiver).is_some()
            || receiver::constructor(self.ctx, receiver).is_some_and(|made_by| {
                matches!(
                    made_by.as_str(),
                    "httpx.Client" | "httpx.AsyncClient" | "requests.Session" | "requests.session"
                )
            })
    }

    /// The binding of `name` visible at `at`, when it is in the scope being inspected and
    /// says where the value comes from.
    fn bound(&self, name: &str, at: TextSize) -> Option<Bound<'a>> {
        let model = self.ctx.model;
        let binding = model.binding(model.lookup(name, self.ctx.scope, at)?);
        if binding.scope != self.ctx.scope {
            return None;
        }
        match &binding.kind {
            BindingKind::Assignment { value } => Some(Bound::Value(value)),
            BindingKind::Opaque => binding_statement(self.ctx.module_body(), binding.range, name),
            _ => None,
        }
    }
}

/// What the statement that binds `name` at `range` (an opaque binding: a `with` or `for`
/// target, `+=`, tuple unpacking) says about its value.
fn binding_statement<'a>(module: &'a [Stmt], range: TextRange, name: &str) -> Option<Bound<'a>> {
    let mut finder = BindingFinder {
        range,
        name,
        found: None,
    };
    for stmt in module {
        finder.visit_stmt(stmt);
        if finder.found.is_some() {
            break;
        }
    }
    finder.found
}

/// Walks down the statements enclosing `range` to the one that binds there.
struct BindingFinder<'n, 'a> {
    range: TextRange,
    name: &'n str,
    found: Option<Bound<'a>>,
}

impl<'a> Visitor<'a> for BindingFinder<'_, 'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found.is_some() || !stmt.range().contains_range(self.range) {
            return;
        }
        match stmt {
            Stmt::AugAssign(assign) if assign.range == self.range => {
                self.found = Some(Bound::Augmented(&assign.value, assign.range.start()));
            }
            Stmt::Assign(assign) if assign.range == self.range => {
                self.found = assign
                    .targets
                    .iter()
                    .find_map(|target| element_index(target, self.name))
                    .map(|index| Bound::Unpacked(&assign.value, index));
            }
            Stmt::For(for_stmt) if for_stmt.target.range() == self.range => {
                self.found = match for_stmt.target.as_ref() {
                    Expr::Name(_) => Some(Bound::Item(&for_stmt.iter, None)),
                    target => element_index(target, self.name)
                        .map(|index| Bound::Item(&for_stmt.iter, Some(index))),
                };
            }
            Stmt::With(with) => {
                if let Some(item) = with.items.iter().find(|item| {
                    item.optional_vars
                        .as_deref()
                        .is_some_and(|v| v.range() == self.range && v.is_name_expr())
                }) {
                    self.found = Some(Bound::Entered(&item.context_expr));
                    return;
                }
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    // Statements only: expressions hold no statement that binds.
    fn visit_expr(&mut self, _: &'a Expr) {}
}

/// The `os.path` function `callee` names (`join` for `os.path.join`), also under the
/// modules `os.path` is when the standard library is analysed as part of the project
/// (`posixpath`, `ntpath`, `genericpath`).
fn os_path_function(callee: &str) -> Option<&str> {
    ["os.path.", "posixpath.", "ntpath.", "genericpath."]
        .iter()
        .find_map(|module| callee.strip_prefix(module))
}

/// Whether reads of `kind` come from a file (of any content).
fn is_file(kind: Outside) -> bool {
    matches!(kind, Outside::File | Outside::PythonSource)
}

/// The index of `name` among the names of a tuple or list target.
fn element_index(target: &Expr, name: &str) -> Option<usize> {
    let elements = match target {
        Expr::Tuple(tuple) => &tuple.elts,
        Expr::List(list) => &list.elts,
        _ => return None,
    };
    elements
        .iter()
        .position(|e| matches!(e, Expr::Name(n) if n.id.as_str() == name))
}
