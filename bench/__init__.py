"""Benchmark harness: `python bench/run.py` measures the report against the naive pipeline, the
library at a region's full scale on synthetic data, and parallel batch runs."""
