$BIN --db "$DB" chase --committee nosuch
