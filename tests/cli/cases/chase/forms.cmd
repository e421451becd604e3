$BIN --db "$DB" chase --forms "$TMP/forms-case" --format json >/dev/null &&
    cat "$TMP/forms-case/jo-bloggs.csv" "$TMP/forms-case/no-owner.csv"
