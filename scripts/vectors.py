"""Shared by the scripts that make test vectors (make-cheque-vectors.sh, make-proposal-vectors.sh): reading and
writing record files, the length-prefixed strings of docs/record.md, and writing the variants with expected.json and
checking every verdict with `buurtstem-verify --json`."""
import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path


def lines(folder: Path, name: str) -> list[str]:
    return (folder / name).read_text(encoding="utf-8").splitlines()


def write_lines(folder: Path, name: str, new_lines: list[str]) -> None:
    (folder / name).write_text("".join(line + "\n" for line in new_lines), encoding="utf-8")


def replace_once(folder: Path, name: str, old: str, new: str) -> None:
    """Replaces the one occurrence of `old` in a file, keeping every other byte as the exporter wrote it."""
    text = (folder / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{name}: {old!r} occurs {text.count(old)} times"
    (folder / name).write_text(text.replace(old, new), encoding="utf-8")


def flip_byte(hex_string: str) -> str:
    """The same hex string with the lowest bit of its first byte flipped."""
    return "%02x" % (int(hex_string[:2], 16) ^ 1) + hex_string[2:]


def sized(text: str) -> bytes:
    """`str(s)` of docs/record.md: the UTF-8 bytes with their length as 4 bytes, big-endian."""
    data = text.encode("utf-8")
    return struct.pack(">I", len(data)) + data


def failed_checks(verify: str, folder: Path, extra: list[str] = []) -> tuple[list[str], int]:
    """The names of the checks buurtstem-verify --json reports failed, in report order, and its exit status."""
    run = subprocess.run([verify, str(folder), "--json"] + extra, capture_output=True, text=True)
    report = json.loads(run.stdout)
    return [check["name"] for check in report["checks"] if check["failures"]], run.returncode


def write_and_check(out: Path, verify: str, variants: list, pinned: str | None = None) -> None:
    """Copies `out/record` into `out/variants/NAME` per (name, change, tamper, checks), tampers each, writes
    expected.json, and exits with the differences if buurtstem-verify's verdicts are not the expected ones. With
    `pinned` (a folder in `out`), every verdict is of `buurtstem-verify --pinned out/PINNED`, and expected.json says so."""
    record = out / "record"
    extra = ["--pinned", str(out / pinned)] if pinned else []
    expected = {"record": "record", "verdict_of_record": "pass", "variants": []}
    if pinned:
        expected["pinned"] = pinned
    for name, change, tamper, checks in variants:
        shutil.copytree(record, out / "variants" / name)
        tamper(out / "variants" / name)
        expected["variants"].append({"variant": f"variants/{name}", "change": change, "failed_checks": checks})
    (out / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    wrong = []
    failed, status = failed_checks(verify, record, extra)
    if failed or status != 0:
        wrong.append(f"record: expected to pass, exit {status}, failed {failed}")
    for variant in expected["variants"]:
        failed, status = failed_checks(verify, out / variant["variant"], extra)
        if failed != variant["failed_checks"] or status != 1:
            wrong.append(f"{variant['variant']}: expected {variant['failed_checks']}, exit {status}, failed {failed}")
    if wrong:
        sys.exit("buurtstem-verify's verdicts differ from the expected ones:\n  " + "\n  ".join(wrong))
    print(f"wrote {out}: the record passes, {len(variants)} variants fail as expected.json says")
