"""Deploy targets: a folder, a git branch, rsync. The built output in, a published site out."""
