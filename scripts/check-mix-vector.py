#!/usr/bin/env python3
"""Recomputes TestVectors/mix/shuffle-vector.json from docs/record.md ("The mix: shuffles and their proofs") alone:
the shuffle and its proof from the fixed inputs, in the textbook form (the chain built link by link, r-hat as
Haenni et al. sum it), and an independent check of the file's proof by the verification equations. It borrows only
the ristretto255 and byte-string helpers of check-secrecy-vectors.py (Python over libsodium), no Swift code.
Usage: scripts/check-mix-vector.py [shuffle-vector.json]; exits 1 and names each difference."""
import ctypes
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("secrecy", ROOT / "scripts/check-secrecy-vectors.py")
g = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(g)
L, B, IDENTITY = g.L, g.B, g.IDENTITY
base, mul, add, sub, s, b, u32, challenge, hx = g.base, g.mul, g.add, g.sub, g.s, g.b, g.u32, g.challenge, g.hx


def from_hash(message: bytes) -> bytes:
    out = ctypes.create_string_buffer(32)
    g.sodium.crypto_core_ristretto255_from_hash(out, hashlib.sha512(message).digest())
    return out.raw


def total(items: list[bytes]) -> bytes:
    result = IDENTITY
    for item in items:
        result = add(result, item)
    return result


def fixed(label: str, index: int) -> int:
    return challenge(s("buurtstem/test-vectors/mix/v1") + s(label) + u32(index))


def compute(v: dict) -> dict:
    rows, width = len(v["inputs"]), len(v["inputs"][0])
    cells = lambda label: [[fixed(label, j * width + k) for k in range(width)] for j in range(rows)]
    vector = lambda label, n: [fixed(label, i) for i in range(n)]
    context = bytes.fromhex(v["context"])
    x = fixed("secret key", 0)
    y = base(x)
    plaintexts = [[base(m) for m in row] for row in cells("plaintext")]
    enc = cells("encryption")
    inputs = [[(base(enc[j][k]), add(plaintexts[j][k], mul(enc[j][k], y))) for k in range(width)] for j in range(rows)]
    psi = v["permutation"]
    rr = cells("re-encryption")
    outputs = [[(add(inputs[psi[i]][k][0], base(rr[psi[i]][k])), add(inputs[psi[i]][k][1], mul(rr[psi[i]][k], y)))
                for k in range(width)] for i in range(rows)]
    r, r_hat = vector("r", rows), vector("r_hat", rows)
    w1, w2, w3 = fixed("omega1", 0), fixed("omega2", 0), fixed("omega3", 0)
    w4, w_hat, w_prime = vector("omega4", width), vector("omega_hat", rows), vector("omega_prime", rows)

    gen = lambda n: from_hash(s("buurtstem/mix/generator/v1") + b(context) + u32(n))
    h, hs = gen(0), [gen(i + 1) for i in range(rows)]
    c = [None] * rows
    for i in range(rows):
        c[psi[i]] = add(base(r[psi[i]]), hs[i])
    ciphertexts = lambda rs: b"".join(a + bb for row in rs for (a, bb) in row)
    d = hashlib.sha512(s("buurtstem/mix/statement/v1") + b(context) + y + u32(rows) + u32(width) + h + b"".join(hs)
                       + ciphertexts(inputs) + ciphertexts(outputs) + b"".join(c)).digest()
    u = [challenge(s("buurtstem/mix/challenges/v1") + d + u32(j)) for j in range(rows)]
    u_prime = [u[psi[i]] for i in range(rows)]
    chain, previous = [], h
    for i in range(rows):
        previous = add(base(r_hat[i]), mul(u_prime[i], previous))
        chain.append(previous)
    t1, t2 = base(w1), base(w2)
    t3 = add(base(w3), total([mul(w_prime[i], hs[i]) for i in range(rows)]))
    t4 = [(sub(total([mul(w_prime[i], outputs[i][k][0]) for i in range(rows)]), base(w4[k])),
           sub(total([mul(w_prime[i], outputs[i][k][1]) for i in range(rows)]), mul(w4[k], y))) for k in range(width)]
    t_hat = [add(base(w_hat[i]), mul(w_prime[i], h if i == 0 else chain[i - 1])) for i in range(rows)]
    cc = challenge(s("buurtstem/mix/challenge/v1") + d + b"".join(chain) + t1 + t2 + t3
                   + b"".join(a + bb for (a, bb) in t4) + b"".join(t_hat))
    # r-hat as Haenni et al. write it: sum of r_hat_i * v_i, v_i the product of the later u'.
    r_hat_total = 0
    for i in range(rows):
        v_i = 1
        for k in range(i + 1, rows):
            v_i = v_i * u_prime[k] % L
        r_hat_total += r_hat[i] * v_i
    proof = {
        "format": "buurtstem-shuffle-proof/1",
        "permutation_commitments": [hx(p) for p in c], "chain_commitments": [hx(p) for p in chain],
        "t1": hx(t1), "t2": hx(t2), "t3": hx(t3), "t4": [{"alpha": hx(a), "beta": hx(bb)} for (a, bb) in t4],
        "t_hat": [hx(p) for p in t_hat],
        "s1": hx((w1 + cc * sum(r)) % L), "s2": hx((w2 + cc * r_hat_total) % L),
        "s3": hx((w3 + cc * sum(r[j] * u[j] for j in range(rows))) % L),
        "s4": [hx((w4[k] + cc * sum(rr[j][k] * u[j] for j in range(rows))) % L) for k in range(width)],
        "s_hat": [hx((w_hat[i] + cc * r_hat[i]) % L) for i in range(rows)],
        "s_prime": [hx((w_prime[i] + cc * u_prime[i]) % L) for i in range(rows)],
    }
    hexes = lambda values: [hx(value) for value in values]
    return {
        "challenge_c": hx(cc), "challenges_u": hexes(u), "context": v["context"],
        "derivation": v["derivation"], "description": v["description"],
        "encryption_randomness": [hexes(row) for row in enc],
        "generators": {"chain_base": hx(h), "rows": hexes(hs)},
        "inputs": [[(a + bb).hex() for (a, bb) in row] for row in inputs],
        "nonces": {"chain": hexes(r_hat), "commitment": hexes(r), "omega1": hx(w1), "omega2": hx(w2),
                   "omega3": hx(w3), "omega4": hexes(w4), "omega_hat": hexes(w_hat), "omega_prime": hexes(w_prime)},
        "outputs": [[(a + bb).hex() for (a, bb) in row] for row in outputs],
        "permutation": psi, "plaintexts": [hexes(row) for row in plaintexts], "proof": proof,
        "public_key": hx(y), "reencryption_randomness": [hexes(row) for row in rr], "secret_key": hx(x),
        "statement_digest": d.hex(),
    }


