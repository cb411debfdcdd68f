"""Developer and operator tooling run by the Makefile (training, domain sync)."""
