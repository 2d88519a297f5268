#!/usr/bin/env python3
"""Recomputes TestVectors/secrecy/vectors.json from docs/record.md ("Secret ballots: group, encoding, proofs and
trustees") alone: a second implementation, in Python over libsodium's ristretto255 (ctypes), with scalars as Python
integers modulo l. It shares no code with BuurtstemCrypto, so an agreement checks the page as well as the Swift code.
Usage: scripts/check-secrecy-vectors.py [vectors.json]; exits 1 and names each difference."""
import ctypes
import ctypes.util
import hashlib
import json
import struct
import sys
from pathlib import Path

sodium = ctypes.CDLL(ctypes.util.find_library("sodium") or "libsodium.so.23")
assert sodium.sodium_init() >= 0
L = 2**252 + 27742317777372353535851937790883648493
IDENTITY = bytes(32)


def is_point(encoding: bytes) -> bool:
    return sodium.crypto_core_ristretto255_is_valid_point(encoding) == 1 and encoding != IDENTITY


def base(scalar: int) -> bytes:
    out = ctypes.create_string_buffer(32)
    if sodium.crypto_scalarmult_ristretto255_base(out, (scalar % L).to_bytes(32, "little")) != 0:
        return IDENTITY
    return out.raw


def mul(scalar: int, point: bytes) -> bytes:
    out = ctypes.create_string_buffer(32)
    if sodium.crypto_scalarmult_ristretto255(out, (scalar % L).to_bytes(32, "little"), point) != 0:
        return IDENTITY
    return out.raw


def add(p: bytes, q: bytes) -> bytes:
    out = ctypes.create_string_buffer(32)
    assert sodium.crypto_core_ristretto255_add(out, p, q) == 0
    return out.raw


def sub(p: bytes, q: bytes) -> bytes:
    out = ctypes.create_string_buffer(32)
    assert sodium.crypto_core_ristretto255_sub(out, p, q) == 0
    return out.raw


B = base(1)


def s(text: str) -> bytes:
    return struct.pack(">I", len(text.encode())) + text.encode()


