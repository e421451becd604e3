$BIN --db "$DB" import data/*/*.yaml
