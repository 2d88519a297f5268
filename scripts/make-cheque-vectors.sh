#!/usr/bin/env bash
# Made TestVectors/cheque-round-small (format 1, kept as published; a rerun is refused): a settled cheque round made with the CLI on the shipped Groningen
# register, tampered copies of it, and expected.json with the checks each copy must fail. With the argument `bound`
# it makes TestVectors/cheque-round-bound instead: the same round of format 2 (every redemption signed by its
# cheque's key), pre-published before the first redemption, whose variants are verified pinned to that
# pre-publication (`--pinned prepublication`). cheque-round-small is of format 1 and is kept as it is: a published
# record stays verifiable, so its vectors need not be made again.
#
# Keys and cheque codes are random, so a rerun changes hashes, keys and signatures; the round's terms, the clock
# (BUURTSTEM_NOW), the amounts, the changes and the verdicts stay the same. The expected verdicts are written
# here, not copied from the verifier: the script runs `buurtstem-verify --json` on every folder and stops if a
# verdict differs, so a rerun cannot quietly record a verifier regression as the expected answer.
set -euo pipefail
cd "$(dirname "$0")/.."
# SCRATCH=PATH (or SCRATCH_PATH=PATH) builds in that scratch folder (as `swift build --scratch-path PATH`).
root="$PWD"
mode="${1:-}"
case "$mode" in
  small)
    # The engine now issues format 2: a rerun would replace the one published format-1 record the verifier and
    # ChequeFormat1BytesTests check, so it is refused.
    echo "$0: TestVectors/cheque-round-small is the published format-1 record and is kept as it is; the engine now" \
      "issues format 2, so it cannot be made again. Make the format-2 vectors with: $0 bound" >&2
    exit 64 ;;
  bound) final="$root/TestVectors/cheque-round-bound" ;;
  *) echo "usage: $0 bound   (makes TestVectors/cheque-round-bound; cheque-round-small is kept as published)" >&2; exit 64 ;;
esac
bin="$(scripts/build-products.sh)"

# The store, its sealed key files and the printed codes live only in this folder and are deleted at the end: the
# keys that signed the vectors are throwaway test keys that no one keeps.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The vectors are made and checked here, and replace the committed ones only if every verdict is as expected.
out="$work/vectors"
export BUURTSTEM_PASSPHRASE="throwaway test vector passphrase"
round=2026-voorjaar

# Runs buurtstem in the work folder at the clock BUURTSTEM_NOW=$1; prints its output only if it fails.
at() {
  local now="$1"
  shift
  if ! (cd "$work" && BUURTSTEM_NOW="$now" "$bin/buurtstem" "$@") >"$work/last.log" 2>&1; then
    echo "buurtstem $* failed:" >&2
    cat "$work/last.log" >&2
    exit 1
  fi
}

# The same round as Tests/BuurtstemCLITests/ChequeVerifyTests.swift makeRecords(): 46 cheques of EUR 7.50, a
# Moestuin (target EUR 15) that gets three paper cheques and is funded, a Speelplek (target EUR 100) that gets
# two online cheques and is not.
at 2026-02-20T08:00:00Z init --gemeente Groningen --code GM0014
at 2026-02-20T08:00:00Z areas import "$root/Examples/groningen/areas.csv"
at 2026-02-20T08:00:00Z register import "$root/Examples/groningen/households.csv"
at 2026-02-20T09:00:00Z cheques round create --id "$round" --value 7.50 --issue-date 2026-03-01 \
  --valid-until 2026-06-30 --scope buurt
at 2026-02-20T09:00:00Z cheques issue --round "$round" --print-to print \
  --addresses "$root/Examples/groningen/households.csv"
# The bound round registers its initiatives and is pre-published before the first redemption.
registered=2026-03-10T10:00:00Z
[ "$mode" = bound ] && registered=2026-02-20T10:00:00Z
at "$registered" initiative add --round "$round" --buurt BU00140103 --title Moestuin \
  --description "Een moestuin achter het buurthuis" --target 15.00 --deadline 2026-06-30
at "$registered" initiative add --round "$round" --buurt BU00140102 --title Speelplek --target 100 \
  --deadline 2026-05-31
[ "$mode" = bound ] && at 2026-02-20T10:00:00Z cheques round publish --round "$round" --out prepublication --print-folder print
# print/cheques.csv: household_id,buurt,address_line_1,address_line_2,code, in household order.
codes() { awk -F, -v buurt="$1" '$2 == buurt { print $NF }' "$work/print/cheques.csv" | head -n "$2"; }
codes BU00140103 3 >"$work/paper.txt"
at 2026-03-10T10:00:00Z cheques redeem --file paper.txt --initiative 1
at 2026-03-10T10:00:00Z cheques checkpoint --round "$round"
for code in $(codes BU00140102 2); do
  at 2026-04-01T12:00:00Z cheques redeem --code "$code" --initiative 2
