#!/usr/bin/env bash
# Regenerates TestVectors/proposals-small: a gemeente's proposals record made with the CLI on the shipped Groningen
# areas, tampered copies of it, and expected.json with the checks each copy must fail.
#
# The signing key is random, so a rerun changes keys, signatures and the hashes that cover them; the clock
# (BUURTSTEM_NOW), the aanvragen, the changes and the verdicts stay the same. The expected verdicts are written
# here, not copied from the verifier: the script runs `buurtstem-verify --json` on every folder and stops if a
# verdict differs. The leaf hashes of forged entries are computed here in Python from docs/record.md ("Proposals"),
# a second encoder next to the Swift one. Forgeries re-signed with the gemeente's own key are in
# Tests/BuurtstemCLITests/ProposalVerifyTests.swift (the key of these vectors is thrown away).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(scripts/build-products.sh)"
root="$PWD"
final="$root/TestVectors/proposals-small"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/vectors"
export BUURTSTEM_PASSPHRASE="throwaway test vector passphrase"

at() {
  local now="$1"
  shift
  if ! (cd "$work" && BUURTSTEM_NOW="$now" "$bin/buurtstem" "$@") >"$work/last.log" 2>&1; then
    echo "buurtstem $* failed:" >&2
    cat "$work/last.log" >&2
    exit 1
  fi
}

cat >"$work/aanvragen.csv" <<'CSV'
title,description,contact,area,amount,costs,own_hours,own_money,co_funders,goals
Speeltuin Javaplein,Nieuwe toestellen,anna@example.org,BU00140101,6000,Toestellen=4500;Plaatsing=1500,40,250,Woonstichting=1000,Meer ontmoeting
Schilderen brug,De brug opknappen,bert@example.org,BU00140102,2000,Verf=2000,,,,
Buurtfeest,Feest op het plein,carla@example.org,WK001402,450.00,Tent=300;Muziek=150,20,,,Samen
CSV
at 2026-03-01T08:00:00Z init --gemeente Groningen --code GM0014
at 2026-03-01T08:00:00Z areas import "$root/Examples/groningen/areas.csv"
at 2026-03-02T09:00:00Z proposal criteria "$root/Budgets/groningen-toetsingscriteria.yaml"
at 2026-03-02T09:00:00Z proposal import aanvragen.csv
for id in 1 2 3; do at 2026-03-09T09:00:00Z proposal move --id "$id" --to in_review --note "toetsing gestart"; done
at 2026-03-09T09:00:00Z proposal declare-interest --id 1 --assessor toetser-2 --statement "lid van de speeltuinvereniging"
for criterion in bewoners-actief voldoende-draagvlak past-in-wijkperspectief geen-regulier-beleid; do
  at 2026-03-10T09:00:00Z proposal assess --id 1 --criterion "$criterion" --assessor toetser-1 --met --reason Voldoet
  if [ "$criterion" = geen-regulier-beleid ]; then verdict=--not-met; reason="Onderhoud van de brug is regulier beleid"; else verdict=--met; reason="In orde"; fi
  at 2026-03-10T09:00:00Z proposal assess --id 2 --criterion "$criterion" --assessor toetser-2 "$verdict" --reason "$reason"
done
at 2026-03-11T09:00:00Z proposal decide --id 1
at 2026-03-11T09:00:00Z proposal decide --id 2
at 2026-03-12T09:00:00Z proposal withdraw --id 3 --note "de initiatiefnemer trekt het in"
at 2026-04-15T09:00:00Z proposal decide-by-wijkteam --id 1 --fund --reason "De toestellen zijn versleten; het wijkteam besluit zonder stemming"
at 2026-04-15T09:00:00Z proposal move --id 1 --to in_execution
at 2026-05-01T09:00:00Z proposal pay --id 1 --amount 2500 --milestone "Toestellen besteld"
at 2026-06-01T09:00:00Z proposal pay --id 1 --amount 3500 --milestone "Toestellen geplaatst" --evidence foto-javaplein-12.jpg
at 2026-06-02T09:00:00Z proposal move --id 1 --to completed --note "opgeleverd"
at 2026-06-02T10:00:00Z record export --proposals --out record