def b(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def u32(value: int) -> bytes:
    return struct.pack(">I", value)


def points(items: list[bytes]) -> bytes:
    return u32(len(items)) + b"".join(items)


def challenge(message: bytes) -> int:
    return int.from_bytes(hashlib.sha512(message).digest(), "little") % L


def scalar(hex_string: str) -> int:
    value = int.from_bytes(bytes.fromhex(hex_string), "little")
    assert value < L, f"not a canonical scalar: {hex_string}"
    return value


def hx(value) -> str:
    return (value.to_bytes(32, "little") if isinstance(value, int) else value).hex()


def encode(data: bytes, width: int) -> list[bytes]:
    assert len(data) <= 29 * width
    out = []
    for index in range(width):
        chunk = data[29 * index:29 * index + 29]
        for counter in range(32768):
            e = bytes([(2 * counter) % 256, (2 * counter) // 256]) + chunk + bytes(29 - len(chunk)) + bytes([len(chunk)])
            if is_point(e):
                out.append(e)
                break
        else:
            raise AssertionError("no counter")
    return out


def refusal(encodings: list[bytes], width: int) -> str | None:
    """The rule of docs/record.md's decoding that `encodings` break, or None for a valid encoding."""
    if len(encodings) != width:
        return "wrong-point-count"
    short = False
    for e in encodings:
        length = e[31]
        if e == IDENTITY:
            return "identity"
        if length > 29:
            return "bad-length"
        if any(e[2 + length:31]):
            return "non-zero-padding"
        if short and length:
            return "data-after-short-point"
        short = length < 29
        if encode(e[2:2 + length], 1)[0] != e:
            return "counter-not-first"
    return None


def decode(encodings: list[bytes]) -> bytes:
    assert refusal(encodings, len(encodings)) is None
    return b"".join(e[2:2 + e[31]] for e in encodings)


def schnorr(tag: str, statement: bytes, secrets: list[int], publics: list[bytes], nonces: list[int]) -> dict:
    c = challenge(s(tag) + B + b(statement) + points(publics) + b"".join(base(w) for w in nonces))
    return {"challenge": hx(c), "responses": [hx((w + c * x) % L) for w, x in zip(nonces, secrets)]}


def compute(v: dict) -> dict:
    out = json.loads(json.dumps(v))
    for item in out["encodings"]:
        item["points"] = [hx(e) for e in encode(bytes.fromhex(item["bytes"]), item["width"])]

    for item in out["refusals"]:
        encodings = [bytes.fromhex(p) for p in item["points"]]
        assert all(sodium.crypto_core_ristretto255_is_valid_point(e) == 1 for e in encodings)
        item["reason"] = refusal(encodings, item["width"]) or "accepted"

    cer = out["ceremony"]
    t, n = cer["threshold"], len(cer["trustees"])
    cards = b""
    for j, trustee in enumerate(cer["trustees"], start=1):
        seed = bytes.fromhex(trustee["ed25519Seed"])
        sign_pk, sign_sk = ctypes.create_string_buffer(32), ctypes.create_string_buffer(64)
        sodium.crypto_sign_seed_keypair(sign_pk, sign_sk, seed)
        box_seed = hashlib.sha512(s("buurtstem/trustee/box-key/v1") + seed).digest()[:32]
        box_pk, box_sk = ctypes.create_string_buffer(32), ctypes.create_string_buffer(32)
        sodium.crypto_box_seed_keypair(box_pk, box_sk, box_seed)
        trustee["signingKey"], trustee["boxKey"] = sign_pk.raw.hex(), box_pk.raw.hex()
        cards += s(trustee["name"]) + u32(j) + box_pk.raw + sign_pk.raw
    ceremony_hash = hashlib.sha256(s("buurtstem/trustees/ceremony/v1") + u32(t) + u32(n) + cards
                                   + b(bytes.fromhex(cer["context"]))).digest()
    cer["ceremonyHash"] = ceremony_hash.hex()
    summed = [IDENTITY] * t
    key_shares = [0] * n
    for i, dealing in enumerate(cer["dealings"], start=1):
        coefficients = [scalar(a) for a in dealing["coefficients"]]
        commitments = [base(a) for a in coefficients]
        dealing["commitments"] = [hx(c) for c in commitments]
        dealing["proof"] = schnorr("buurtstem/proof/dealer-key/v1", ceremony_hash + u32(i) + points(commitments),
                                   [coefficients[0]], [commitments[0]], [scalar(dealing["proofNonce"])])
        shares = [sum(a * j**k for k, a in enumerate(coefficients)) % L for j in range(1, n + 1)]
        dealing["shares"] = [hx(x) for x in shares]
        for j in range(1, n + 1):
            feldman = IDENTITY
            for k, c in enumerate(commitments):
                feldman = add(feldman, mul(j**k, c))
            assert base(shares[j - 1]) == feldman, f"Feldman check of dealer {i} for trustee {j}"
            key_shares[j - 1] = (key_shares[j - 1] + shares[j - 1]) % L
        summed = [add(total, c) for total, c in zip(summed, commitments)]
    election_key = summed[0]
    verification = []
    for j in range(1, n + 1):
        v_j = IDENTITY
        for k, a_k in enumerate(summed):
            v_j = add(v_j, mul(j**k, a_k))
        verification.append(v_j)
    cer["publicKey"], cer["verificationKeys"] = hx(election_key), [hx(p) for p in verification]
    cer["keyShares"] = [hx(x) for x in key_shares]

    enc = out["encryption"]
    plaintext = encode(bytes.fromhex(enc["plaintext"]), enc["width"])
    randomness = [scalar(r) for r in enc["randomness"]]
    alphas = [base(r) for r in randomness]
    betas = [add(m, mul(r, election_key)) for m, r in zip(plaintext, randomness)]
    enc["points"] = [hx(p) for p in plaintext]
    enc["ciphertexts"] = [{"alpha": hx(a), "beta": hx(c)} for a, c in zip(alphas, betas)]
    enc["proof"] = schnorr("buurtstem/proof/randomness/v1",
                           election_key + points(betas) + b(bytes.fromhex(enc["context"])),
                           randomness, alphas, [scalar(w) for w in enc["nonces"]])

    dec = out["decryption"]
    context = bytes.fromhex(dec["context"])
    for share in dec["shares"]:
        j, w = share["trustee"], scalar(share["nonce"])
        x_j = key_shares[j - 1]
        partials = [mul(x_j, a) for a in alphas]
        statement = election_key + u32(j) + points(betas) + b(context)
        message = (s("buurtstem/proof/decryption/v1") + B + verification[j - 1] + b(statement) + u32(len(alphas))
                   + b"".join(a + d for a, d in zip(alphas, partials)) + base(w) + b"".join(mul(w, a) for a in alphas))
        c = challenge(message)
        share["partials"] = [hx(d) for d in partials]
        share["proof"] = {"challenge": hx(c), "response": hx((w + c * x_j) % L)}
    chosen = sorted(share["trustee"] for share in dec["shares"])[:t]
    lagrange = []
    for j in chosen:
        value = 1
        for m in chosen:
            if m != j:
                value = value * m * pow(m - j, -1, L) % L
        lagrange.append(value)
    dec["lagrange"] = [hx(x) for x in lagrange]
    by_trustee = {share["trustee"]: share for share in dec["shares"]}
    plaintexts = []
    for i, beta in enumerate(betas):
        m = beta
        for j, lam in zip(chosen, lagrange):
            m = sub(m, mul(lam, bytes.fromhex(by_trustee[j]["partials"][i])))
        plaintexts.append(m)
    dec["plaintexts"] = [hx(p) for p in plaintexts]
    dec["decoded"] = decode(plaintexts).hex()
    return out


def differences(expected, actual, path="") -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        return [d for key in sorted(set(expected) | set(actual))
                for d in differences(expected.get(key), actual.get(key), f"{path}.{key}")]
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [d for index, (e, a) in enumerate(zip(expected, actual)) for d in differences(e, a, f"{path}[{index}]")]
    return [] if expected == actual else [f"{path}: file has {expected!r}, recomputed {actual!r}"]


def main() -> int:
    default = Path(__file__).resolve().parent.parent / "TestVectors/secrecy/vectors.json"
    vectors = json.loads(Path(sys.argv[1] if len(sys.argv) > 1 else default).read_text(encoding="utf-8"))
    found = differences(vectors, compute(vectors))
    for line in found:
        print(line)
    print("secrecy vectors: " + (f"{len(found)} difference(s)" if found else "every value recomputed from docs/record.md"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
