"""Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in a README.

Shared by the bench scripts' reporters: `replace_section(readme, "findings", text)`
rewrites only what lies between the markers, or appends the markers and the text when the
file has none, so hand-written text around them survives every run.
"""


def replace_section(readme: str, name: str, text: str) -> None:
    """Writes `text` between the `name` markers of the file `readme`."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    with open(readme, encoding="utf-8") as f:
        body = f.read()
    if start in body and end in body:
        body = body[: body.index(start) + len(start)] + "\n" + text + "\n" + body[body.index(end):]
    else:
        body += f"\n{start}\n{text}\n{end}\n"
    with open(readme, "w", encoding="utf-8") as f:
        f.write(body)
