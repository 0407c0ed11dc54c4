"""The only writer of the output folder, its lock, and the link check over what a build wrote."""
