$BIN --db "$DB" report --committee "children's services" --since 2026-01-01
