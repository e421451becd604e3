$BIN --db "$DB" chase --format markdown
