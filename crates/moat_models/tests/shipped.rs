//! The shipped model files load, and invalid files are rejected with file, line and key.

use moat_models::{EMBEDDED, Models};

#[test]
fn shipped_models_are_valid() {
    for (name, text) in EMBEDDED {
        if let Err(e) = Models::load([(*name, *text)]) {
            panic!("{e}");
        }
    }
    let models = moat_models::builtin();
    assert!(models.rows().len() > 300, "{} rows", models.rows().len());
    assert!(models.source("flask.request.args").is_some());
    let callbacks = models.callbacks("asyncio.start_server");
    assert_eq!(callbacks.len(), 1);
    assert_eq!(
        callbacks[0].parameters,
        ["asyncio.StreamReader", "asyncio.StreamWriter"]
    );
    assert!(models.may_call_back("add_get"));
    let args = models.source("flask.request.args").unwrap();
    assert!(args.text && args.safe_for() == moat_models::KindSet::TEXT);
    assert!(!models.source("flask.request.json").unwrap().text);
    let loads = &models.summaries("json.loads")[0];
    assert_eq!(loads.undoes, moat_models::KindSet::TEXT);
    assert!(!models.may_call_back("execute"));
    // A row with `elements = true` gives a list of instances.
    let files = models.type_of("flask.request.files.getlist").unwrap();
    assert_eq!(files.name, "list[werkzeug.datastructures.FileStorage]");
    assert_eq!(
        moat_models::element_of(&files.name),
        Some("werkzeug.datastructures.FileStorage")
    );
    let one = models.type_of("flask.request.files.get").unwrap();
    assert_eq!(moat_models::element_of(&one.name), None);
}

fn error(text: &str) -> String {
    Models::load([("user.toml", text)]).unwrap_err().to_string()
}

#[test]
fn errors_name_the_file_line_and_key() {
    let e = error("[[sink]]\ntarget = \"a.b\"\nkind = \"sql\"\narg = { position = 0 }\n");
    assert_eq!(e, "user.toml:3: unknown sink `kind` `sql`");
    let e = error("[[source]]\ntarget = \"a.b\"\nthreat = \"remote\"\ncolour = 1\n");
    assert!(e.starts_with("user.toml:4: unknown field `colour`"), "{e}");
    let e = error("[[sanitizer]]\ntarget = \"a..b\"\nkinds = [\"all\"]\n");
    assert!(
        e.starts_with("user.toml:2: `a..b` is not a qualified name"),
        "{e}"
    );
    let e = error("[[summary]]\ntarget = \"a.b\"\nfrom = \"arg:x\"\nto = \"return\"\n");
    assert!(e.starts_with("user.toml:3: unknown `from` `arg:x`"), "{e}");
    let e = error("[[sink]]\ntarget = \"a.b\"\nkind = \"xss\"\narg = {}\n");
    assert!(e.contains("needs a `position`, a `keyword` or both"), "{e}");
    let e = error(
        "[[sink]]\ntarget = \"a.b\"\nkind = \"xss\"\narg = { position = 0 }\nwhen = { keyword = \"k\" }\n",
    );
    assert!(e.contains("exactly one of"), "{e}");
    let e = error("[[guard]]\ntarget = \"a.b\"\narg = 0\nbranch = true\nkinds = []\n");
    assert!(e.contains("`kinds` is empty"), "{e}");
    let e = error("[[callback]]\ntarget = \"a.b\"\narg = \"receiver\"\nparameters = [\"m.C\"]\n");
    assert!(e.starts_with("user.toml:3: a callback's `arg`"), "{e}");
    let e = error(
        "[[callback]]\ntarget = \"a.b\"\narg = { position = 0, element = 1 }\nparameters = [\"m.C\"]\n",
    );
    assert!(e.contains("no `element`"), "{e}");
    let e = error("[[callback]]\ntarget = \"a.b\"\narg = { position = 0 }\nparameters = []\n");
    assert!(e.starts_with("user.toml:4: `parameters` is empty"), "{e}");
    let e = error(
        "[[summary]]\ntarget = \"a.b\"\nfrom = \"arg:0\"\nto = \"return\"\nundoes = [\"sql\"]\n",
    );
    assert!(e.starts_with("user.toml:5: unknown kind `sql`"), "{e}");
    let e = error("[[source]]\ntarget = \"a.b\"\nthreat = \"moon\"\n");
    assert!(e.starts_with("user.toml:3: unknown `threat` `moon`"), "{e}");
    let e = error(
        "[[sink]]\ntarget = \"a.b\"\nkind = \"xss\"\narg = { position = 0, element = 0, keys = true }\n",
    );
    assert!(e.contains("`element` or `keys`, not both"), "{e}");
    let e = error("[[class]]\nname = \"m.Request\"\nbases = []\n");
    assert!(e.starts_with("user.toml:3: `bases` is empty"), "{e}");
    let e = error("[[class]]\nname = \"m.Request\"\nbases = [\"m.Request\"]\n");
    assert!(e.contains("`m.Request` is its own base"), "{e}");
}

#[test]
fn lookups_note_the_rows_they_find_as_used() {
    let models = Models::load([(
        "a.toml",
        "[[sink]]\ntarget = \"m.f\"\nkind = \"xss\"\narg = { position = 0 }\n\
         [[sanitizer]]\ntarget = \"m.clean\"\nkinds = [\"all\"]\n\
         [[class]]\nname = \"m.Request\"\nbases = [\"n.Request\"]\n",
    )])
    .unwrap();
    assert!(models.used_rows().is_empty());
    assert!(models.sinks("m.other").is_empty());
    assert_eq!(models.sinks("m.f").len(), 1);
    assert_eq!(models.used_rows(), [0]);
    let classes: Vec<_> = models.classes().collect();
    assert_eq!(classes, [("m.Request", &["n.Request".to_string()][..])]);
    assert_eq!(models.used_rows(), [0], "listing classes uses none");
    models.note_class_used("m.Request");
    assert!(models.sanitizer("m.clean").is_some());
    assert_eq!(models.used_rows(), [0, 1, 2]);
}

#[test]
fn rows_for_one_target_add_up_and_user_files_extend_the_shipped_ones() {
    let mut models = Models::load([(
        "a.toml",
        "[[sink]]\ntarget = \"m.f\"\nkind = \"xss\"\narg = { position = 0 }\n[[sink]]\ntarget = \"m.f\"\nkind = \"ssti\"\narg = { keyword = \"source\" }\nwhen = { keyword = \"safe\", absent = true }\n",
    )])
    .unwrap();
    assert_eq!(models.sinks("m.f").len(), 2);
    models
        .add_file(
            "b.toml",
            "[[sanitizer]]\ntarget = \"m.clean\"\nkinds = [\"xss\", \"path-normalized\"]\n",
        )
        .unwrap();
    assert!(models.sanitizer("m.clean").is_some());
    assert_eq!(models.rows()[2].file, "b.toml");
    assert!(models.mentions_module("m"));
}
