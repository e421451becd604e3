$BIN --db "$DB" actions --review islington-2024-childrens-workforce --open
