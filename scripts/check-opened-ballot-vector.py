#!/usr/bin/env python3
"""Recomputes TestVectors/secrecy/opened-ballot.json from docs/record.md ("Checking a ballot: the Benaloh challenge")
and docs/inputs.md ("Typeable codes") alone: the choice bytes, their plaintext points, the ElGamal ciphertexts under
the revealed randomness, the ballot code bytes, their SHA-256, the typeable ballot code and the opened ballot's text.
A second implementation in Python over libsodium (ctypes), sharing no code with Buurtstem; the group, the encoding and
the canonical bytes come from scripts/check-secrecy-vectors.py, itself written from the same page.
Usage: scripts/check-opened-ballot-vector.py [opened-ballot.json]; exits 1 and names each difference."""
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


g = _load("secrecy", "check-secrecy-vectors.py")
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def gf_multiply(a: int, b: int) -> int:
    """Multiplication in GF(32) = GF(2)[x]/(x^5 + x^2 + 1)."""
    product = 0
    while b:
        if b & 1:
            product ^= a
        a <<= 1
        if a & 0x20:
            a ^= 0x25
        b >>= 1
    return product


def typeable(data: bytes, format_name: str, group: int) -> str:
    """docs/inputs.md "Typeable codes": 5-bit values big-endian (the last padded with zero bits), then the check
    character: seed from the format's name (seed = (seed XOR (byte AND 31)) * 3 per UTF-8 byte), plus sum v_i * x^(i+1)."""
    bits = "".join(f"{byte:08b}" for byte in data)
    bits += "0" * (-len(bits) % 5)
    values = [int(bits[i:i + 5], 2) for i in range(0, len(bits), 5)]
    check = 0
    for byte in format_name.encode("utf-8"):
        check = gf_multiply(check ^ (byte & 31), 3)
    weight = 2
    for value in values:
        check ^= gf_multiply(value, weight)
        weight = gf_multiply(weight, 2)
    chars = "".join(ALPHABET[v] for v in values + [check])
    return "-".join(chars[i:i + group] for i in range(0, len(chars), group))


def choice_bytes(choices: list[dict]) -> bytes:
    """"Canonical choice bytes": u32(number of choices) || for each choice: str(project) || u32(value)."""
    return g.u32(len(choices)) + b"".join(g.s(c["project"]) + g.u32(c["value"]) for c in choices)


def compute(v: dict) -> dict:
    key = bytes.fromhex(v["electionKey"])
    assert g.is_point(key), "the election key is not a valid, non-identity point"
    randomness = [g.scalar(r) for r in v["randomness"]]
    assert len(randomness) == v["width"] and all(randomness), "w non-zero randomness values"
    data = choice_bytes(v["choices"])
    plain = g.encode(data, v["width"])
    ciphertexts = [g.base(r) + g.add(m, g.mul(r, key)) for r, m in zip(randomness, plain)]
    code_bytes = (g.s("buurtstem/ballot-code/v1") + g.s(v["election"]) + bytes.fromhex(v["definitionHash"])
                  + g.s(v["area"]) + g.u32(len(ciphertexts)) + b"".join(ciphertexts))
    digest = hashlib.sha256(code_bytes).digest()
    code = typeable(digest[:10], "ballot code", 4)
    text = json.dumps({"area": v["area"], "choices": v["choices"], "code": code, "definition_hash": v["definitionHash"],
                       "election": v["election"], "format": "buurtstem-opened-ballot/1", "randomness": v["randomness"]},
                      sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    inputs = {k: v[k] for k in ("about", "area", "choices", "definitionHash", "election", "electionKey", "randomness", "width")}
    return inputs | {"choiceBytes": data.hex(), "points": [p.hex() for p in plain],
                     "ciphertexts": [c.hex() for c in ciphertexts], "codeBytes": code_bytes.hex(),
                     "codeDigest": digest.hex(), "code": code, "text": text}


def main() -> int:
    default = ROOT / "TestVectors/secrecy/opened-ballot.json"
    vector = json.loads(Path(sys.argv[1] if len(sys.argv) > 1 else default).read_text(encoding="utf-8"))
    found = g.differences(vector, compute(vector))
    # The typeable code itself, on a value docs/inputs.md's reader can be checked against: a tracking code of the
    # same 10 bytes under another format name has another check character (a code of one kind is not another's).
    if typeable(bytes(10), "ballot code", 4)[-1] == typeable(bytes(10), "tracking", 4)[-1]:
        found.append("the check character does not depend on the format's name")
    for line in found:
        print(line)
    print("opened ballot vector: " + (f"{len(found)} difference(s)" if found else "every value recomputed from docs/record.md"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
