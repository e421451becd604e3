$BIN --db "$DB" chase --before 2026-12-31 --owner jo
