"""News Digest: feeds in, a cleaned, summarized, story-grouped static digest out.

Also the Pelican plugin: `PLUGINS = ["news_digest"]` with `PLUGIN_PATHS = ["plugins"]`.
"""

__version__ = "0.1.0"


def register() -> None:
    """Pelican entry point; Pelican is imported only when the plugin is used."""
    from .site import register as _register

    _register()
