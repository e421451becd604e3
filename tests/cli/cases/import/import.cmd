$BIN --db "$NEW" import data/islington/childrens-workforce-2024.yaml data/islington/making-children-visible-2023.yaml data/slough/scf-workforce-strategy-2023.yaml
