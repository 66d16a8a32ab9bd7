"""Windows and macOS behaviour simulated on Linux: the other system's modules, flags, code
pages and file system rules stood in for, one test per fault (see RELIABILITY.md)."""