done
at 2026-07-02T09:00:00Z cheques settle --round "$round"
at 2026-07-02T09:00:00Z cheques export --round "$round" --out record

rm -rf "$out"
mkdir -p "$out/variants"
cp -R "$work/record" "$out/record"
if [ "$mode" = bound ]; then
  cp -R "$work/prepublication" "$out/prepublication"
  cat >"$out/README.md" <<'MD'
# Test vectors: a small pre-published cheque round of format 2

`record/` is the complete record of the round of `TestVectors/cheque-round-small` (46 cheques of EUR 7.50 on the
example register, "Moestuin" funded with three paper cheques, "Speelplek" not with two online ones), made again in
format 2: every cheque has a key derived from its code, the issued set commits to the keys, and every redemption is
signed by its cheque (docs/record.md, "Cheque keys (format 2)"). The initiatives were registered and the round was
pre-published (`buurtstem cheques round publish`) before the first redemption: `prepublication/` is that folder, and
the record holds its `prepublication.json`. `buurtstem-verify record --pinned prepublication` passes every check;
each folder in `variants/` is the record with one change, and `expected.json` lists the checks it fails when verified
pinned to `prepublication/` (by the names `buurtstem-verify --json` uses, in report order).

`scripts/make-cheque-vectors.sh bound` made them and makes them again (keys and codes are random; the verdicts stay).
The keys that signed them are throwaway test keys, deleted with the printed codes right after the export; the data
is synthetic. `Tests/BuurtstemVerifierTests/ChequeTestVectorTests.swift` runs them.
MD
else
  cat >"$out/README.md" <<'MD'
# Test vectors: a small cheque round record

`record/` is the complete record of a settled cheque round (round `2026-voorjaar` of Groningen, GM0014: 46 cheques
of EUR 7.50, one per household of the example register in `Examples/groningen/`; initiative 1 "Moestuin", target
EUR 15.00, got three paper cheques and is funded; initiative 2 "Speelplek", target EUR 100.00, got two online
cheques and is not), exported by `buurtstem cheques export` after `buurtstem cheques settle`.
`buurtstem-verify record` passes every check. Each folder in `variants/` is the same record with one change an
attacker might make; `expected.json` says what was changed and which checks must fail (by the names
`buurtstem-verify --json` uses, in report order).

Someone writing another verifier from docs/record.md ("Cheque rounds") can check it against these: the record must
pass, every variant must fail, ideally with the same checks. `Tests/BuurtstemVerifierTests/ChequeTestVectorTests.swift`
runs them. The round is of format 1 (its cheques have no keys, its redemptions are signed by no cheque), the only
committed one: `Tests/BuurtstemVerifierTests/ChequeFormat1BytesTests.swift` rebuilds its issued leaves, issued-set
signature and ledger entries by hand from docs/record.md and compares them with the engine's and the verifier's.

`scripts/make-cheque-vectors.sh` made them (it now refuses to make them again: the engine issues format 2). It set the clock with `BUURTSTEM_NOW` (issue on
2026-02-20, redemptions on 2026-03-10 and 2026-04-01, settlement on 2026-07-02), so dates and amounts repeat; keys
and cheque codes are random, so a rerun changes every hash, key and signature, but not the verdicts (the script
stops if one differs from expected.json). The keys that signed this record are throwaway test keys, deleted with
the printed codes right after the export. The data is synthetic: the example register's households (no address
reaches the record) and the initiatives are made up.
MD
fi

python3 - "$out" "$bin/buurtstem-verify" "$root/scripts" "$mode" <<'PY'
"""Writes the tampered variants and expected.json, then checks every verdict with buurtstem-verify --json."""
import hashlib
import json
import struct
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[3])
from vectors import flip_byte, lines, replace_once, sized, write_and_check, write_lines  # noqa: E402

out, verify, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[4]
record = out / "record"
ROUND = "2026-voorjaar"


def leaf_hash(entry):
    """The ledger entry's leaf hash (docs/record.md, "ledger.jsonl"): what an attacker who knows the format writes.
    Format 2 (with cheque_key): the signed bytes with the key, then the signature as it stands."""
    bound = "cheque_key" in entry
    entry_bytes = (sized("buurtstem/cheque-redemption/v2" if bound else "buurtstem/cheque-redemption/v1") + sized(ROUND)
                   + struct.pack(">Q", entry["sequence"]) + bytes.fromhex(entry["code_hash"])
                   + (bytes.fromhex(entry["cheque_key"]) if bound else b"") + struct.pack(">Q", entry["initiative"])
                   + sized(entry["channel"]) + struct.pack(">Q", entry["value_cents"]) + struct.pack(">q", entry["time_ms"])
                   + (bytes.fromhex(entry["signature"]) if bound else b""))
    return hashlib.sha256(b"\x00" + entry_bytes).hexdigest()


