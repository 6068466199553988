//! The model files shipped with Moat.

use crate::models::Models;

/// Every shipped model file, as `(file name, text)`.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("aiohttp.toml", include_str!("../models/aiohttp.toml")),
    ("dill.toml", include_str!("../models/dill.toml")),
    ("django.toml", include_str!("../models/django.toml")),
    ("fastapi.toml", include_str!("../models/fastapi.toml")),
    ("flask.toml", include_str!("../models/flask.toml")),
    (
        "flask_sqlalchemy.toml",
        include_str!("../models/flask_sqlalchemy.toml"),
    ),
    ("httpx.toml", include_str!("../models/httpx.toml")),
    ("jinja2.toml", include_str!("../models/jinja2.toml")),
    ("jsonpickle.toml", include_str!("../models/jsonpickle.toml")),
    ("ldap.toml", include_str!("../models/ldap.toml")),
    ("ldap3.toml", include_str!("../models/ldap3.toml")),
    ("lxml.toml", include_str!("../models/lxml.toml")),
    ("mako.toml", include_str!("../models/mako.toml")),
    ("markupsafe.toml", include_str!("../models/markupsafe.toml")),
    ("numpy.toml", include_str!("../models/numpy.toml")),
    ("psycopg.toml", include_str!("../models/psycopg.toml")),
    ("pymongo.toml", include_str!("../models/pymongo.toml")),
    ("pymysql.toml", include_str!("../models/pymysql.toml")),
    ("requests.toml", include_str!("../models/requests.toml")),
    (
        "rest_framework.toml",
        include_str!("../models/rest_framework.toml"),
    ),
    ("sqlalchemy.toml", include_str!("../models/sqlalchemy.toml")),
    ("stdlib.toml", include_str!("../models/stdlib.toml")),
    ("werkzeug.toml", include_str!("../models/werkzeug.toml")),
    ("yaml.toml", include_str!("../models/yaml.toml")),
];

/// The shipped models. They are checked by this crate's tests, so loading cannot fail.
pub fn builtin() -> Models {
    Models::load(EMBEDDED.iter().copied()).expect("the shipped models are valid")
}
