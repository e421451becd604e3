$BIN --db "$DB" show islington-2024-childrens-workforce/2