def json_line(entry):
    return json.dumps(entry, sort_keys=True, separators=(",", ":"))


def moved_redemption(folder):
    ledger = lines(folder, "ledger.jsonl")
    entry = dict(json.loads(ledger[0]), initiative=2)
    ledger[0] = json_line(dict(entry, leaf_hash=leaf_hash(entry)))
    write_lines(folder, "ledger.jsonl", ledger)


def forged_redemption(folder):
    ledger = lines(folder, "ledger.jsonl")
    last = json.loads(ledger[-1])
    redeemed = {json.loads(line)["code_hash"] for line in ledger}
    unused = next(json.loads(line) for line in lines(folder, "issued-cheques.jsonl")
                  if json.loads(line)["buurt"] == "BU00140103" and json.loads(line)["code_hash"] not in redeemed)
    # The insider has no cheque's code: it names a key of its own and signs with it (here: bytes that sign nothing).
    entry = dict(last, sequence=last["sequence"] + 1, code_hash=unused["code_hash"], initiative=1, channel="paper",
                 cheque_key=hashlib.sha256(b"the insider's own key").hexdigest(), signature=hashlib.sha512(b"a signature").hexdigest())
    ledger.append(json_line(dict(entry, leaf_hash=leaf_hash(entry))))
    write_lines(folder, "ledger.jsonl", ledger)


def unsigned_redemption(folder):
    ledger = lines(folder, "ledger.jsonl")
    entry = json.loads(ledger[0])
    del entry["cheque_key"], entry["signature"]
    ledger[0] = json_line(dict(entry, leaf_hash=leaf_hash(entry)))
    write_lines(folder, "ledger.jsonl", ledger)


def added_initiative(folder):
    initiatives = lines(folder, "initiatives.jsonl")
    added = dict(json.loads(initiatives[1]), id=3, title="Buurtfeest van de wethouder")
    write_lines(folder, "initiatives.jsonl", initiatives + [json_line(added)])


def changed_terms(folder):
    round_file = json.loads((folder / "round.json").read_text(encoding="utf-8"))
    replace_once(folder, "round.json", '"valid_until":"2026-06-30"', '"valid_until":"2026-07-31"')
    replace_once(folder, "round.json", '"expires_ms":%d' % round_file["expires_ms"],
                 '"expires_ms":%d' % (round_file["expires_ms"] + 31 * 86_400_000))


def dropped_prepublication(folder):
    (folder / "prepublication.json").unlink()


def unissued_code(folder):
    ledger = lines(folder, "ledger.jsonl")
    entry = json.loads(ledger[0])
    forged = hashlib.sha256(b"a cheque that was never issued").hexdigest()
    ledger[0] = ledger[0].replace(entry["code_hash"], forged)
    ledger[0] = ledger[0].replace(entry["leaf_hash"], leaf_hash(dict(entry, code_hash=forged)))
    write_lines(folder, "ledger.jsonl", ledger)


def duplicated_redemption(folder):
    ledger = lines(folder, "ledger.jsonl")
    write_lines(folder, "ledger.jsonl", ledger[:4] + [ledger[3]] + ledger[4:])


def dropped_redemption(folder):
    ledger = lines(folder, "ledger.jsonl")
    write_lines(folder, "ledger.jsonl", ledger[:1] + ledger[2:])


def reordered_redemptions(folder):
    ledger = lines(folder, "ledger.jsonl")
    ledger[1], ledger[2] = ledger[2], ledger[1]
    write_lines(folder, "ledger.jsonl", ledger)


def altered_settlement(folder):
    replace_once(folder, "settlement.json", '"funded":true,"funded_cents":2250', '"funded":true,"funded_cents":3000')


def flipped_checkpoint_signature(folder):
    signature = json.loads(lines(folder, "checkpoints.jsonl")[0])["signature"]
    replace_once(folder, "checkpoints.jsonl", signature, flip_byte(signature))


def added_cheque(folder):
    issued = lines(folder, "issued-cheques.jsonl")
    forged = hashlib.sha256(b"a cheque that was never issued").hexdigest()
    issued.append('{"buurt":"BU00140100","code_hash":"%s"}' % forged)
    # At its place in the sorted order, so only the count and tree head give it away.
    write_lines(folder, "issued-cheques.jsonl", sorted(issued, key=lambda line: json.loads(line)["code_hash"]))


