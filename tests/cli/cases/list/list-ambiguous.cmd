$BIN --db "$DB" list --committee scrutiny
