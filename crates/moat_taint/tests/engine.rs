//! The engine's promises, one small program each: the precision cases the feature was
//! specified with, the bounds, and the trace.

use moat_python::parse_module;
use moat_semantic::{ModuleExports, ProjectIndex, SemanticModel};
use moat_taint::{Options, TaintResult, analyse, lower_module};

/// Options that distrust command-line input, which these programs read.
fn local() -> Options {
    Options {
        untrusted: vec![moat_models::Threat::Remote, moat_models::Threat::Local],
        ..Options::default()
    }
}

/// Analyses one module `app.py`.
fn run(source: &str, options: &Options) -> TaintResult {
    let parsed = parse_module(source).expect("valid Python");
    let mut project = ProjectIndex::new();
    let exports =
        ModuleExports::from_model(&SemanticModel::module_level(parsed.suite(), "app", false));
    project.insert("app".to_string(), exports);
    let models = moat_models::builtin();
    let model = SemanticModel::new(parsed.suite(), "app", false, Some(&project));
    let module = lower_module(parsed.suite(), &model, &models, "app.py");
    analyse(&[module], &models, options)
}

/// The 1-based lines with a finding of `kind`.
fn lines(source: &str, kind: &str) -> Vec<usize> {
    let result = run(source, &local());
    let mut out: Vec<usize> = result
        .findings
        .iter()
        .filter(|f| f.kind.name() == kind)
        .map(|f| source[..f.range.start().to_usize()].matches('\n').count() + 1)
        .collect();
    out.sort_unstable();
    out
}

const HEADER: &str = "import os, sys\nparam = sys.argv[1]\n";

#[test]
fn a_constant_slot_of_a_dict_is_safe_and_the_user_slot_is_not() {
    let source = format!(
        "{HEADER}d = {{}}\nd['safe'] = 'x'\nd['user'] = param\nos.system(d['safe'])\nos.system(d['user'])\n"
    );
    assert_eq!(lines(&source, "command-injection"), [7]);
}

#[test]
fn a_branch_folded_to_a_constant_carries_no_taint() {
    let source = format!(
        "{HEADER}x = param if 3 * 7 < 20 else 'safe'\nos.system(x)\ny = param if 3 * 7 > 20 else 'safe'\nos.system(y)\n"
    );
    assert_eq!(lines(&source, "command-injection"), [6]);
}

#[test]
fn reassignment_kills_taint_and_a_branch_joins_it() {
    let source = format!(
        "{HEADER}a = param\na = 'ls'\nos.system(a)\nb = 'ls'\nif len(sys.argv) > 2:\n    b = param\nos.system(b)\n"
    );
    assert_eq!(lines(&source, "command-injection"), [9]);
}

#[test]
fn taint_crosses_functions_in_both_directions_and_sanitizers_are_per_kind() {
    let source = format!(
        "{HEADER}import shlex, sqlite3\n\
def read():\n    return sys.argv[2]\n\
def run(cmd):\n    os.system(cmd)\n\
def query(cur, text):\n    cur.execute(text)\n\
run(read())\n\
run(shlex.quote(read()))\n\
query(sqlite3.connect('db').cursor(), shlex.quote(read()))\n"
    );
    assert_eq!(lines(&source, "command-injection"), [7]);
    assert_eq!(lines(&source, "sql-injection"), [9]);
}

#[test]
fn a_finding_carries_its_trace_from_source_to_sink() {
    let source = format!("{HEADER}def run(cmd):\n    os.system(cmd)\nrun(param)\n");
    let result = run(&source, &local());
    let [finding] = &result.findings[..] else {
        panic!("one finding expected: {:?}", result.findings);
    };
    let messages: Vec<&str> = finding.trace.iter().map(|s| s.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "untrusted input: `sys.argv`",
            "assigned to `param`",
            "passed to `run` as `cmd`",
            "reaches `os.system` (argument 1)"
        ]
    );
    assert_eq!(finding.function, "run");
}

