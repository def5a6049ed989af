#!/usr/bin/env python3
"""Per-crate size breakdown of a wasm module (Python 3 stdlib only).

Usage: python3 scripts/wasm-size.py path/to/module.wasm

Give it the cargo output (e.g. <target-dir>/wasm32-unknown-unknown/release-wasm/jz_wasm.wasm),
which still has its "name" custom section; wasm-bindgen's output has none, so every
function would land in "(other)".

Each code-section function body (its size prefix plus body bytes) is attributed to the
crate named by the function's first path segment (legacy `_ZN...`, v0 `_R...`, or an
already demangled `a::b::c` name); core/alloc/std (and compiler_builtins, panic_*) count
as "std"; unnamed or unparsable functions go to "(other)". The data section gets its own
row; everything else (header, other sections, code-section header and count) goes to
"other sections". The rows add up to the file size.
"""
import re
import sys

STD_CRATES = {"core", "alloc", "std", "compiler_builtins", "panic_abort", "panic_unwind",
              "std_detect", "rustc_std_workspace_core", "dlmalloc", "__rustc"}
PRIMITIVES = {"u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128",
              "isize", "f32", "f64", "bool", "char", "str", "!", "()"}


class Reader:
    def __init__(self, data, pos=0, end=None):
        self.d = data
        self.p = pos
        self.end = len(data) if end is None else end

    def byte(self):
        if self.p >= self.end:
            raise ValueError("unexpected end of data at offset %d" % self.p)
        b = self.d[self.p]
        self.p += 1
        return b

    def uleb(self):
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result

    def bytes(self, n):
        if self.p + n > self.end:
            raise ValueError("unexpected end of data at offset %d" % self.p)
        b = self.d[self.p:self.p + n]
        self.p += n
        return b

    def name(self):
        return self.bytes(self.uleb()).decode("utf-8", "replace")


def skip_limits(r):
    flags = r.byte()
    r.uleb()
    if flags & 0x01:
        r.uleb()
    if flags & 0x08:  # custom page size (proposal)
        r.uleb()


def count_func_imports(r):
    n = 0
    for _ in range(r.uleb()):
        r.name()
        r.name()
        kind = r.byte()
        if kind == 0:  # func
            r.uleb()
            n += 1
        elif kind == 1:  # table
            rt = r.byte()
            if rt in (0x63, 0x64):  # (ref null? ht)
                r.uleb()
            skip_limits(r)
        elif kind == 2:  # memory
            skip_limits(r)
        elif kind == 3:  # global
            vt = r.byte()
            if vt in (0x63, 0x64):
                r.uleb()
            r.byte()
        elif kind == 4:  # tag
            r.byte()
            r.uleb()
        else:
            raise ValueError("unknown import kind %d" % kind)
    return n


def parse_function_names(r):
    names = {}
    while r.p < r.end:
        sub_id = r.byte()
        size = r.uleb()
        sub_end = r.p + size
        if sub_id == 1:
            s = Reader(r.d, r.p, sub_end)
            for _ in range(s.uleb()):
                idx = s.uleb()
                names[idx] = s.name()
        r.p = sub_end
    return names


def parse(data):
    if data[:4] != b"\0asm":
        raise ValueError("not a wasm module (bad magic)")
    r = Reader(data, 8)
    sections = []  # (id, custom name, start offset, content start, end)
    func_imports = 0
    bodies = []  # byte size of each body incl. its size prefix
    names = {}
    while r.p < len(data):
        start = r.p
        sid = r.byte()
        size = r.uleb()
        cstart = r.p
        end = cstart + size
        if end > len(data):
            raise ValueError("section %d at offset %d overruns the file" % (sid, start))
        cname = None
        if sid == 0:
            cname = Reader(data, cstart, end).name()
            if cname == "name":
                nr = Reader(data, cstart, end)
                nr.name()
                try:
                    names = parse_function_names(nr)
                except ValueError as e:
                    print("warning: bad name section: %s" % e, file=sys.stderr)
        elif sid == 2:
            func_imports = count_func_imports(Reader(data, cstart, end))
        elif sid == 10:
            cr = Reader(data, cstart, end)
            for _ in range(cr.uleb()):
                b0 = cr.p
                n = cr.uleb()
                cr.p += n
                bodies.append(cr.p - b0)
            if cr.p != end:
                raise ValueError("code section size mismatch")
        sections.append((sid, cname, start, cstart, end))
        r.p = end
    return sections, func_imports, bodies, names


LEGACY_ESCAPES = [("$LT$", "<"), ("$GT$", ">"), ("$RF$", "&"), ("$BP$", "*"), ("$C$", ","),
                  ("$SP$", "@"), ("$u20$", " "), ("$u27$", "'"), ("$u5b$", "["),
                  ("$u5d$", "]"), ("$u7b$", "{"), ("$u7d$", "}"), ("$u3b$", ";"),
                  ("$u2b$", "+"), ("$u22$", '"'), ("$u7e$", "~"), ("$u21$", "!"), ("..", "::")]


def unescape_legacy(s):
    for a, b in LEGACY_ESCAPES:
        s = s.replace(a, b)
    if s.startswith("_") and len(s) > 1 and s[1] in "<&*[":
        s = s[1:]
    return s


