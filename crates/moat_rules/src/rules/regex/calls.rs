//! Where a program hands a regular expression to a backtracking engine: `re` and `regex`
//! functions, Django validators and URL patterns, pydantic and marshmallow field patterns.
//! For each call: the constant pattern, its flags when they are known, and how it is
//! applied.

use crate::context::Context;
use moat_python::ast::{Expr, ExprCall, Operator};
use moat_regex::{Flags, MatchMode, PatternText};
use moat_semantic::Constant;

/// Modules whose import lets the regex rules run.
pub const MODULES: &[&str] = &["re", "regex", "django", "pydantic", "marshmallow"];

/// A constant pattern handed to a regex engine.
pub struct PatternUse<'a> {
    /// The expression holding the pattern.
    pub expr: &'a Expr,
    pub text: PatternText,
    /// `None` when a `flags` argument is present but not a known constant.
    pub flags: Option<Flags>,
    pub mode: MatchMode,
    /// pydantic v2's `pattern=`: matched by the linear-time Rust `regex` crate unless the
    /// model sets `regex_engine='python-re'` (or the pattern needs look-arounds).
    pub linear_engine_by_default: bool,
}

/// Where an `re`/`regex` function takes its pattern and flags.
struct Api {
    name: &'static str,
    /// Position of `flags` (the pattern is always first).
    flags_position: usize,
    mode: MatchMode,
}

const APIS: &[Api] = &[
    Api {
        name: "compile",
        flags_position: 1,
        mode: MatchMode::Match,
    },
    Api {
        name: "match",
        flags_position: 2,
        mode: MatchMode::Match,
    },
    Api {
        name: "fullmatch",
        flags_position: 2,
        mode: MatchMode::Fullmatch,
    },
    Api {
        name: "search",
        flags_position: 2,
        mode: MatchMode::Match,
    },
    Api {
        name: "sub",
        flags_position: 4,
        mode: MatchMode::Match,
    },
    Api {
        name: "subn",
        flags_position: 4,
        mode: MatchMode::Match,
    },
    Api {
        name: "split",
        flags_position: 3,
        mode: MatchMode::Match,
    },
    Api {
        name: "findall",
        flags_position: 2,
        mode: MatchMode::Match,
    },
    Api {
        name: "finditer",
        flags_position: 2,
        mode: MatchMode::Match,
    },
];

/// The pattern a call hands to a regex engine, if it is a constant.
pub fn pattern_use<'a>(
    ctx: &Context<'_, '_>,
    call: &'a ExprCall,
    callee: &str,
) -> Option<PatternUse<'a>> {
    let args = &call.arguments;
    let (expr, flags_expr, mode, linear) = if let Some(function) = callee
        .strip_prefix("re.")
        .or_else(|| callee.strip_prefix("regex."))
    {
        let api = APIS.iter().find(|api| api.name == function)?;
        let expr = args.find_argument_value("pattern", 0)?;
        let flags = args
            .find_keyword("flags")
            .map(|k| &k.value)
            .or_else(|| args.find_positional(api.flags_position));
        (expr, flags, api.mode, false)
    } else {
        match callee {
            "django.core.validators.RegexValidator" => (
                args.find_argument_value("regex", 0)?,
                args.find_keyword("flags").map(|k| &k.value),
                MatchMode::Match,
                false,
            ),
            "django.urls.re_path" | "django.conf.urls.url" => (
                args.find_argument_value("route", 0)?,
                None,
                MatchMode::Match,
                false,
            ),
            "marshmallow.validate.Regexp" => (
                args.find_argument_value("regex", 0)?,
                args.find_argument_value("flags", 1),
                MatchMode::Match,
                false,
            ),
            "pydantic.Field"
            | "pydantic.fields.Field"
            | "pydantic.constr"
            | "pydantic.types.constr" => match args.find_keyword("pattern") {
                Some(k) => (&k.value, None, MatchMode::Match, true),
                None => (
                    &args.find_keyword("regex")?.value,
                    None,
                    MatchMode::Match,
                    false,
                ),
            },
            _ => return None,
        }
    };
    let text = match ctx.constant(expr)? {
        Constant::Str(s) => PatternText::Str(s),
        Constant::Bytes(b) => PatternText::Bytes(b),
        _ => return None,
    };
    let flags = match flags_expr {
        None => Some(Flags::default()),
        Some(e) => flag_bits(ctx, e).map(Flags::from_bits),
    };
    Some(PatternUse {
        expr,
        text,
        flags,
        mode,
        linear_engine_by_default: linear,
    })
}

/// The value of a flags expression: integer constants, `re.I`/`re.IGNORECASE`-style names
/// (also `re.RegexFlag.I` and the `regex` module's) and `|` of those.
fn flag_bits(ctx: &Context<'_, '_>, expr: &Expr) -> Option<i128> {
    if let Expr::BinOp(op) = expr
        && matches!(op.op, Operator::BitOr | Operator::Add)
    {
        return Some(flag_bits(ctx, &op.left)? | flag_bits(ctx, &op.right)?);
    }
    if let Some(Constant::Int(i)) = ctx.constant(expr) {
        return Some(i);
    }
    let name = ctx.resolve(expr)?;
    let last = name.rsplit('.').next()?;
    if !(name.starts_with("re.") || name.starts_with("regex.")) {
        return None;
    }
    Some(match last {
        "I" | "IGNORECASE" => 2,
        "L" | "LOCALE" => 4,
        "M" | "MULTILINE" => 8,
        "S" | "DOTALL" => 16,
        "U" | "UNICODE" => 32,
        "X" | "VERBOSE" => 64,
        "A" | "ASCII" => 256,
        "NOFLAG" => 0,
        _ => return None,
    })
}
