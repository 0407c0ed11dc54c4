"""Grouping articles into stories: features, clustering across languages, the optional encoder. Articles in, stories out."""