def truncated_ledger(folder):
    data = (folder / "ledger.jsonl").read_bytes()
    end = len(data) // 2
    if data[end - 1:end] == b"\n":
        end -= 2
    (folder / "ledger.jsonl").write_bytes(data[:end])


def changed_title(folder):
    replace_once(folder, "initiatives.jsonl", '"title":"Moestuin"', '"title":"Parkeerplaats"')


def renamed_buurt(folder):
    replace_once(folder, "round.json", '"name":"Professorenbuurt-Noord"', '"name":"Professorenbuurt-Zuid"')


def deleted_index(folder):
    (folder / "record.json").unlink()


def flipped_index_signature(folder):
    signature = json.loads((folder / "record.json").read_text(encoding="utf-8"))["signature"]
    replace_once(folder, "record.json", signature, flip_byte(signature))


# (folder name, change, tampering, the checks that must fail in report order). Reviewed against the verifier's
# report and docs/record.md, "What buurtstem-verify checks for a round".
VARIANTS = [
    ("unissued-code", "the first ledger entry's code_hash replaced by a hash not in the issued set, its leaf_hash recomputed",
     unissued_code, ["files", "ledger entries", "ledger checkpoints", "settlement"]),
    ("duplicated-redemption", "the fourth line of ledger.jsonl (a cheque for initiative 2) repeated right after itself",
     duplicated_redemption, ["files", "ledger entries", "ledger checkpoints", "settlement"]),
    ("dropped-redemption", "the second line of ledger.jsonl removed",
     dropped_redemption, ["files", "ledger entries", "ledger checkpoints", "settlement"]),
    ("reordered-redemptions", "the second and third lines of ledger.jsonl swapped",
     reordered_redemptions, ["files", "ledger entries", "ledger checkpoints", "settlement"]),
    ("altered-settlement", "initiative 1's funded_cents in settlement.json raised from 2250 to 3000",
     altered_settlement, ["files", "settlement"]),
    ("flipped-checkpoint-signature", "one bit of the first checkpoint's signature in checkpoints.jsonl flipped",
     flipped_checkpoint_signature, ["files", "ledger checkpoints"]),
    ("added-cheque", "a cheque that was never issued added to issued-cheques.jsonl at its sorted place",
     added_cheque, ["files", "issued set"]),
    ("truncated-ledger", "ledger.jsonl cut in the middle of a line",
     truncated_ledger, ["files", "ledger entries", "ledger checkpoints", "settlement"]),
    ("changed-title", "initiative 1's title in initiatives.jsonl changed (the index and the settlement sign it)",
     changed_title, ["files", "settlement"]),
    ("renamed-buurt", "a buurt's name in round.json changed (only the signed index covers it)",
     renamed_buurt, ["files"]),
    ("deleted-index", "record.json, the signed index, deleted",
     deleted_index, ["files"]),
    ("flipped-index-signature", "one bit of record.json's signature flipped",
     flipped_index_signature, ["files"]),
]


# The bound round, verified pinned to its pre-publication: report order starts with the two pinning checks.
BOUND_VARIANTS = [
    ("moved-redemption", "the first ledger entry moved from initiative 1 to initiative 2 (of another buurt), its leaf_hash recomputed",
     moved_redemption, ["files", "ledger entries", "redemption signatures", "ledger checkpoints", "settlement"]),
    ("forged-redemption", "a redemption added for a cheque nobody handed in, with a key and signature of the forger's own",
     forged_redemption, ["files", "redemption signatures", "ledger checkpoints", "settlement"]),
    ("unsigned-redemption", "the first ledger entry's cheque_key and signature removed (a format 1 entry), its leaf_hash recomputed",
     unsigned_redemption, ["files", "redemption signatures", "ledger checkpoints", "settlement"]),
    ("added-initiative", "an initiative 3 added to initiatives.jsonl after the pre-publication",
     added_initiative, ["pinned pre-publication", "pre-publication", "files", "settlement"]),
    ("changed-terms", "round.json's valid_until moved from 2026-06-30 to 2026-07-31 (and expires_ms with it)",
     changed_terms, ["pinned pre-publication", "pre-publication", "files", "issued set"]),
    ("dropped-prepublication", "prepublication.json deleted from the record (the index lists it)",
     dropped_prepublication, ["pinned pre-publication", "pre-publication", "files"]),
]

if mode == "bound":
    write_and_check(out, verify, BOUND_VARIANTS, pinned="prepublication")
else:
    write_and_check(out, verify, VARIANTS)
PY
rm -rf "$final"
mv "$out" "$final"
echo "replaced $final"
