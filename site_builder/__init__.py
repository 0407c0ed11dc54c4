"""site-builder: a static site generator for curated, multilingual news digests."""

__version__ = "0.2.0"
