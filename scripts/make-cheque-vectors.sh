#!/usr/bin/env bash
# Regenerates TestVectors/cheque-round-small: a settled cheque round made with the CLI on the shipped Groningen
# register, tampered copies of it, and expected.json with the checks each copy must fail.
#
# Keys and cheque codes are random, so a rerun changes hashes, keys and signatures; the round's terms, the clock
# (BUURTSTEM_NOW), the amounts, the changes and the verdicts stay the same. The expected verdicts are written
# here, not copied from the verifier: the script runs `buurtstem-verify --json` on every folder and stops if a
# verdict differs, so a rerun cannot quietly record a verifier regression as the expected answer.
set -euo pipefail
cd "$(dirname "$0")/.."
# SCRATCH=PATH (or SCRATCH_PATH=PATH) builds in that scratch folder (as `swift build --scratch-path PATH`).
bin="$(scripts/build-products.sh)"
root="$PWD"
final="$root/TestVectors/cheque-round-small"

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
at 2026-03-10T10:00:00Z initiative add --round "$round" --buurt BU00140103 --title Moestuin \
  --description "Een moestuin achter het buurthuis" --target 15.00 --deadline 2026-06-30
at 2026-03-10T10:00:00Z initiative add --round "$round" --buurt BU00140102 --title Speelplek --target 100 \
  --deadline 2026-05-31
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
runs them.

`scripts/make-cheque-vectors.sh` made them and makes them again. It sets the clock with `BUURTSTEM_NOW` (issue on
2026-02-20, redemptions on 2026-03-10 and 2026-04-01, settlement on 2026-07-02), so dates and amounts repeat; keys
and cheque codes are random, so a rerun changes every hash, key and signature, but not the verdicts (the script
stops if one differs from expected.json). The keys that signed this record are throwaway test keys, deleted with
the printed codes right after the export. The data is synthetic: the example register's households (no address
reaches the record) and the initiatives are made up.
MD

python3 - "$out" "$bin/buurtstem-verify" "$root/scripts" <<'PY'
"""Writes the tampered variants and expected.json, then checks every verdict with buurtstem-verify --json."""
import hashlib
import json
import struct
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[3])
from vectors import flip_byte, lines, replace_once, sized, write_and_check, write_lines  # noqa: E402

out, verify = Path(sys.argv[1]), sys.argv[2]
record = out / "record"
ROUND = "2026-voorjaar"


def leaf_hash(entry):
    """The ledger entry's leaf hash (docs/record.md, "ledger.jsonl"): what an attacker who knows the format writes."""
    entry_bytes = (sized("buurtstem/cheque-redemption/v1") + sized(ROUND) + struct.pack(">Q", entry["sequence"])
                   + bytes.fromhex(entry["code_hash"]) + struct.pack(">Q", entry["initiative"])
                   + sized(entry["channel"]) + struct.pack(">Q", entry["value_cents"]) + struct.pack(">q", entry["time_ms"]))
    return hashlib.sha256(b"\x00" + entry_bytes).hexdigest()


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


write_and_check(out, verify, VARIANTS)
PY
rm -rf "$final"
mv "$out" "$final"
echo "replaced $final"
