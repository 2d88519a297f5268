#!/usr/bin/env python3
"""Recomputes TestVectors/secret-record/vectors.json from docs/record.md ("Secret elections: the record") alone: the
v3 ballots' choice bytes, encodings, ciphertexts, proof contexts and challenges, signed bytes, signatures, leaves,
tracking codes and ballot lines; the mix context, the stage's outputs and an independent check of the stage file's
shuffle proof against that context; the decryption context, each trustee's partials and Chaum-Pedersen proof, the
combination and the decoding into canonical choice bytes or a problem. It borrows only the helpers of
check-secrecy-vectors.py and check-mix-vector.py (Python over libsodium), no Swift code.
Usage: scripts/check-secret-record-vectors.py [vectors.json]; exits 1 and names each difference."""
import ctypes
import hashlib
import importlib.util
import json
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


g = _load("secrecy", "check-secrecy-vectors.py")
mix = _load("mix", "check-mix-vector.py")
L, B = g.L, g.B
base, mul, add, sub, s, b, u32, points, challenge, hx = g.base, g.mul, g.add, g.sub, g.s, g.b, g.u32, g.points, g.challenge, g.hx
NOT_CHOICE_BYTES = "the plaintext is not canonical choice bytes"


def fixed(label: str, index: int = 0) -> int:
    """The derivation the file states: SHA-512(str(tag) || str(label) || u32(index)) mod l."""
    return challenge(s("buurtstem/test-vectors/secret-record/v1") + s(label) + u32(index))


def ed25519(seed: bytes, message: bytes) -> tuple[bytes, bytes]:
    public, secret = ctypes.create_string_buffer(32), ctypes.create_string_buffer(64)
    assert g.sodium.crypto_sign_seed_keypair(public, secret, seed) == 0
    signature = ctypes.create_string_buffer(64)
    assert g.sodium.crypto_sign_detached(signature, None, message, ctypes.c_ulonglong(len(message)), secret) == 0
    return public.raw, signature.raw


def choice_bytes(choices: list[dict]) -> bytes:
    """"Canonical choice bytes": u32(number of choices) || for each choice: str(project) || u32(value)."""
    return u32(len(choices)) + b"".join(s(c["project"]) + u32(c["value"]) for c in choices)


def parse_choices(data: bytes) -> list[dict] | None:
    """The choices of exactly such bytes, or None (bytes left over, a short field, an id that is not UTF-8)."""
    position, out = 0, []

    def take(n: int) -> bytes | None:
        nonlocal position
        if len(data) - position < n:
            return None
        position += n
        return data[position - n:position]

    count = take(4)
    if count is None:
        return None
    for _ in range(struct.unpack(">I", count)[0]):
        length = take(4)
        project = None if length is None else take(struct.unpack(">I", length)[0])
        value = None if project is None else take(4)
        if value is None:
            return None
        try:
            out.append({"project": project.decode("utf-8"), "value": struct.unpack(">I", value)[0]})
        except UnicodeDecodeError:
            return None
    return out if position == len(data) else None


def stage_context(tag: str, v: dict, stage: int) -> bytes:
    """The mix context and the decryption context: str(tag) || str(election) || raw(definition_hash, 32) || u32(K) ||
    str(area)."""
    return s(tag) + s(v["election"]) + bytes.fromhex(v["definition_hash"]) + u32(stage) + s(v["area"])


