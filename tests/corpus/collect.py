#!/usr/bin/env python3
"""Copy the corpus files listed in expected.json out of the source repositories.

Each entry of expected.json names its source repository and path; `sources` gives the
commit each file is taken from. The repositories must be at hand as git directories:
by default /work/.mirror/<owner>+<name>/repo (what the project's `fetch` tool makes),
else a clone under --repos DIR/<name> (e.g. `git clone https://github.com/tafia/calamine`).
Files are read with `git show COMMIT:PATH`, so the clone may be at any newer commit.

    python3 tests/corpus/collect.py [--repos DIR]

Rewrites tests/corpus/files/ entirely (about 7 MB), then checks every listed file is there.
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def git_dir(repo: str, repos: pathlib.Path | None) -> str:
    owner, name = repo.split("/")
    candidates = [pathlib.Path(f"/work/.mirror/{owner}+{name}/repo")]
    if repos:
        candidates.insert(0, repos / name)
    for c in candidates:
        if c.exists():
            return str(c / ".git") if (c / ".git").exists() else str(c)
    sys.exit(f"no git directory for {repo}: tried {', '.join(map(str, candidates))}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repos", type=pathlib.Path)
    args = ap.parse_args()
    manifest = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    out = HERE / "files"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for entry in manifest["files"]:
        repo = entry["source"]
        commit = manifest["sources"][repo]["commit"]
        data = subprocess.run(
            ["git", f"--git-dir={git_dir(repo, args.repos)}", "show", f"{commit}:{entry['path']}"],
            check=True,
            capture_output=True,
        ).stdout
        if data.startswith(b"version https://git-lfs"):
            sys.exit(f"{repo}:{entry['path']} is a Git LFS pointer, not the file")
        (out / entry["file"]).write_bytes(data)
    total = sum(p.stat().st_size for p in out.iterdir())
    print(f"{len(manifest['files'])} files, {total / 1e6:.1f} MB in {out}")


if __name__ == "__main__":
    main()
