"""The speed layer: the in-process memo of `serve`, the cache folder, work on every core, and the per-file
look-ups that let a build redo only what changed. Output never depends on it: a cold build gives the same bytes."""
