"""flakebpf's benchmark (`cargo xtask bench`): the six figures of issue 10,
one module each, measured side by side (traced vs plain, alternating)."""
