//! Name resolution and constant folding, checked with inline expectations:
//! `# calls: a.b` after a call means the line's first call resolves to `a.b`
//! (`# calls: -` means it resolves to nothing); `# const: <value>` means the first
//! keyword argument of the line's call folds to that value (Rust `Debug` form).
//! Multi-file fixtures use `# --- file: pkg/mod.py` headers.

use moat_python::ast::Expr;
use moat_python::{LineIndex, Ranged, parse_module};
use moat_semantic::{
    ModuleExports, ProjectIndex, ScopeId, SemanticHooks, SemanticModel, module_name_for_path,
    walk_module,
};
use std::collections::BTreeMap;
use std::path::Path;

struct File {
    path: String,
    text: String,
}

fn split_files(fixture: &str) -> Vec<File> {
    let mut files = Vec::new();
    for chunk in fixture
        .split("# --- file: ")
        .filter(|c| !c.trim().is_empty())
    {
        let (path, text) = chunk.split_once('\n').unwrap();
        files.push(File {
            path: path.trim().to_string(),
            text: text.to_string(),
        });
    }
    files
}

fn module_of(path: &str, files: &[File]) -> (String, bool) {
    let is_package_dir = |dir: &Path| {
        let init = dir.join("__init__.py");
        files.iter().any(|f| Path::new(&f.path) == init)
    };
    module_name_for_path(Path::new(path), &is_package_dir)
}

struct Collector<'m, 'a> {
    model: &'m SemanticModel<'a>,
    index: LineIndex,
    seen: BTreeMap<usize, (String, String)>,
}

impl<'a> SemanticHooks<'a> for Collector<'_, '_> {
    fn expr(&mut self, expr: &'a Expr, scope: ScopeId) {
        if let Expr::Call(call) = expr {
            let line = self.index.line_of(call.start());
            if self.seen.contains_key(&line) {
                return;
            }
            let name = self
                .model
                .resolve_qualified_name(&call.func, scope)
                .unwrap_or_else(|| "-".into());
            let constant = call
                .arguments
                .keywords
                .first()
                .map(|k| format!("{:?}", self.model.constant_value(&k.value, scope)))
                .unwrap_or_default();
            self.seen.insert(line, (name, constant));
        }
    }
}

/// The project index of parsed modules named `names`.
fn project_of(parsed: &[moat_python::ParsedModule], names: &[(String, bool)]) -> ProjectIndex {
    let mut project = ProjectIndex::new();
    for (module, (name, is_package)) in parsed.iter().zip(names) {
        let model = SemanticModel::new(module.suite(), name, *is_package, None);
        project.insert(name.clone(), ModuleExports::from_model(&model));
    }
    project
}