#[test]
fn only_network_input_is_untrusted_unless_configured() {
    let source = "import os, sys\nos.system(os.environ['CMD'])\nos.system(sys.argv[1])\n";
    assert!(run(source, &Options::default()).findings.is_empty());
    assert_eq!(run(source, &local()).findings.len(), 1);
    let mut options = local();
    options.untrusted.push(moat_models::Threat::Environment);
    assert_eq!(run(source, &options).findings.len(), 2);
}

#[test]
fn hitting_the_round_bound_is_reported_not_silent() {
    // Six functions calling each other in a cycle: they share a level, so the flow to the
    // sink moves one function further each round.
    let mut source =
        String::from("import os, sys\ndef f0(x, n):\n    os.system(x)\n    f5(x, n - 1)\n");
    for i in 1..6 {
        source.push_str(&format!(
            "def f{i}(x, n):\n    if n:\n        f{}(x, n - 1)\n",
            i - 1
        ));
    }
    source.push_str("f5(sys.argv[1], 9)\n");
    let options = Options {
        max_rounds: 2,
        ..local()
    };
    let result = run(&source, &options);
    assert_eq!(result.problems.len(), 1, "{:?}", result.problems);
    assert!(
        result.problems[0]
            .message
            .contains("stopped after 2 rounds")
    );
    let settled = run(&source, &local());
    assert!(settled.problems.is_empty());
    assert_eq!(settled.findings.len(), 1);
}

#[test]
fn recursion_and_loops_reach_a_fixpoint() {
    let source = format!(
        "{HEADER}def walk(x, n):\n    if n == 0:\n        return x\n    return walk(x + '/', n - 1)\n\
os.system(walk(param, 3))\n\
acc = ''\nfor part in sys.argv:\n    acc = acc + part\nos.system(acc)\n"
    );
    let result = run(&source, &local());
    assert!(result.problems.is_empty(), "{:?}", result.problems);
    assert_eq!(lines(&source, "command-injection"), [7, 11]);
}

/// The IR of a big project is kept in memory between passes: keep its nodes small.
#[test]
fn ir_nodes_stay_small() {
    use moat_taint::ir::{Expr, Stmt};
    assert!(
        std::mem::size_of::<Expr>() <= 48,
        "Expr is {} bytes",
        std::mem::size_of::<Expr>()
    );
    assert!(
        std::mem::size_of::<Stmt>() <= 96,
        "Stmt is {} bytes",
        std::mem::size_of::<Stmt>()
    );
}

#[test]
fn a_function_past_the_statement_budget_is_cut_short_and_reported() {
    // Nested loops re-run their bodies; the budget bounds what any function may cost.
    let mut source = String::from("import os, sys\nx = ''\n");
    for depth in 0..6 {
        source.push_str(&format!(
            "{}for i{depth} in range(3):\n",
            "    ".repeat(depth)
        ));
    }
    source.push_str(&format!("{}x = x + sys.argv[1]\n", "    ".repeat(6)));
    source.push_str("os.system(x)\n");
    let tight = Options {
        max_steps: 20,
        ..local()
    };
    let result = run(&source, &tight);
    assert_eq!(result.problems.len(), 1, "{:?}", result.problems);
    assert!(
        result.problems[0]
            .message
            .contains("20 statements evaluated per function")
    );
    let result = run(&source, &local());
    assert!(result.problems.is_empty());
    assert_eq!(result.findings.len(), 1);
}

#[test]
fn a_dispatch_table_calls_the_function_a_constant_key_picks_or_any_of_them() {
    let source = format!(
        "{HEADER}\
def run(cmd):\n    os.system(cmd)\n\
def show(cmd):\n    print(cmd)\n\
def remove(cmd):\n    os.remove(cmd)\n\
TOOLS = {{'run': run, 'show': show}}\n\
FILES = [show, remove]\n\
TOOLS['show'](param)\n\
FILES[0](param)\n"
    );
    assert!(lines(&source, "command-injection").is_empty());
    assert!(lines(&source, "path-traversal").is_empty());
    let any_key =
        format!("{source}TOOLS.get(sys.argv[2])(param)\nFILES[int(sys.argv[3])](param)\n");
    assert_eq!(lines(&any_key, "command-injection"), [4]);
    assert_eq!(lines(&any_key, "path-traversal"), [8]);
}

