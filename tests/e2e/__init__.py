"""End-to-end tests: the program started through its real entry point on a fresh home."""