rm -rf "$out"
mkdir -p "$out/variants"
cp -R "$work/record" "$out/record"
cat >"$out/README.md" <<'MD'
# Test vectors: a small proposals record

`record/` is the complete proposals record of Groningen (GM0014) after one spring round of aanvragen, exported by
`buurtstem record export --proposals`: the Groningen toetsingscriteria in force; three aanvragen imported from a form
and one judged by every criterion: 1 "Speeltuin Javaplein" (EUR 6,000) admitted with toetser-2 recused, decided by
the wijkteam (funded, with its reasons naming the recusal), paid in two instalments and completed, with the
Woonstichting co-funding EUR 1,000 of it (its `co_funding` entry; `money.json` splits the money 5:1); 2 "Schilderen brug" rejected ("geen regulier beleid");
3 "Buurtfeest" withdrawn. `buurtstem-verify record` passes every check. Each folder in `variants/` is the same
record with one change; `expected.json` says what was changed and which checks must fail (in report order).

These variants are made without the gemeente's key, so the signed index or checkpoint also gives each away; the
forgeries a gemeente could make with its own key (re-signed) are tested in
`Tests/BuurtstemCLITests/ProposalVerifyTests.swift`, each caught by its rule check alone.

`scripts/make-proposal-vectors.sh` made them and makes them again (clock set with `BUURTSTEM_NOW`; the key is random
and thrown away, so a rerun changes keys and signatures but not the verdicts). The data is synthetic; no contact
reaches the record.
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
LOG_ID = "proposals/GM0014"


def leaf_hash(entry):
    """The entry's leaf hash (docs/record.md, "log.jsonl"), for the kinds forged here."""
    data = (sized("buurtstem/proposal-entry/v1") + sized(LOG_ID) + struct.pack(">Q", entry["sequence"])
            + struct.pack(">q", entry["time_ms"]) + struct.pack(">Q", entry["proposal"]) + sized(entry["kind"]))
    if entry["kind"] == "status":
        data += sized(entry["from"]) + sized(entry["to"]) + sized(entry["note"])
    elif entry["kind"] == "judgement":
        data += sized(entry["assessor"]) + sized(entry["criterion"]) + bytes([1 if entry["met"] else 0]) + sized(entry["reason"])
    elif entry["kind"] == "payment":
        data += struct.pack(">Q", entry["amount_cents"]) + sized(entry["milestone"]) + sized(entry["evidence"])
    elif entry["kind"] == "co_funding":
        data += struct.pack(">I", len(entry["co_funders"]))
        for funder in entry["co_funders"]:
            data += sized(funder["name"]) + struct.pack(">Q", funder["cents"])
    else:
        raise ValueError(entry["kind"])
    return hashlib.sha256(b"\x00" + data).hexdigest()


def line_of(entry):
    entry = dict(entry)
    entry["leaf_hash"] = leaf_hash(entry)
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def append(folder, entry):
    log = lines(folder, "log.jsonl")
    last = json.loads(log[-1])
    entry = dict(entry, sequence=last["sequence"] + 1, time_ms=last["time_ms"])
    write_lines(folder, "log.jsonl", log + [line_of(entry)])


def status_backwards(folder):
    append(folder, {"proposal": 1, "kind": "status", "from": "completed", "to": "in_execution", "note": "toch niet klaar"})


def payment_above_funded(folder):
    append(folder, {"proposal": 1, "kind": "payment", "amount_cents": 100, "milestone": "Nog een betaling", "evidence": ""})


def rewrite_entry(folder, matches, **changes):
    """Gives the one entry of log.jsonl that `matches` the fields `changes` and its leaf hash recomputed."""
    log = lines(folder, "log.jsonl")
    found = [index for index, text in enumerate(log) if matches(json.loads(text))]
    if len(found) != 1:
        raise ValueError(f"{len(found)} log entries match, not one")
    entry = dict(json.loads(log[found[0]]), **changes)
    del entry["leaf_hash"]
    log[found[0]] = line_of(entry)
    write_lines(folder, "log.jsonl", log)