/// Runs the fixture and compares every `# calls:` / `# const:` expectation.
fn check(fixture: &str) {
    let files = split_files(fixture);
    let parsed: Vec<_> = files
        .iter()
        .map(|f| parse_module(&f.text).unwrap_or_else(|e| panic!("{}: {e:?}", f.path)))
        .collect();
    let names: Vec<(String, bool)> = files.iter().map(|f| module_of(&f.path, &files)).collect();
    let project = project_of(&parsed, &names);
    let mut failures = Vec::new();
    for ((file, module), (name, is_package)) in files.iter().zip(&parsed).zip(&names) {
        let model = SemanticModel::new(module.suite(), name, *is_package, Some(&project));
        let mut collector = Collector {
            model: &model,
            index: LineIndex::new(&file.text),
            seen: BTreeMap::new(),
        };
        walk_module(&model, module.suite(), &mut collector);
        for (line_number, line) in file.text.lines().enumerate() {
            let found = collector.seen.get(&line_number);
            if let Some((_, expected)) = line.split_once("# calls: ") {
                let expected = expected.split_whitespace().next().unwrap();
                let actual = found.map_or("<no call>", |(n, _)| n.as_str());
                if actual != expected {
                    failures.push(format!(
                        "{}:{}: expected call to `{expected}`, resolved `{actual}`",
                        file.path,
                        line_number + 1
                    ));
                }
            }
            if let Some((_, expected)) = line.split_once("# const: ") {
                let actual = found.map_or("<no call>", |(_, c)| c.as_str());
                if actual != expected.trim() {
                    failures.push(format!(
                        "{}:{}: expected constant `{}`, folded `{actual}`",
                        file.path,
                        line_number + 1,
                        expected.trim()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn import_forms() {
    check(
        r#"# --- file: app.py
import subprocess
import os.path
import xml.etree.ElementTree as ET
from subprocess import call as run_it, Popen
import pickle as pkl

subprocess.call("x")  # calls: subprocess.call
os.path.join("a")  # calls: os.path.join
ET.parse("f")  # calls: xml.etree.ElementTree.parse
run_it("x")  # calls: subprocess.call
Popen("x")  # calls: subprocess.Popen
pkl.loads(b"")  # calls: pickle.loads
eval("1")  # calls: builtins.eval
unknown_thing()  # calls: -
"#,
    );
}

#[test]
fn aliases_shadowing_and_scopes() {
    check(
        r#"# --- file: app.py
import subprocess
import yaml

f = subprocess.call
load = yaml.load
f("ls")  # calls: subprocess.call
load(data)  # calls: yaml.load

def handler(subprocess):
    subprocess.call("x")  # calls: -

def uses_global():
    f("x")  # calls: subprocess.call

def local_alias():
    g = f
    g("x")  # calls: subprocess.call

class Thing:
    run = subprocess.run
    run("x")  # calls: subprocess.run
    def method(self):
        run("x")  # calls: -

def rebinding():
    import pickle
    p = pickle.loads
    p(b"")  # calls: pickle.loads
    p = print
    p("x")  # calls: builtins.print

def eval(x):
    return x
eval("1")  # calls: app.eval

lam = lambda subprocess: subprocess.call("x")  # calls: -
[subprocess.call(c) for subprocess in things]  # calls: -
"#,
    );
}

#[test]
fn parts_evaluated_in_the_enclosing_scope() {
    // Each `run` or `route` use that runs in the enclosing scope must find the class's
    // binding, though the scope the node opens binds the same name: evaluated there, it
    // would find that binding (parameters, comprehension targets) or, from a method, skip
    // the class scope and find nothing.
    check(
        r#"# --- file: app.py
import subprocess

class Api:
    run = subprocess.run
    route = subprocess.call

    @route("/")  # calls: subprocess.call
    def index(
        self,
        run=run("default"),  # calls: subprocess.run
        check: run("annotation") = None,  # calls: subprocess.run
    ) -> run("returns"):  # calls: subprocess.run
        route = print
        run("body")  # calls: -
        route("body")  # calls: builtins.print

    def generic[T: run("bound")](self, run):  # calls: subprocess.run
        run("body")  # calls: -

    class Child(run("base")):  # calls: subprocess.run
        run = print
        run("child body")  # calls: builtins.print

    first = [run for run in run("first iterable")]  # calls: subprocess.run
    later = [x for run in things for x in run("later iterable")]  # calls: -
    cond = [x for run in things if run("condition")]  # calls: -
    elements = {run("key"): run for run in things}  # calls: -
    hidden = [run("element") for x in things]  # calls: -
    lam = lambda run=run("lambda default"): run("lambda body")  # calls: subprocess.run
    body = lambda run: run("lambda body")  # calls: -
"#,
    );
}

#[test]
fn relative_imports_and_reexports_across_modules() {
    check(
        r#"# --- file: pkg/__init__.py
from .helpers import run_shell
from . import config
# --- file: pkg/helpers.py
from subprocess import call as run_shell
import pickle
loads = pickle.loads
# --- file: pkg/config.py
USE_SHELL = True
TIMEOUT = 2 ** 10
NAME = "ab" + "cd"
# --- file: pkg/sub/__init__.py
# --- file: pkg/sub/views.py
from .. import run_shell
from ..helpers import loads
from ..config import USE_SHELL, TIMEOUT, NAME
from pkg import config
import pkg

run_shell("x", shell=USE_SHELL)  # calls: subprocess.call  # const: Some(Bool(true))
loads(b"")  # calls: pickle.loads
pkg.run_shell("x", timeout=TIMEOUT)  # calls: subprocess.call  # const: Some(Int(1024))
pkg.helpers.run_shell("x", name=NAME)  # calls: subprocess.call  # const: Some(Str("abcd"))
print(x, shell=config.USE_SHELL)  # calls: builtins.print  # const: Some(Bool(true))
"#,
    );
}

#[test]
fn reexport_chains_cycles_and_attribute_tails() {
    check(
        r#"# --- file: a.py
from b import loop
from c import tools
# --- file: b.py
from a import loop
# --- file: c.py
import os.path as tools
# --- file: app.py
import a
a.loop()  # calls: a.loop
a.tools.join("x")  # calls: os.path.join
a.tools.join.__call__("x")  # calls: os.path.join.__call__
"#,
    );
}

#[test]
fn constant_folding() {
    check(
        r#"# --- file: app.py
import subprocess
SHELL = True
NOT_CONST = True
NOT_CONST = False
PREFIX = "rm -rf "
subprocess.call("x", shell=SHELL)  # calls: subprocess.call  # const: Some(Bool(true))
subprocess.call("x", shell=NOT_CONST)  # calls: subprocess.call  # const: None
subprocess.call("x", shell=not SHELL)  # calls: subprocess.call  # const: Some(Bool(false))
subprocess.call("x", shell=1 or 0)  # calls: subprocess.call  # const: Some(Int(1))
subprocess.call("x", cmd=PREFIX + "/tmp")  # calls: subprocess.call  # const: Some(Str("rm -rf /tmp"))
subprocess.call("x", cmd=f"{PREFIX}x")  # calls: subprocess.call  # const: Some(Str("rm -rf x"))
subprocess.call("x", size=2**10 * 3)  # calls: subprocess.call  # const: Some(Int(3072))
subprocess.call("x", big=2**200)  # calls: subprocess.call  # const: None
subprocess.call("x", huge="a" * 10**9)  # calls: subprocess.call  # const: None
def f(shell=True):
    subprocess.call("x", shell=shell)  # calls: subprocess.call  # const: None
"#,
    );
}

#[test]
fn star_imports_and_global_declarations() {
    check(
        r#"# --- file: app.py
from os import *
import subprocess
system("ls")  # calls: os.system
runner = None
def setup():
    global runner
    runner = subprocess.Popen
def use():
    runner("x")  # calls: subprocess.Popen
"#,
    );
}

#[test]
fn module_names_from_paths() {
    let files = split_files(
        "# --- file: src/pkg/__init__.py\n# --- file: src/pkg/a/__init__.py\n# --- file: src/pkg/a/b.py\n# --- file: my-app/tool.py\n",
    );
    assert_eq!(
        module_of("src/pkg/a/b.py", &files),
        ("pkg.a.b".into(), false)
    );
    assert_eq!(
        module_of("src/pkg/a/__init__.py", &files),
        ("pkg.a".into(), true)
    );
    assert_eq!(module_of("my-app/tool.py", &files), ("tool".into(), false));
}

/// Method calls in a (multi-file) fixture whose receiver's constructor is marked
/// `# made-by: a.b` (`-` for none) must match [`SemanticModel::constructor_of`].
fn check_constructors(fixture: &str) {
    struct Receivers<'m, 'a> {
        model: &'m SemanticModel<'a>,
        index: LineIndex,
        seen: BTreeMap<usize, String>,
    }
    impl<'a> SemanticHooks<'a> for Receivers<'_, '_> {
        fn expr(&mut self, expr: &'a Expr, scope: ScopeId) {
            if let Expr::Call(call) = expr
                && let Expr::Attribute(method) = call.func.as_ref()
            {
                let made_by = self
                    .model
                    .constructor_of(&method.value, scope)
                    .unwrap_or_else(|| "-".into());
                self.seen
                    .entry(self.index.line_of(call.start()))
                    .or_insert(made_by);
            }
        }
    }
    let files = split_files(fixture);
    let parsed: Vec<_> = files
        .iter()
        .map(|f| parse_module(&f.text).unwrap())
        .collect();
    let names: Vec<(String, bool)> = files.iter().map(|f| module_of(&f.path, &files)).collect();
    let project = project_of(&parsed, &names);
    for ((file, module), (name, is_package)) in files.iter().zip(&parsed).zip(&names) {
        let model = SemanticModel::new(module.suite(), name, *is_package, Some(&project));
        let mut receivers = Receivers {
            model: &model,
            index: LineIndex::new(&file.text),
            seen: BTreeMap::new(),
        };
        walk_module(&model, module.suite(), &mut receivers);
        for (line_number, line) in file.text.lines().enumerate() {
            if let Some((_, expected)) = line.split_once("# made-by: ") {
                let actual = receivers
                    .seen
                    .get(&line_number)
                    .map_or("<no call>", String::as_str);
                assert_eq!(actual, expected.trim(), "{}:{}", file.path, line_number + 1);
            }
        }
    }
}

#[test]
fn constructors_of_receivers() {
    check_constructors(
        r#"# --- file: web/__init__.py
import flask
from flask import Flask as F
app = flask.Flask(__name__)
app.run()  # made-by: flask.Flask
other = app
other.run()  # made-by: flask.Flask
F(__name__).run()  # made-by: flask.Flask
def create():
    local = F(__name__)
    local.run()  # made-by: flask.Flask
    app.run()  # made-by: flask.Flask
def given(app):
    app.run()  # made-by: -
with F(__name__) as managed:
    managed.run()  # made-by: -
if (walrus := F(__name__)):
    walrus.run()  # made-by: flask.Flask
thing = object()
thing.run()  # made-by: builtins.object
# --- file: run.py
from web import app, other, create
from web import app as application
app.run()  # made-by: flask.Flask
application.run()  # made-by: flask.Flask
other.run()  # made-by: flask.Flask
create.run()  # made-by: -
"#,
    );
}

#[test]
fn imported_instances_bring_in_their_library() {
    let files = split_files(
        "# --- file: web/__init__.py\nimport flask\napp = flask.Flask(__name__)\n# --- file: run.py\nfrom web import app\n",
    );
    let parsed: Vec<_> = files
        .iter()
        .map(|f| parse_module(&f.text).unwrap())
        .collect();
    let names: Vec<(String, bool)> = files.iter().map(|f| module_of(&f.path, &files)).collect();
    let project = project_of(&parsed, &names);
    let run = SemanticModel::new(parsed[1].suite(), "run", false, Some(&project));
    assert!(run.imports_module("flask"));
    assert!(run.imports_module("web"));
    assert!(!run.imports_module("django"));
}

#[test]
fn six_moves_resolve_to_standard_library_names() {
    check(
        r#"# --- file: app.py
import six
from six.moves import urllib as compat_urllib, cPickle
from six.moves.urllib.request import URLopener as Opener
from six.moves.urllib_parse import urlsplit
from django.utils.six.moves import input as read_line
from six.moves import *

six.moves.urllib.request.urlopen("x")  # calls: urllib.request.urlopen
compat_urllib.request.urlretrieve("x")  # calls: urllib.request.urlretrieve
cPickle.loads("x")  # calls: pickle.loads
Opener()  # calls: urllib.request.URLopener
urlsplit("x")  # calls: urllib.parse.urlsplit
read_line()  # calls: builtins.input
http_client.HTTPConnection("x")  # calls: http.client.HTTPConnection
six.with_metaclass("x")  # calls: six.with_metaclass
six.moves.not_a_move("x")  # calls: six.moves.not_a_move
"#,
    );
}

#[test]
fn importing_six_brings_in_the_modules_it_moves() {
    let model_of = |source: &str, check: &dyn Fn(&SemanticModel<'_>)| {
        let parsed = parse_module(source).unwrap();
        check(&SemanticModel::new(parsed.suite(), "run", false, None));
    };
    model_of("import six\n", &|m| {
        assert!(m.imports_module("urllib"));
        assert!(m.imports_module("pickle"));
    });
    model_of("from six.moves.urllib.request import urlopen\n", &|m| {
        assert!(m.imports_module("urllib"));
        assert!(!m.imports_module("pickle"));
    });
    model_of("from six import with_metaclass\n", &|m| {
        assert!(!m.imports_module("urllib"));
    });
}

#[test]
fn project_index_knows_what_modules_define_themselves() {
    let checks = parse_module(
        "import os\nfrom os.path import join\nLIMIT = 3\ndef require(x):\n    pass\nclass Form:\n    def clean(self):\n        pass\n",
    )
    .expect("parses");
    let project = project_of(&[checks], &[("app.checks".to_string(), false)]);
    assert!(project.defines("app.checks.require"));
    assert!(project.defines("app.checks.Form"));
    assert!(
        !project.defines("app.checks.Form.clean"),
        "a method is not top level"
    );
    assert!(!project.defines("app.checks.join"), "an import");
    assert!(!project.defines("app.checks.LIMIT"), "a constant");
    assert!(!project.defines("os.path.join"), "not a project module");
}
