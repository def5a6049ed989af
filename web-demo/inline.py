#!/usr/bin/env python3
"""Makes the one-file offline page from web-demo/dist: the no-modules glues of both wasm
modules (check-only jz_wasm_check, full jz_wasm) and the worker go into a text/plain block
(started as a Blob worker), each wasm module as base64 (the worker decodes the full one
only on first use), the
style inline, the page's scripts (every <script src> between the SCRIPT markers of
index.html, in that order) joined into one inline script, and a CSP that allows exactly
those inline blocks (hashes).

usage: inline.py DIST_DIR OUT_HTML
"""
import base64
import hashlib
import re
import sys

dist, out = sys.argv[1], sys.argv[2]


def read(name):
    with open(f"{dist}/{name}", encoding="utf-8") as f:
        return f.read()


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def safe(text):
    if re.search(r"</(script|style)", text, re.I):
        raise SystemExit("inline.py: a file contains a closing script/style tag")
    return text


html = read("index.html")


def wasm64(name):
    with open(f"{dist}/{name}", "rb") as f:
        return base64.b64encode(f.read()).decode()


style = safe("\n" + read("style.css"))
scripts_block = re.search(r"<!--SCRIPT-->(.*?)<!--/SCRIPT-->", html, re.S)
if not scripts_block:
    raise SystemExit("inline.py: marker SCRIPT missing in index.html")
sources = re.findall(r'<script src="([^"]+)"></script>', scripts_block.group(1))
if not sources:
    raise SystemExit("inline.py: no <script src> between the SCRIPT markers")
app = safe("\n" + "\n".join(f"// ---- {name}\n" + read(name) for name in sources))
worker = safe(
    read("jz_wasm_check.js")
    + "\n"
    + read("jz_wasm.js")
    + f"\nself.JZ_CHECK_BASE64 = '{wasm64('jz_wasm_check_bg.wasm')}';"
    + f"\nself.JZ_WRITER_BASE64 = '{wasm64('jz_wasm_bg.wasm')}';\n"
    + read("worker.js")
)
csp = (
    "default-src 'none'; "
    f"script-src {sha(app)} 'wasm-unsafe-eval'; "
    f"style-src {sha(style)}; "
    "worker-src blob:; connect-src 'none'; img-src data: blob:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)


def swap(text, tag, new):
    pattern = re.compile(rf"<!--{tag}-->.*?<!--/{tag}-->", re.S)
    if not pattern.search(text):
        raise SystemExit(f"inline.py: marker {tag} missing in index.html")
    return pattern.sub(lambda _: new, text, count=1)


html = swap(html, "CSP", f'<meta http-equiv="Content-Security-Policy" content="{csp}">')
html = swap(html, "STYLE", f"<style>{style}</style>")
html = swap(html, "WORKER", f'<script type="text/plain" id="jz-worker-src">{worker}</script>')
html = swap(html, "SCRIPT", f"<script>{app}</script>")
with open(out, "w", encoding="utf-8") as f:
    f.write(html)
