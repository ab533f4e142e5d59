//! Everything flakebpf knows about CPython versions (placeholder, being written).
