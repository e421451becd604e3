$BIN --db "$DB" chase --format csv
