"""Site settings. Edit these (and content/sources.opml) to make the digest yours.

Paths are relative to this file, so the site builds from any working directory.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

SITENAME = "News Digest"
SITESUBTITLE = "Yesterday's news from many sources, grouped by story, with links to the originals"
SITEURL = "https://news-digest.example"  # publishconf.py sets the real one for GitHub Pages
RELATIVE_URLS = True  # the demo opens straight from output/ on disk
AUTHOR = "News Digest"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%d %b %Y"

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["news_digest"]

# Stories come from the store, not from files: content/ holds the sources file, the demo
# feeds and the About page only.
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
ARTICLE_EXCLUDES = ["feeds", "mirror"]
PAGE_EXCLUDES = ["feeds", "mirror"]

# Permalinks carry the story's first date and its slug, both fixed once published.
ARTICLE_URL = "stories/{date:%Y}/{date:%m}/{date:%d}/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_URL
PAGE_URL = "{slug}.html"
PAGE_SAVE_AS = PAGE_URL
CATEGORY_URL = "topics/{slug}.html"
CATEGORY_SAVE_AS = CATEGORY_URL
CATEGORIES_SAVE_AS = "categories.html"
ARCHIVES_SAVE_AS = "archives.html"
# The front page and day pages come from the digest generator.
DIRECT_TEMPLATES = ["archives", "categories"]
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/topics/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/topics/{slug}.rss.xml"
FEED_ATOM = None
FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 100
RSS_FEED_SUMMARY_ONLY = False

# Untrusted text is escaped everywhere in the templates.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}

LOAD_CONTENT_CACHE = False

# News Digest. Every DIGEST_* name is checked at start-up; see the README for all of them.
DIGEST_SOURCES = str(HERE / "content" / "sources.opml")
DIGEST_STORE = str(HERE / "cache" / "digest.sqlite")
DIGEST_LOCAL_ROOT = str(HERE / "content")
# Saved copies of article pages (host/path), read instead of the network when present:
# the demo feeds' articles live on .example domains and are all here.
DIGEST_OFFLINE_MIRROR = str(HERE / "content" / "mirror")
DIGEST_STORY_WINDOW_DAYS = 3
DIGEST_SUMMARY_SENTENCES = 3
DIGEST_FRONT_PAGE_STORIES = 40
