"""Reading the curator's files: the content folder, front matter and its YAML, slugs. Files in, articles out."""
