"""Speed, memory and accuracy benchmarks: `python -m benchmarks.<area>` (see README)."""
