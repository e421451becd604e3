$BIN --db "$DB" chase --format json
