"""Independent reference for Moat's OSV matching, using Python's `packaging`.

Usage: python3 osv_reference.py OSV.zip OUT.tsv [COUNT]

Writes COUNT (default 1000) lines `name<TAB>version<TAB>ids`, where `ids` lists the
preferred ids (GHSA, then PYSEC, then CVE, then others; ties by text) of the merged
vulnerabilities affecting that version, comma-separated and sorted, per the OSV schema's
evaluation rules. Queries are drawn with a fixed seed from the versions the advisories
mention plus a few versions no advisory mentions. Range events whose version `packaging`
cannot parse are skipped; listed versions it cannot parse match by exact text.
"""

import json
import random
import re
import sys
import zipfile

try:
    from packaging.version import InvalidVersion, Version
except ImportError:  # pip ships its own copy, so a bare Python with pip can run this too
    from pip._vendor.packaging.version import InvalidVersion, Version


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def parse(text):
    try:
        return Version(text.strip())
    except InvalidVersion:
        return None


def preference(identifier):
    for rank, prefix in enumerate(("GHSA-", "PYSEC-", "CVE-")):
        if identifier.startswith(prefix):
            return (rank, identifier)
    return (3, identifier)


def in_range(events, version):
    parsed = []
    for event in events:
        ((kind, text),) = event.items()
        if kind == "introduced" and text == "0":
            parsed.append((None, 0, kind))
            continue
        value = parse(text)
        if value is not None:
            order = {"introduced": 0, "last_affected": 1, "fixed": 2, "limit": 3}[kind]
            parsed.append((value, order, kind))
    parsed.sort(key=lambda e: ((0,) if e[0] is None else (1, e[0]), e[1]))
    affected = False
    limits = [v for v, _, k in parsed if k == "limit"]
    for value, _, kind in parsed:
        if kind == "introduced" and (value is None or version >= value):
            affected = True
        elif kind == "fixed" and version >= value:
            affected = False
        elif kind == "last_affected" and version > value:
            affected = False
    return affected and (not limits or any(version < l for l in limits))


def main():
    archive, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    records = []
    with zipfile.ZipFile(archive) as z:
        for name in sorted(z.namelist()):
            if name.lower().endswith(".json"):
                record = json.loads(z.read(name))
                if "withdrawn" not in record:
                    records.append(record)

    parent = list(range(len(records)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner = {}
    for i, record in enumerate(records):
        for identifier in [record["id"], *record.get("aliases", [])]:
            if identifier in owner:
                a, b = find(i), find(owner[identifier])
                parent[max(a, b)] = min(a, b)
            else:
                owner[identifier] = i
    ids_of_group = {}
    for i, record in enumerate(records):
        ids_of_group.setdefault(find(i), set()).update([record["id"], *record.get("aliases", [])])
    preferred = {root: min(ids, key=preference) for root, ids in ids_of_group.items()}

    by_package = {}
    for i, record in enumerate(records):
        for affected in record.get("affected", []):
            if affected["package"]["ecosystem"] != "PyPI":
                continue
            by_package.setdefault(normalise(affected["package"]["name"]), []).append((i, affected))

    def matches(name, text):
        version = parse(text)
        found = set()
        for i, affected in by_package.get(name, []):
            listed = affected.get("versions", [])
            hit = text in listed or (
                version is not None and any(parse(v) == version for v in listed if parse(v) is not None)
            )
            if not hit and version is not None:
                hit = any(
                    in_range(r["events"], version)
                    for r in affected.get("ranges", [])
                    if r["type"] in ("ECOSYSTEM", "SEMVER")
                )
            if hit:
                found.add(preferred[find(i)])
        return sorted(found)

    rng = random.Random(20241010)
    names = sorted(by_package)
    lines = []
    while len(lines) < count:
        name = rng.choice(names)
        mentioned = sorted(
            {v for _, a in by_package[name] for v in a.get("versions", [])}
            | {
                t
                for _, a in by_package[name]
                for r in a.get("ranges", [])
                if r["type"] == "ECOSYSTEM"
                for e in r["events"]
                for t in e.values()
                if t != "0"
            }
        )
        text = rng.choice(mentioned + ["0.0.1", "9999.0"]) if mentioned else "1.0"
        lines.append(f"{name}\t{text}\t{','.join(matches(name, text))}\n")
    with open(out, "w") as f:
        f.writelines(lines)


if __name__ == "__main__":
    main()
