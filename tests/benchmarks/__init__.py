"""Benchmarks of the performance budgets; run with `make bench` (see README)."""
