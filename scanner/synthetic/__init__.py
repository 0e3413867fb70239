"""Synthetic, checksum-valid test data (never real people's) for the demo, tests and benchmarks."""
