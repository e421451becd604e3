$BIN --db "$DB" list --committee "children's services"