def recused_judgement(folder):
    rewrite_entry(folder, lambda entry: entry["kind"] == "judgement" and entry["proposal"] == 1 and entry["criterion"] == "bewoners-actief",
                  assessor="toetser-2")


def wijkteam_without_reasons(folder):
    rewrite_entry(folder, lambda entry: entry["kind"] == "status" and entry["proposal"] == 1 and entry["from"] == "decided_by_wijkteam",
                  note="")


def co_funding_share_changed(folder):
    rewrite_entry(folder, lambda entry: entry["kind"] == "co_funding" and entry["proposal"] == 1,
                  co_funders=[{"name": "Woonstichting", "cents": 200000}])


def funder_total_changed(folder):
    money = json.loads((folder / "money.json").read_text())
    for funder in money["funders"]:
        if funder["funder"] == "Woonstichting":
            funder["committed_cents"] += 1
    (folder / "money.json").write_text(json.dumps(money, sort_keys=True, separators=(",", ":"), ensure_ascii=False))


def dropped_entry(folder):
    log = lines(folder, "log.jsonl")
    write_lines(folder, "log.jsonl", log[:6] + log[7:])


def changed_title(folder):
    proposals = lines(folder, "proposals.jsonl")
    proposals[0] = proposals[0].replace('"title":"Speeltuin Javaplein"', '"title":"Speeltuin Javaplein XL"')
    write_lines(folder, "proposals.jsonl", proposals)


def flipped_checkpoint_signature(folder):
    signature = json.loads(lines(folder, "checkpoints.jsonl")[-1])["signature"]
    replace_once(folder, "checkpoints.jsonl", signature, flip_byte(signature))


def deleted_index(folder):
    (folder / "record.json").unlink()


VARIANTS = [
    ("status-backwards", "a status entry moving proposal 1 from completed back to in_execution appended to log.jsonl, its leaf_hash computed",
     status_backwards, ["files", "log checkpoints", "statuses", "proposals"]),
    ("payment-above-funded", "a payment of 100 cents to proposal 1, already paid in full and completed, appended to log.jsonl",
     payment_above_funded, ["files", "log checkpoints", "payments", "money"]),
    ("recused-judgement", "proposal 1's judgement of bewoners-actief moved to toetser-2, who declared an interest, its leaf_hash recomputed",
     recused_judgement, ["files", "log checkpoints", "recusals"]),
    ("wijkteam-without-reasons", "the note of proposal 1's move from decided_by_wijkteam to funded (the wijkteam's reasons) emptied, its leaf_hash recomputed",
     wijkteam_without_reasons, ["files", "log checkpoints", "decisions"]),
    ("co-funding-share-changed", "the Woonstichting's share of proposal 1 in its co_funding entry doubled to 200000 cents, its leaf_hash recomputed",
     co_funding_share_changed, ["files", "log checkpoints", "proposals", "money"]),
    ("funder-total-changed", "the Woonstichting's committed total over every wijk in money.json raised by one cent",
     funder_total_changed, ["files", "money"]),
    ("dropped-entry", "the seventh line of log.jsonl (proposal 2 moved to in_review) removed: its judgements and decision then come while it is received",
     dropped_entry, ["files", "log entries", "log checkpoints", "statuses", "decisions"]),
    ("changed-title", "proposal 1's title in proposals.jsonl changed (it no longer matches the log, and the index covers it)",
     changed_title, ["files", "proposals"]),
    ("flipped-checkpoint-signature", "one bit of the checkpoint's signature flipped",
     flipped_checkpoint_signature, ["files", "log checkpoints"]),
    ("deleted-index", "record.json, the signed index, deleted",
     deleted_index, ["files"]),
]


write_and_check(out, verify, VARIANTS)
PY
rm -rf "$final"
mv "$out" "$final"
echo "replaced $final"
