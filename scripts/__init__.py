"""Developer tooling: training when the data changed (make train), starting the stack for tests and benchmarks."""