def compute(v: dict) -> dict:
    out = json.loads(json.dumps(v))
    width, definition_hash = v["width"], hashlib.sha256(b"buurtstem test vector: the definition of a secret election").digest()
    out["definition_hash"] = definition_hash.hex()
    a0, a1 = fixed("trustee polynomial", 0), fixed("trustee polynomial", 1)
    n, t = len(v["trustees"]["verification_keys"]), v["trustees"]["threshold"]
    secrets = [(a0 + a1 * j) % L for j in range(1, n + 1)]
    y = base(a0)
    out["trustees"].update(polynomial=[hx(a0), hx(a1)], public_key=hx(y), verification_keys=[hx(base(x)) for x in secrets])

    # v3 ballots ("v3 ballots", "Encryption and the proof of knowledge of the randomness").
    inputs = []
    for index, ballot in enumerate(out["ballots"]):
        data = bytes.fromhex(ballot["choice_bytes"]) if ballot.get("choices") is None else choice_bytes(ballot["choices"])
        seed = fixed("pass seed", index).to_bytes(32, "little")
        public, _ = ed25519(seed, b"")
        encodings = g.encode(data, width)
        r = [fixed("randomness", index * width + k) for k in range(width)]
        w = [fixed("randomness proof nonce", index * width + k) for k in range(width)]
        ciphertexts = [(base(rk), add(m, mul(rk, y))) for m, rk in zip(encodings, r)]
        context = definition_hash + public
        statement = y + points([beta for _, beta in ciphertexts]) + b(context)
        proof = g.schnorr("buurtstem/proof/randomness/v1", statement, r, [alpha for alpha, _ in ciphertexts], w)
        signed = (s("buurtstem/ballot/v3") + s(v["election"]) + definition_hash + s(v["area"]) + public
                  + u32(width) + b"".join(alpha + beta for alpha, beta in ciphertexts)
                  + bytes.fromhex(proof["challenge"]) + u32(width) + b"".join(bytes.fromhex(z) for z in proof["responses"])
                  + s(v["kiosk"]) + struct.pack(">Q", ballot["sequence"]))
        _, signature = ed25519(seed, signed)
        leaf = hashlib.sha256(b"\x00" + signed + signature).digest()
        ballot.update(
            choice_bytes=data.hex(), pass_seed=seed.hex(), pass_public_key=public.hex(), randomness=[hx(x) for x in r],
            nonces=[hx(x) for x in w], points=[hx(e) for e in encodings], proof_context=context.hex(),
            signed_bytes=signed.hex(), signature=signature.hex(), leaf=leaf.hex(), tracking_code=leaf[:10].hex(),
            line={"area": v["area"], "challenge": proof["challenge"],
                  "ciphertexts": [(alpha + beta).hex() for alpha, beta in ciphertexts], "pass": public.hex(),
                  "responses": proof["responses"], "sequence": ballot["sequence"], "signature": signature.hex()})
        inputs.append(ciphertexts)

    # The mix's input and its one stage ("The mix's input and its stages").
    m = out["mix"]
    stage, psi = m["stage"], m["permutation"]
    mix_context = stage_context("buurtstem/mix/context/v1", out, stage)
    rr = [[fixed("re-encryption", j * width + k) for k in range(width)] for j in range(len(inputs))]
    outputs = [[(add(inputs[psi[i]][k][0], base(rr[psi[i]][k])), add(inputs[psi[i]][k][1], mul(rr[psi[i]][k], y)))
                for k in range(width)] for i in range(len(inputs))]
    m.update(context=mix_context.hex(), reencryption_randomness=[[hx(x) for x in row] for row in rr])
    stored_areas = v["mix"]["stage_file"]["areas"]
    m["stage_file"] = {"areas": [{"area": v["area"], "outputs": [[(a + bb).hex() for a, bb in row] for row in outputs],
                                  "proof": stored_areas[0]["proof"] if stored_areas else None}],
                       "definition_hash": definition_hash.hex(), "election": v["election"],
                       "format": "buurtstem-mix-stage/1", "stage": stage}

    # Decryption of the last stage ("Decryption of the last stage", "Threshold decryption").
    d = out["decryption"]
    decryption_context = stage_context("buurtstem/decryption/context/v1", out, d["stage"])
    alphas = [alpha for row in outputs for alpha, _ in row]
    betas = [beta for row in outputs for _, beta in row]
    files, partials_of = [], {}
    trustees = [f["trustee"] for f in v["decryption"]["share_files"]]
    for j in trustees:
        x_j, w = secrets[j - 1], fixed("decryption nonce", j)
        partials = [mul(x_j, alpha) for alpha in alphas]
        statement = y + u32(j) + points(betas) + b(decryption_context)
        c = challenge(s("buurtstem/proof/decryption/v1") + B + base(x_j) + b(statement) + u32(len(alphas))
                      + b"".join(alpha + part for alpha, part in zip(alphas, partials)) + base(w)
                      + b"".join(mul(w, alpha) for alpha in alphas))
        partials_of[j] = partials
        files.append({"areas": [{"area": v["area"], "challenge": hx(c), "partials": [p.hex() for p in partials],
                                 "response": hx((w + c * x_j) % L)}],
                      "definition_hash": definition_hash.hex(), "election": v["election"],
                      "format": "buurtstem-decryption-shares/1", "stage": d["stage"], "trustee": j})
    chosen = sorted(trustees)[:t]
    lagrange = []
    for j in chosen:
        value = 1
        for other in chosen:
            if other != j:
                value = value * other * pow(other - j, -1, L) % L
        lagrange.append(value)
    plaintexts = []
    for i, beta in enumerate(betas):
        point = beta
        for j, lam in zip(chosen, lagrange):
            point = sub(point, mul(lam, partials_of[j][i]))
        plaintexts.append(point)
    rows = [plaintexts[i:i + width] for i in range(0, len(plaintexts), width)]
    decoded = []
    for position, row in enumerate(rows):
        problem = g.refusal(row, width)
        choices = None if problem else parse_choices(g.decode(row))
        line = {"area": v["area"], "position": position}
        line.update({"choices": choices} if choices is not None else {"problem": NOT_CHOICE_BYTES if not problem else problem})
        decoded.append(line)
    d.update(context=decryption_context.hex(), nonces=[hx(fixed("decryption nonce", j)) for j in trustees], share_files=files,
             lagrange=[hx(x) for x in lagrange], plaintexts=[[p.hex() for p in row] for row in rows], decoded=decoded)
    return out


