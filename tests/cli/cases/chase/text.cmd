$BIN --db "$DB" chase
