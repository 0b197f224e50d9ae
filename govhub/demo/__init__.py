"""Demo data: a living community for `make run` and for benchmarks."""
