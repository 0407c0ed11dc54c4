"""`site-builder add`: fetching a page or a feed and clipping it into an article file."""
