"""Use-cases: the one place the core meets storage. Surfaces (CLI, web) call only these."""
