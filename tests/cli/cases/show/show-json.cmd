$BIN --db "$DB" show islington-2023-making-children-visible/1 --format json
