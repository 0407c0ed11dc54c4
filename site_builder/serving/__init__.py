"""`site-builder serve`: the preview server, watching, rebuilding on save and live reload."""
