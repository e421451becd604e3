#!/bin/sh
# area-model.sh: one model of a recommendation. Every writer walks the
# struct the loader fills (recload.c): show --format json and yaml hold
# what export holds, part for part, for every recommendation; import
# compares a file's recommendation with the one held field by field.
. "$(dirname "$0")/lib.sh"

DB=$TMP/m.db
RT="$BIN --db $DB"
H=islington-2023-making-children-visible/1
$RAW_BIN --db "$DB" import data/*/*.yaml tests/fixtures/track/roundtrip.yaml \
    >/dev/null || { echo "cannot import data/"; exit 1; }

# every part in play: replaced responses, a 'set', an action's word, updates
printf 'The first answer.\n' > "$TMP/r1.txt"
run m-replace 0 $RT respond $H --decision noted --text-file "$TMP/r1.txt" --replace
run m-set 0 $RT set $H --owner "Head of Learning" --addressee "The Executive"
run m-status 0 $RT status $H accepted --note "Started"
run m-action 0 $RT action 5 done --note "Done"
ids=$(q "$DB" 'SELECT id FROM recs ORDER BY id')

# --- show's formats hold the export's record, part for part ---------------
run m-export 0 $RT export --format json
run m-export-yaml 0 $RT export
: > "$TMP/shows"
for id in $ids; do
	$RT show "$id" --format json > "$TMP/show-$id.json" || bad "show $id json"
	$RT show "$id" --format yaml > "$TMP/show-$id.yaml" || bad "show $id yaml"
	echo "$id" >> "$TMP/shows"
done
cat > "$TMP/compare.py" <<'EOF'
import json, sys, yaml
tmp = sys.argv[1]
exp = json.load(open(tmp + "/m-export.out"))
expy = list(yaml.load_all(open(tmp + "/m-export-yaml.out"), Loader=yaml.BaseLoader))
recs, recsy = {}, {}
for doc in exp:
    for rv in doc.get("reviews", []):
        for r in rv.get("recommendations", []):
            recs[(rv["id"], r["ref"])] = r
for doc in expy:
    for rv in doc.get("reviews", []):
        for r in rv.get("recommendations", []):
            recsy[(rv["id"], str(r["ref"]))] = r
def drop_nulls(d, skip=()):
    return {k: v for k, v in d.items() if v is not None and k not in skip}
bad = 0
for line in open(tmp + "/shows"):
    i = line.strip()
    s = json.load(open(tmp + "/show-%s.json" % i))
    y = yaml.load(open(tmp + "/show-%s.yaml" % i), Loader=yaml.BaseLoader)
    key = (s["review"], s["ref"])
    r = recs[key]
    want = {
        "findings": r.get("findings", []),
        "evidence": [e if isinstance(e, dict) else e for e in
                     r.get("evidence", [])],
        "updates": [drop_nulls(u, ("recorded",)) for u in r.get("updates", [])],
    }
    got = {
        "findings": s["findings"],
        "evidence": [drop_nulls(e) if not (isinstance(r.get("evidence", [])[n], str))
                     else e["id"] for n, e in enumerate(s["evidence"])],
        "updates": [{k: v for k, v in drop_nulls(u).items()
                     if not (k in ("forced", "signed_off", "retracted") and v is False)
                     and k != "number"} for u in s["updates"]],
    }
    if "response" in r:
        p = dict(r["response"])
        acts = p.pop("actions", [])
        repl = p.pop("replaced", [])
        p.pop("cli_recorded", None)
        want["response"] = p
        want["actions"] = [drop_nulls(a, ("cli_recorded", "status")) for a in acts]
        want["replaced"] = repl
        sp = dict(s["response"])
        got["actions"] = [drop_nulls(a, ("number", "overdue", "status"))
                          for a in sp.pop("actions")]
        got["response"] = drop_nulls(sp)
        got["replaced"] = [{k: v for k, v in drop_nulls(x).items()
                            if not (k == "interim" and v is False)}
                           for x in s["replaced_responses"]]
    elif s["response"] is not None:
        got["response"] = s["response"]
    for k in ("title", "addressee", "text", "owner"):
        if r.get(k) != s[k] and not (k == "owner" and s[k] is None):
            print("%s: %s differs" % (i, k)); bad = 1
    if want != got:
        print("%s: show --format json differs from export:\n%s\n%s" % (i, want, got))
        bad = 1
    if y != recsy[key]:
        print("%s: show --format yaml differs from export" % i)
        bad = 1
sys.exit(bad)
EOF
run m-compare 0 python3 "$TMP/compare.py" "$TMP"
check "[ \$(wc -l < $TMP/shows) -gt 30 ]" "too few recommendations compared"
empty m-compare out
check "[ \"\$(jq -r '.replaced_responses | length' < $TMP/show-$(q "$DB" "SELECT r.id FROM recs r JOIN reviews v ON v.id = r.review_id WHERE v.rid || '/' || r.ref = '$H'").json)\" = 1 ]" "show lost a replaced response"

# --- JSON escapes what was written around rectrack, and stays valid ------
q "$DB" "UPDATE actions SET note = 'bad' || char(27) || '[31m' || char(1) WHERE id = 5"
run m-ctl 0 $RT show $H --format json
run m-ctl-valid 0 python3 -m json.tool "$TMP/m-ctl.out"
has m-ctl out '"note": "bad\u001b[31m\u0001"'
run m-ctl-text 0 $RT show $H
lacks m-ctl-text out "$(printf '\033')"

# --- import compares the file's recommendation with the one held ----------
run m-reexport 0 $RT export
run m-reimport 0 $RT import "$TMP/m-reexport.out"
has m-reimport out "nothing changed"
before=$(dump "$DB")
# an older file: the owner 'set' recorded stays, the rest of it is the same
run m-old 0 $BIN --db "$TMP/old.db" import data/*/*.yaml
run m-old-export 0 $BIN --db "$TMP/old.db" export --review islington-2023-making-children-visible
run m-old-into 0 $RT import "$TMP/m-old-export.out"
has m-old-into err "keeping the addressee recorded with 'rectrack set'"
has m-old-into err "keeping the response recorded with 'rectrack respond'"
run m-after 0 $RT show $H --format json
check "[ \"\$(jq -r '[.owner, .addressee, (.replaced_responses | length), .response.actions[0].status] | join(\"|\")' < $TMP/m-after.out)\" = 'Head of Learning|The Executive|1|done' ]" "an older file undid what the command line recorded"
check "[ \"\$(dump $DB)\" = $before ]" "an older file holding nothing new changed the database"
# a changed field is seen, and only that
sed 's/^\(    text: \)The Council should consultatively/\1The Council shall consultatively/' \
    "$TMP/m-reexport.out" > "$TMP/changed.yaml"
check "! cmp -s $TMP/changed.yaml $TMP/m-reexport.out" "the edit did not apply"
run m-changed 0 $RT import "$TMP/changed.yaml"
check "[ \"\$(awk '\$1 == \"recommendations\" { print \$2, \$3 }' < $TMP/m-changed.out)\" = '0 1' ]" "a changed text not counted as one changed recommendation"
run m-changed-show 0 $RT show $H --format json
check "[ \"\$(jq -r '.text | startswith(\"The Council shall\")' < $TMP/m-changed-show.out)\" = true ]" "the changed text was not stored"
# identical replaced responses count as copies: importing twice adds none
run m-twice1 0 $RT export
run m-twice2 0 $RT import "$TMP/m-twice1.out"
has m-twice2 out "nothing changed"
check "[ \"\$(q $DB 'SELECT count(*) FROM response_history')\" = 1 ]" "a replaced response was added again"

finish model