def verify(v: dict) -> list[str]:
    """The verification equations of docs/record.md on the file's own inputs, outputs and proof."""
    p = v["proof"]
    pt = lambda text: bytes.fromhex(text)
    sc = lambda text: g.scalar(text)
    rows, width = len(v["inputs"]), len(v["inputs"][0])
    split = lambda text: (pt(text[:64]), pt(text[64:]))
    inputs = [[split(t) for t in row] for row in v["inputs"]]
    outputs = [[split(t) for t in row] for row in v["outputs"]]
    y, h, hs = pt(v["public_key"]), pt(v["generators"]["chain_base"]), [pt(t) for t in v["generators"]["rows"]]
    c, chain, t_hat = [pt(t) for t in p["permutation_commitments"]], [pt(t) for t in p["chain_commitments"]], [pt(t) for t in p["t_hat"]]
    u, cc = [sc(t) for t in v["challenges_u"]], sc(v["challenge_c"])
    s_prime, s_hat, s4 = [sc(t) for t in p["s_prime"]], [sc(t) for t in p["s_hat"]], [sc(t) for t in p["s4"]]
    product = 1
    for value in u:
        product = product * value % L
    failed = []
    if add(pt(p["t1"]), mul(cc, sub(total(c), total(hs)))) != base(sc(p["s1"])):
        failed.append("t1")
    if add(pt(p["t2"]), mul(cc, sub(chain[-1], mul(product, h)))) != base(sc(p["s2"])):
        failed.append("t2")
    if add(pt(p["t3"]), mul(cc, total([mul(u[j], c[j]) for j in range(rows)]))) != add(base(sc(p["s3"])), total([mul(s_prime[i], hs[i]) for i in range(rows)])):
        failed.append("t3")
    for k in range(width):
        for half, key, other in ((0, "alpha", B), (1, "beta", y)):
            left = add(add(pt(p["t4"][k][key]), mul(cc, total([mul(u[j], inputs[j][k][half]) for j in range(rows)]))), mul(s4[k], other))
            if left != total([mul(s_prime[i], outputs[i][k][half]) for i in range(rows)]):
                failed.append(f"t4 {key} of component {k}")
    for i in range(rows):
        if add(t_hat[i], mul(cc, chain[i])) != add(base(s_hat[i]), mul(s_prime[i], h if i == 0 else chain[i - 1])):
            failed.append(f"t_hat[{i}]")
    return failed


def main() -> int:
    default = ROOT / "TestVectors/mix/shuffle-vector.json"
    vector = json.loads(Path(sys.argv[1] if len(sys.argv) > 1 else default).read_text(encoding="utf-8"))
    found = g.differences(vector, compute(vector)) + [f"equation {name} fails" for name in verify(vector)]
    for line in found:
        print(line)
    print("mix vector: " + (f"{len(found)} difference(s)" if found else "every value recomputed from docs/record.md and the proof verifies"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
