$BIN --db "$DB" chase --owner nobody
