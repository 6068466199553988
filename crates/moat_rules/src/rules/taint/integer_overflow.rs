//! `integer-overflow`: an untrusted number is converted to a fixed-width integer (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted numbers to conversions into fixed-width integers that wrap or fail:
`ctypes.c_int` and the other `ctypes` integer types, `numpy.int32`/`int16`/`uint8`… and
`astype` to them, `struct.pack` with fixed-size formats, and `array.array` typecodes, where
the value then sizes a buffer, a count or an offset.

"#,
    super::untrusted_input_doc!(),
    r#"

A value checked against bounds first (`if 0 <= n <= MAX_ITEMS:`) or clamped with `min`/`max`
is not reported, nor is one that stays a Python `int`, which cannot overflow. Unlike for the
injection rules, `int()` does not make a value safe here: it is the number itself that is
too large. The finding carries its trace: the source, each step the value took (assignments,
calls and returns, across files) and the sink; the text output shows it under the code frame
and SARIF as `codeFlows`.

## Why is this bad?
Python integers never overflow, but fixed-width ones do: `numpy.int32(3_000_000_000)` wraps
to a negative number (or raises), `ctypes.c_uint8(256)` is `0`. A wrapped size allocates a
tiny buffer that native code then overruns, or passes a check and fails later.

## Example
```python
import ctypes
from flask import Flask, request

app = Flask(__name__)

@app.route("/thumbnail")
def thumbnail():
    width = ctypes.c_int(int(request.args["width"]))
    return render(width)
```

## Use instead
Check the range before the conversion:
```python
MAX_WIDTH = 4096

@app.route("/thumbnail")
def thumbnail():
    width = int(request.args["width"])
    if not 0 < width <= MAX_WIDTH:
        return "bad width", 400
    return render(ctypes.c_int(width))
```

## References
- CWE-190: Integer Overflow or Wraparound
- CWE-681: Incorrect Conversion between Numeric Types
- OWASP Top 10 2025: A10 Mishandling of Exceptional Conditions
"#
);

/// Metadata of `integer-overflow`.
pub static META: RuleMeta = RuleMeta {
    id: "integer-overflow",
    title: "Integer overflow: untrusted number in a fixed-width conversion",
    category: Category::Code,
    cwe: &[190, 681],
    // No 2025 category lists CWE-190; an unchecked out-of-range value is an unhandled
    // exceptional condition (A10).
    owasp: Owasp::A10MishandlingOfExceptionalConditions,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule. It has no syntax checks: the taint engine reports its findings.
pub const RULE: Rule = super::taint_rule_of(&META);