def verify_stage(v: dict) -> list[str]:
    """The stored stage file's shuffle proof, checked by the equations of "The mix: shuffles and their proofs" with the
    generators and challenges derived from the mix context of this stage and area."""
    area = v["mix"]["stage_file"]["areas"][0]
    proof = area["proof"]
    context = bytes.fromhex(v["mix"]["context"])
    y = bytes.fromhex(v["trustees"]["public_key"])
    inputs = [[(bytes.fromhex(c[:64]), bytes.fromhex(c[64:])) for c in ballot["line"]["ciphertexts"]] for ballot in v["ballots"]]
    outputs = [[(bytes.fromhex(c[:64]), bytes.fromhex(c[64:])) for c in row] for row in area["outputs"]]
    rows, width = len(inputs), len(inputs[0])
    gen = lambda index: mix.from_hash(s("buurtstem/mix/generator/v1") + b(context) + u32(index))
    h, hs = gen(0), [gen(i + 1) for i in range(rows)]
    flat = lambda table: b"".join(a + bb for row in table for a, bb in row)
    pt = bytes.fromhex
    digest = hashlib.sha512(s("buurtstem/mix/statement/v1") + b(context) + y + u32(rows) + u32(width) + h + b"".join(hs)
                            + flat(inputs) + flat(outputs) + b"".join(pt(c) for c in proof["permutation_commitments"])).digest()
    u = [challenge(s("buurtstem/mix/challenges/v1") + digest + u32(j)) for j in range(rows)]
    c = challenge(s("buurtstem/mix/challenge/v1") + digest + b"".join(pt(x) for x in proof["chain_commitments"])
                  + pt(proof["t1"]) + pt(proof["t2"]) + pt(proof["t3"])
                  + b"".join(pt(t["alpha"]) + pt(t["beta"]) for t in proof["t4"]) + b"".join(pt(x) for x in proof["t_hat"]))
    failed = mix.verify({"proof": proof, "inputs": [ballot["line"]["ciphertexts"] for ballot in v["ballots"]],
                         "outputs": area["outputs"], "public_key": v["trustees"]["public_key"],
                         "generators": {"chain_base": h.hex(), "rows": [x.hex() for x in hs]},
                         "challenges_u": [hx(x) for x in u], "challenge_c": hx(c)})
    return [f"shuffle proof equation {name} fails under the mix context" for name in failed]


def main() -> int:
    default = ROOT / "TestVectors/secret-record/vectors.json"
    vector = json.loads(Path(sys.argv[1] if len(sys.argv) > 1 else default).read_text(encoding="utf-8"))
    found = g.differences(vector, compute(vector)) + verify_stage(vector)
    for line in found:
        print(line)
    print("secret record vectors: " + (f"{len(found)} difference(s)" if found
                                       else "every value recomputed from docs/record.md and the shuffle proof verifies"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
