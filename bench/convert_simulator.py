#!/usr/bin/env python3
"""Convert the Bitrix24 REST docs simulator spec into a b24-spec spec folder.

The simulator spec (``b24-rest-docs/simulator-spec``, MIT) describes 1,562 REST methods with
their parameters, a result example and a list of returned fields. This script turns it into the
YAML format of ``spec/`` so the code generator and the compiler can be measured at scale:

    python3 bench/convert_simulator.py ../shared/reference/b24-rest-docs/simulator-spec \\
        --out /tmp/scale-spec [--limit N] [--keep-unusable-names] [--exclude METHOD ...]

Output: ``OUT/methods/<method>.yaml`` (one per method) and ``OUT/shared/`` (a copy of the
repository's ``spec/shared/*.yaml``, for the ``time`` object and the system errors). The output
folder is replaced. Standard library only; the output is deterministic (same input, same bytes).

Mapping, in short:

* params: the simulator's ``base`` type picks ours (integer/int → ``integer``, or ``id`` when
  the name ends in ``ID``/``Id``; string/char/text → ``string``; boolean → ``boolean``;
  number/double/float → ``number``; datetime/date → ``string``; anything else → ``json``).
  Parameters whose names are not plain identifiers (``fields.CONTACT_ID``,
  ``employees[].userId``, ``UF_...``) are parse artefacts of nested tables and are dropped.
* result: inferred from ``resultExample.result``. Objects become inline structs (every field
  ``required: false``); objects whose keys cannot be Rust fields (numeric keys, ``-``, ``.``,
  Cyrillic, duplicates after snake_case) become ``json``; arrays take the join of all their
  elements; ``null`` makes the type nullable; depth beyond 6 becomes ``json``. Methods without an
  example fall back to the ``returns`` entry named ``result`` (object/array → ``json``).
* text: the source is Russian, so ``en`` and ``ru`` carry the same text; an empty text becomes
  ``(no description)``.

Methods whose names cannot become our Rust module/type names are skipped (with the reason
printed), unless ``--keep-unusable-names`` is given, which writes them anyway so the validator's
own diagnostics can be seen.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path

PLACEHOLDER = "(no description)"
MAX_DEPTH = 6

# Mirrors codegen/src/naming.rs and codegen/src/validate.rs.
KEYWORDS = frozenset(
    """as break const continue crate else enum extern false fn for if impl in let loop match mod
    move mut pub ref return self Self static struct super trait true type unsafe use where while
    async await dyn abstract become box do final macro override priv typeof unsized virtual yield
    try gen""".split()
)
RESERVED_FIELDS = frozenset({"extra"})
RESERVED_TYPES = frozenset(
    {"Option", "Some", "None", "Result", "Ok", "Err", "Vec", "String", "Box", "rt"}
)
IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
WIRE_PARAM_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
METHOD_RE = re.compile(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+\Z")
I64_MIN, I64_MAX = -(2**63), 2**63 - 1


# ---------------------------------------------------------------------------------------------
# Naming: a faithful port of heck 0.5's word splitting (used by the codegen's `snake`/`camel`).


def _words(s: str) -> list[str]:
    out: list[str] = []
    for word in re.split(r"[^\w]|_", s):
        # `\w` minus `_` approximates Rust's `char::is_alphanumeric` (exact for ASCII).
        if not word:
            continue
        init = 0
        mode = "boundary"
        n = len(word)
        for i, c in enumerate(word):
            if i + 1 < n:
                nxt = word[i + 1]
                if c.islower():
                    next_mode = "lower"
                elif c.isupper():
                    next_mode = "upper"
                else:
                    next_mode = mode
                if next_mode == "lower" and nxt.isupper():
                    out.append(word[init : i + 1])
                    init = i + 1
                    mode = "boundary"
                elif mode == "upper" and c.isupper() and nxt.islower():
                    out.append(word[init:i])
                    init = i
                    mode = "boundary"
                else:
                    mode = next_mode
            else:
                out.append(word[init:])
    return out


def snake(s: str) -> str:
    """heck's `to_snake_case`."""
    return "_".join(w.lower() for w in _words(s))


def camel(s: str) -> str:
    """heck's `to_upper_camel_case`."""
    return "".join(w[:1].upper() + w[1:].lower() for w in _words(s))


def is_identifier(s: str) -> bool:
    return bool(IDENT_RE.match(s)) and s != "_"


