$BIN --db "$DB" chase --owner nobody --format json
