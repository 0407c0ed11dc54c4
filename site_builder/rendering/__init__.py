"""From the site to files: the theme, the views templates read, the pages, feeds, editions and search. A site in, files out."""
