"""Synthetic, checksum-valid test data (never real people's): used by the demo, tests and benchmarks."""
