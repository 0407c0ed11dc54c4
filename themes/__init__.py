"""Built-in themes, installed as the package ``site_builder.themes``."""
