$BIN --db "$DB" list --review islington-2023-making-children-visible --sort id --limit 3 --format csv