def demangle_legacy_first(sym):
    """`_ZN8calamine4xlsx..E` -> list of path segments (unescaped)."""
    i = sym.find("_ZN")
    i += 3
    segs = []
    while i < len(sym) and sym[i].isdigit():
        j = i
        while j < len(sym) and sym[j].isdigit():
            j += 1
        n = int(sym[i:j])
        segs.append(unescape_legacy(sym[j:j + n]))
        i = j + n
    return segs


def crate_of_path(text):
    """Crate of a demangled path such as `a::b`, `<a::T as b::Tr>::f`, `<&T as ..>`."""
    t = text.strip()
    if t.startswith("<"):
        inner, depth = [], 0
        for k, ch in enumerate(t):
            if ch == "<":
                depth += 1
            elif ch == ">":
                depth -= 1
                if depth == 0:
                    inner = t[1:k]
                    break
        if not inner:
            inner = t[1:]
        # split "<Self as Trait>" at the top-level " as "
        depth, self_part, trait_part = 0, inner, None
        for k in range(len(inner)):
            ch = inner[k]
            if ch in "<[(":
                depth += 1
            elif ch in ">])":
                depth -= 1
            elif depth == 0 and inner.startswith(" as ", k):
                self_part, trait_part = inner[:k], inner[k + 4:]
                break
        c = crate_of_type(self_part)
        if c is None and trait_part is not None:
            c = crate_of_path(trait_part)
        return c
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", t)
    if not m:
        return None
    if "::" not in t and not t.startswith(m.group(0) + "::"):
        return None
    return m.group(0)


def crate_of_type(t):
    t = t.strip()
    while True:
        for p in ("&mut ", "&", "*const ", "*mut ", "mut ", "dyn ", "[", "(", "impl "):
            if t.startswith(p):
                t = t[len(p):].lstrip()
                break
        else:
            break
    if t.startswith("<"):
        return crate_of_path(t)
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", t)
    if not m or m.group(0) in PRIMITIVES:
        return None
    if not t.startswith(m.group(0) + "::"):
        return None
    return m.group(0)


def v0_crate(sym):
    """First crate root (`C [s<base62>_] <len>[_]ident`) reached in a v0 symbol."""
    i = sym.find("_R") + 2
    while i < len(sym) and sym[i].isdigit():  # encoding version
        i += 1
    # skip path prefixes N<ns>, M/X/Y (optional disambiguator), I (generic args)
    while i < len(sym):
        c = sym[i]
        if c == "N":
            i += 2
        elif c in "MXY":
            i += 1
            if c != "Y" and i < len(sym) and sym[i] == "s":
                i = sym.index("_", i) + 1
        elif c == "I":
            i += 1
        elif c == "C":
            i += 1
            if i < len(sym) and sym[i] == "s":
                i = sym.index("_", i) + 1
            punycode = i < len(sym) and sym[i] == "u"
            if punycode:
                i += 1
            j = i
            while j < len(sym) and sym[j].isdigit():
                j += 1
            if j == i:
                return None
            n = int(sym[i:j])
            if j < len(sym) and sym[j] == "_":
                j += 1
            return sym[j:j + n]
        else:
            return None
    return None


def crate_of(name):
    if not name:
        return "(other)"
    crate = None
    try:
        if "_ZN" in name[:8]:
            segs = demangle_legacy_first(name)
            if segs:
                crate = crate_of_path("::".join(segs)) if segs[0].startswith("<") else segs[0]
        elif name.startswith("_R") or name.startswith("__R"):
            crate = v0_crate(name)
        else:
            crate = crate_of_path(name)
    except (ValueError, IndexError):
        crate = None
    if crate is None:
        return "(other)"
    if crate in STD_CRATES:
        return "std"
    return crate


def main():
    if len(sys.argv) != 2:
        print("usage: %s FILE.wasm" % sys.argv[0], file=sys.stderr)
        return 2
    data = open(sys.argv[1], "rb").read()
    sections, func_imports, bodies, names = parse(data)
    if not names:
        print("warning: no function names (name section missing); all code is \"(other)\"",
              file=sys.stderr)
    per_crate = {}
    for k, size in enumerate(bodies):
        c = crate_of(names.get(func_imports + k))
        per_crate[c] = per_crate.get(c, 0) + size
    code_total = sum(bodies)
    data_total = sum(end - start for sid, _, start, _, end in sections if sid == 11)
    total = len(data)
    rest = total - code_total - data_total

    def pct(n):
        return "%.2f" % (100.0 * n / total) if total else "0.00"

    print("| crate | code bytes | share % |")
    print("|---|---:|---:|")
    for c, n in sorted(per_crate.items(), key=lambda kv: (-kv[1], kv[0])):
        print("| %s | %d | %s |" % (c, n, pct(n)))
    print("| (data section) | %d | %s |" % (data_total, pct(data_total)))
    print("| (other sections) | %d | %s |" % (rest, pct(rest)))
    print("| **total** | **%d** | **100.00** |" % total)
    if code_total + data_total + rest != total:
        print("error: rows do not add up to the file size", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
