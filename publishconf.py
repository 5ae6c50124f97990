"""Settings for the published site (GitHub Pages): absolute URLs for feeds and links."""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

# The nightly workflow passes the Pages URL; forks get theirs automatically.
SITEURL = os.environ.get("SITEURL", "https://news-digest.example").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
