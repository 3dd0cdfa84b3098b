"""Speed and memory benchmarks (see benchmarks/README.md). Not part of the library."""
