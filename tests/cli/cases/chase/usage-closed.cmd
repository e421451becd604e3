$BIN --db "$DB" chase --closed