#[test]
fn a_conditional_expression_applies_its_test_as_a_guard() {
    let source = format!(
        "{HEADER}ALLOWED = ('ls', 'df')\n\
os.system(param if param in ALLOWED else 'ls')\n\
os.system(param if param else 'ls')\n\
os.system('ls' if param not in ALLOWED else param)\n"
    );
    assert_eq!(lines(&source, "command-injection"), [5]);
}

#[test]
fn a_raised_exception_is_built_before_it_is_raised() {
    let source = format!(
        "{HEADER}class Stop(Exception):\n    pass\n\
if len(sys.argv) > 5:\n    raise Stop(os.system(param))\n"
    );
    assert_eq!(lines(&source, "command-injection"), [6]);
}

#[test]
fn an_unpacked_argument_list_is_read_element_by_element() {
    let source = format!(
        "{HEADER}import asyncio\n\
async def main(arg):\n    await asyncio.create_subprocess_exec(*['/bin/ls', arg])\n    \
await asyncio.create_subprocess_exec(*[arg, '-l'])\n    \
await asyncio.create_subprocess_exec(*arg.split())\n\
asyncio.run(main(param))\n"
    );
    assert_eq!(lines(&source, "command-injection"), [6, 7]);
}

#[test]
fn a_server_callback_gets_the_classes_the_server_passes() {
    let source = "import asyncio, os\n\
async def handle(reader, writer):\n    line = await reader.readline()\n    os.system(line.decode())\n\
async def other(reader, writer):\n    line = await reader.readline()\n    os.system(line.decode())\n\
async def main():\n    await asyncio.start_server(handle, '0.0.0.0', 7000)\n";
    assert_eq!(lines(source, "command-injection"), [4]);
}

#[test]
fn text_is_a_value_in_a_nosql_filter_until_it_is_parsed_or_run() {
    let source = "import json\n\
from flask import Flask, request\n\
from pymongo import MongoClient\n\
app = Flask(__name__)\n\
users = MongoClient()['app']['users']\n\
@app.get('/u')\n\
def find():\n    name = request.args['name']\n    users.find({'name': name})\n    \
users.find(json.loads(name))\n    users.find({'$where': 'this.name == ' + name})\n    \
users.find({'name': request.get_json()['name']})\n";
    assert_eq!(lines(source, "nosql-injection"), [10, 11, 12]);
}

#[test]
fn a_fastapi_dependency_gets_request_input_and_hands_it_to_the_route() {
    let source = "import os\n\
from fastapi import Depends, FastAPI, Query\n\
app = FastAPI()\n\
def target(path: str = Query(...)) -> str:\n    return path\n\
def helper(path: str = Query(...)) -> str:\n    return path\n\
@app.get('/rm')\n\
def remove(path: str = Depends(target)):\n    os.remove(path)\n\
@app.get('/rm2')\n\
def remove_fixed():\n    os.remove(helper('/tmp/x'))\n";
    assert_eq!(lines(source, "path-traversal"), [10]);
}

#[test]
fn a_mapping_unpacked_into_a_django_model_sets_the_fields_its_keys_name() {
    let source = "import json\n\
from django.db import models\n\
class Note(models.Model):\n    pass\n\
ALLOWED = ('title', 'body')\n\
def view(request):\n    data = json.loads(request.body)\n    \
Note.objects.create(**data)\n    \
Note.objects.create(**{'title': data['title']})\n    \
Note.objects.create(**{k: v for k, v in data.items() if k in ALLOWED})\n    \
Note(**data)\n    Note.objects.create(title=data['title'])\n";
    assert_eq!(lines(source, "mass-assignment"), [8, 11]);
}

#[test]
fn a_method_on_a_parameter_is_a_sink_when_the_caller_passes_an_object_of_a_sink_class() {
    let source = format!(
        "{HEADER}import requests\n\
def fetch(client, url):\n    return client.get(url, timeout=5)\n\
fetch(requests.Session(), param)\n\
fetch({{}}, param)\n\
fetch(requests.Session(), 'https://example.com/')\n"
    );
    assert_eq!(lines(&source, "ssrf"), [5]);
}
