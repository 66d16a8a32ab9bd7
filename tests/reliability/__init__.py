"""Reliability tests: crash safety under SIGKILL and property-based fuzzing of inputs."""