def usable_type_name(s: str) -> bool:
    return (
        is_identifier(s)
        and s not in KEYWORDS
        and s not in RESERVED_TYPES
        and camel(s) == s
    )


def field_rust_name(wire: str) -> tuple[str, str | None] | None:
    """(rust name, explicit rust_name or None) for a wire name, or None when it cannot be one."""
    if not wire.isascii():
        return None
    name = snake(wire)
    if not is_identifier(name):
        return None
    if name in KEYWORDS or name in RESERVED_FIELDS:
        return name + "_value", name + "_value"
    return name, None


# ---------------------------------------------------------------------------------------------
# YAML output: every string is a JSON string, which is a valid YAML double-quoted scalar once
# the few characters YAML does not allow raw (C1 controls, line/paragraph separators, BOM,
# non-characters, lone surrogates) are escaped too.

_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def q(s: str) -> str:
    out = json.dumps(s, ensure_ascii=False)

    def esc(m: re.Match[str]) -> str:
        c = m.group(0)
        if 0xD800 <= ord(c) <= 0xDFFF:
            return "\\uFFFD"
        return "\\u%04X" % ord(c)

    return _YAML_UNSAFE.sub(esc, out)


def clean_text(s: object) -> str:
    if not isinstance(s, str):
        return PLACEHOLDER
    s = " ".join(s.split())
    return s if s else PLACEHOLDER


class Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def line(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + text)

    def text(self, indent: int, key: str, value: str) -> None:
        v = q(clean_text(value))
        self.line(indent, f"{key}: {{en: {v}, ru: {v}}}")

    def render(self) -> str:
        return "\n".join(self.lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Type inference from examples.


def kind(v: object) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int" if I64_MIN <= v <= I64_MAX else "float"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    if isinstance(v, list):
        return "arr"
    return "obj"


class MethodNames:
    """Type names used in one generated module."""

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.used = {marker, marker + "Error", marker + "Params", marker + "Result"}

    def pick(self, base: str, parent: str) -> str | None:
        candidates = []
        if base:
            candidates.append(base)
            candidates.append(parent + base)
        else:
            candidates.append(parent + "Value")
        for c in list(candidates):
            for n in range(2, 100):
                candidates.append(f"{c}{n}")
        for c in candidates:
            if usable_type_name(c) and c not in self.used:
                self.used.add(c)
                return c
        return None


class Stats:
    def __init__(self) -> None:
        self.notes: Counter[str] = Counter()


class Inference:
    def __init__(self, names: MethodNames, field_docs: dict[str, str], stats: Stats) -> None:
        self.names = names
        self.field_docs = field_docs
        self.stats = stats

    def infer(self, samples: list, base: str, parent: str, depth: int, root: bool = False) -> dict:
        """A TypeSpec (as a dict) for the values in `samples`.

        `base` is the UpperCamelCase stem for a struct name; `root` marks the method's result,
        whose struct name is left to the validator's default (`<Marker>Result`).
        """
        nullable = any(v is None for v in samples)
        values = [v for v in samples if v is not None]
        kinds = {kind(v) for v in values}
        if kinds == {"int", "float"}:
            kinds = {"float"}
        if not kinds or len(kinds) > 1:
            if len(kinds) > 1:
                self.stats.notes["mixed JSON kinds in one position → json"] += 1
            return {"type": "json", "nullable": nullable}
        (k,) = kinds
        if k in ("obj", "arr") and depth > MAX_DEPTH:
            self.stats.notes[f"nesting deeper than {MAX_DEPTH} → json"] += 1
            return {"type": "json", "nullable": nullable}
        if k == "bool":
            spec = {"type": "boolean"}
        elif k == "int":
            spec = {"type": "integer"}
        elif k == "float":
            spec = {"type": "number"}
        elif k == "str":
            spec = {"type": "string"}
        elif k == "arr":
            elems = [e for v in values for e in v]
            if not elems:
                items = {"type": "json", "nullable": False}
            else:
                items = self.infer(elems, base + "Item", parent, depth + 1)
            spec = {"type": "array", "items": items}
        else:
            spec = self.object(values, base, parent, depth, root)
        spec["nullable"] = nullable
        return spec

    def object(self, values: list[dict], base: str, parent: str, depth: int, root: bool) -> dict:
        keys: list[str] = []
        seen: set[str] = set()
        for v in values:
            for key in v:
                if key not in seen:
                    seen.add(key)
                    keys.append(key)
        if not keys:
            self.stats.notes["empty object → json"] += 1
            return {"type": "json"}
        rust_seen: set[str] = set()
        names: list[tuple[str, str | None]] = []
        for key in keys:
            r = field_rust_name(key)
            if r is None or r[0] in rust_seen:
                self.stats.notes["object with map-like keys → json"] += 1
                return {"type": "json"}
            rust_seen.add(r[0])
            names.append(r)
        if root:
            struct = None
            me = self.names.marker + "Result"
        else:
            struct = self.names.pick(base, parent)
            if struct is None:
                self.stats.notes["no free struct name → json"] += 1
                return {"type": "json"}
            me = struct
        fields = []
        for key, (_rust, explicit) in zip(keys, names):
            samples = [v[key] for v in values if key in v]
            ty = self.infer(samples, camel(key), me, depth + 1)
            fields.append((key, explicit, ty))
        spec = {"type": "object", "fields": fields}
        if struct is not None:
            spec["struct"] = struct
        return spec


def write_type(w: Writer, indent: int, spec: dict, field_docs: dict[str, str]) -> None:
    """The keys of a TypeSpec/Field body (type, struct, nullable, items, fields)."""
    w.line(indent, f"type: {q(spec['type'])}")
    if "struct" in spec:
        w.line(indent, f"struct: {q(spec['struct'])}")
    if spec.get("nullable"):
        w.line(indent, "nullable: true")
    if spec["type"] == "array":
        w.line(indent, "items:")
        write_type(w, indent + 2, spec["items"], field_docs)
    if spec["type"] == "object":
        w.line(indent, "fields:")
        for key, explicit, ty in spec["fields"]:
            w.line(indent + 2, f"- name: {q(key)}")
            if explicit:
                w.line(indent + 4, f"rust_name: {q(explicit)}")
            w.line(indent + 4, "required: false")
            w.text(indent + 4, "description", field_docs.get(key, PLACEHOLDER))
            write_type(w, indent + 4, ty, field_docs)


# ---------------------------------------------------------------------------------------------
# Parameters.

SCALARS = {
    "integer": "integer",
    "int": "integer",
    "string": "string",
    "char": "string",
    "text": "string",
    "boolean": "boolean",
    "bool": "boolean",
    "number": "number",
    "double": "number",
    "float": "number",
    "datetime": "string",
    "date": "string",
}


def param_type(p: dict) -> str:
    base = str(p.get("base") or "").lower()
    ty = str(p.get("type") or "").lower()
    ours = SCALARS.get(base) or SCALARS.get(ty) or "json"
    name = str(p.get("name", ""))
    if ours == "integer" and (name.endswith("ID") or name.endswith("Id")):
        return "id"
    return ours


# ---------------------------------------------------------------------------------------------
# One method.


class Skip(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def crate_root_names(lib_rs: Path) -> set[str]:
    """Type-namespace names at the root of the b24-spec crate that a generated top-level module
    would collide with: its own modules, single-name re-exports, `b24_spec` itself, and the
    generated `common` module. The validator does not know about these (a codegen limitation),
    so the converter reports them instead of producing code that cannot compile."""
    names = {"common", "b24_spec"}
    try:
        text = lib_rs.read_text(encoding="utf-8")
    except OSError:
        return names
    names.update(re.findall(r"^(?:pub(?:\([^)]*\))?\s+)?mod\s+([A-Za-z_]\w*)", text, re.M))
    names.update(re.findall(r"^(?:pub(?:\([^)]*\))?\s+)?use\s+([A-Za-z_]\w*)\s*;", text, re.M))
    return names


def method_names(name: str, root_names: set[str]) -> tuple[list[str], str]:
    """The module path and marker the codegen derives, or Skip when they are unusable."""
    if not METHOD_RE.match(name):
        raise Skip("not a REST method name")
    first, *rest = name.split(".")
    rest_joined = "_".join(rest)
    module = [snake(first), snake(rest_joined)]
    for part in module:
        if not is_identifier(part) or part in KEYWORDS:
            raise Skip("module name not usable", f"`{part}`")
    if module[0] in root_names:
        raise Skip("top-level module collides with a crate-root item of b24-spec (codegen limitation)",
                   f"`{module[0]}`")
    marker = camel(rest_joined)
    if marker in RESERVED_TYPES:
        raise Skip("marker type name reserved by generated code", f"`{marker}`")
    return module, marker


def convert_method(d: dict, stats: Stats, marker: str) -> str:
    name = d["method"]
    w = Writer()
    w.line(0, f"# {name}: converted by bench/convert_simulator.py from b24-rest-docs/simulator-spec (MIT).")
    w.line(0, f"method: {q(name)}")
    scope = d.get("scope")
    if not isinstance(scope, str) or not scope.strip():
        stats.notes["scope missing → \"(unknown)\""] += 1
        scope = "(unknown)"
    w.line(0, f"scope: {q(scope.strip())}")
    w.text(0, "title", d.get("title"))
    # Every method names its official pages; the simulator gives the ru repository's path, which
    # the en repository mostly shares. A method without one gets a path of its own (pages must
    # not be shared by two methods).
    src_file = (d.get("source") or {}).get("file") if isinstance(d.get("source"), dict) else None
    page = src_file if isinstance(src_file, str) and src_file.endswith(".md") else f"api-reference/unknown/{name}.md"
    w.line(0, f"pages: {{en: {q(page)}, ru: {q(page)}}}")
    w.text(0, "access", d.get("permissions"))
    w.text(0, "description", d.get("title"))
    src = d.get("source") or {}
    sources = []
    if isinstance(src, dict) and isinstance(src.get("file"), str):
        sources.append("b24-rest-docs/" + src["file"])
    if isinstance(d.get("page"), str):
        sources.append(d["page"])
    if sources:
        w.line(0, "sources:")
        for s in sources:
            w.line(2, f"- {q(s)}")
    notes = [f"Generated from the simulator spec (confidence: {d.get('confidence', 'unknown')}); result types are inferred from one example."]
    if d.get("deprecated"):
        notes.append("Marked deprecated in the documentation.")

    # Parameters.
    params = []
    rust_seen: set[str] = set()
    wire_seen: set[str] = set()
    for p in d.get("params") or []:
        wire = p.get("name")
        if not isinstance(wire, str) or not WIRE_PARAM_RE.match(wire):
            stats.notes["param with a non-identifier name dropped"] += 1
            continue
        if wire in wire_seen:
            stats.notes["duplicate param dropped"] += 1
            continue
        wire_seen.add(wire)
        r = field_rust_name(wire)
        if r is None:
            rust, explicit = "p_" + wire.lower(), "p_" + wire.lower()
        else:
            rust, explicit = r
        if rust in rust_seen:
            for n in range(2, 100):
                if f"{rust}_{n}" not in rust_seen:
                    rust = explicit = f"{rust}_{n}"
                    break
            stats.notes["param rust_name disambiguated"] += 1
        rust_seen.add(rust)
        params.append((wire, explicit, param_type(p), bool(p.get("required")), p.get("description")))

    # Result.
    returns = [r for r in d.get("returns") or [] if isinstance(r, dict)]
    field_docs: dict[str, str] = {}
    result_doc = None
    for r in returns:
        n = r.get("name")
        if not isinstance(n, str):
            continue
        if n == "result" and result_doc is None:
            result_doc = r.get("description")
        elif n not in field_docs and isinstance(r.get("description"), str):
            field_docs[n] = r["description"]
    example = d.get("resultExample")
    names = MethodNames(marker)
    inf = Inference(names, field_docs, stats)
    source_of_result = None
    if isinstance(example, dict) and "result" in example:
        result = inf.infer([example["result"]], marker + "Result", marker, 1, root=True)
        source_of_result = "example"
    elif isinstance(example, list):
        stats.notes["example is a bare list: used as the result"] += 1
        result = inf.infer([example], marker + "Result", marker, 1, root=True)
        source_of_result = "example"
    elif isinstance(example, dict) and "error" not in example and any(
        k not in ("time", "total", "next") for k in example
    ):
        stats.notes["example without `result` key: body minus envelope keys used as the result"] += 1
        body = {k: v for k, v in example.items() if k not in ("time", "total", "next")}
        result = inf.infer([body], marker + "Result", marker, 1, root=True)
        source_of_result = "example"
    else:
        ret = next((r for r in returns if r.get("name") == "result"), None)
        if ret is not None:
            stats.notes["no usable example: result type from `returns`"] += 1
            ty = param_type({"base": ret.get("base"), "type": ret.get("type"), "name": ""})
            if ty == "id":
                ty = "integer"
            result = {"type": ty, "nullable": ty == "json"}
        else:
            stats.notes["no example and no `returns`: result is json"] += 1
            result = {"type": "json", "nullable": True}
    if source_of_result != "example":
        notes.append("No result example in the source; the result type is a guess.")

    w.line(0, "notes:")
    for n in notes:
        w.line(2, f"- {q(n)}")
    if params:
        w.line(0, "params:")
        for wire, explicit, ty, required, desc in params:
            w.line(2, f"- name: {q(wire)}")
            if explicit:
                w.line(4, f"rust_name: {q(explicit)}")
            w.line(4, f"type: {q(ty)}")
            if required:
                w.line(4, "required: true")
            w.text(4, "description", desc)
    w.line(0, "result:")
    write_type(w, 2, result, field_docs)
    # Pages need a result description: the source's, or the placeholder other texts use.
    w.text(2, "description", result_doc if result_doc is not None else PLACEHOLDER)
    return w.render()


# ---------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("simulator", type=Path, help="path to b24-rest-docs/simulator-spec")
    ap.add_argument("--out", type=Path, default=Path("/tmp/scale-spec"), help="spec folder to write (replaced)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N methods in index order")
    ap.add_argument("--keep-unusable-names", action="store_true",
                    help="write methods whose names the codegen cannot use, to see its diagnostics")
    ap.add_argument("--exclude", action="append", default=[], metavar="METHOD",
                    help="leave this method out (repeatable)")
    ap.add_argument("--quiet", action="store_true", help="print only the one-line summary")
    args = ap.parse_args()

    sim: Path = args.simulator
    index_path = sim / "index.json"
    if not index_path.is_file():
        print(f"error: {index_path} not found; pass the simulator-spec folder", file=sys.stderr)
        return 2
    repo = Path(__file__).resolve().parent.parent
    shared_src = repo / "spec" / "shared"
    shared_files = sorted(shared_src.glob("*.yaml"))
    if not shared_files:
        print(f"error: no YAML files in {shared_src}", file=sys.stderr)
        return 2

    index = json.loads(index_path.read_text(encoding="utf-8"))
    entries = index.get("methods", [])
    if args.limit is not None:
        entries = entries[: max(args.limit, 0)]

    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    (out / "methods").mkdir(parents=True)
    (out / "shared").mkdir()
    for f in shared_files:
        shutil.copyfile(f, out / "shared" / f.name)

    root_names = crate_root_names(repo / "src" / "lib.rs")
    stats = Stats()
    skipped: dict[str, list[str]] = defaultdict(list)
    modules: dict[tuple[str, ...], str] = {}
    converted = 0
    for entry in entries:
        name = entry.get("method") if isinstance(entry, dict) else None
        if not isinstance(name, str):
            skipped["index entry without a method name"].append(repr(entry)[:60])
            continue
        if name in args.exclude:
            skipped["excluded with --exclude"].append(name)
            continue
        try:
            try:
                module, marker = method_names(name, root_names)
                other = modules.get(tuple(module))
                if other is not None:
                    raise Skip("same Rust module as another method", f"`{'::'.join(module)}` (also `{other}`)")
            except Skip as s:
                if not args.keep_unusable_names or s.reason == "not a REST method name":
                    raise
                module, marker = [name], camel(name.replace(".", "_"))
            path = sim / "methods" / f"{name}.json"
            try:
                d = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                raise Skip("method file unreadable", str(e)) from None
            if d.get("method") != name:
                raise Skip("method file names another method", str(d.get("method")))
            text = convert_method(d, stats, marker)
        except Skip as s:
            skipped[s.reason].append(f"{name} {s.detail}".strip())
            continue
        modules.setdefault(tuple(module), name)
        (out / "methods" / f"{name}.yaml").write_text(text, encoding="utf-8")
        converted += 1

    total_skipped = sum(len(v) for v in skipped.values())
    print(f"converted {converted} of {len(entries)} methods into {out} ({total_skipped} skipped)")
    if not args.quiet:
        for reason in sorted(skipped):
            items = skipped[reason]
            print(f"  skipped, {reason}: {len(items)}")
            for item in items:
                print(f"    {item}")
        if stats.notes:
            print("  conversion notes (counts):")
            for note, count in sorted(stats.notes.items()):
                print(f"    {count:6d}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
