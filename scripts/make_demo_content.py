#!/usr/bin/env python3
"""Generate the bundled demo content: feeds, mirrored article pages and the sources OPML.

Every outlet is fictional and lives on a reserved ``.example`` domain. The output is a pure
function of the data at the bottom of this file, so re-running the script gives byte-identical
files. The feeds and pages deliberately carry the noise real publishers produce (cookie banners,
share rows, "Lire aussi" links, WordPress comment forms, tracking parameters, double-escaped
entities, syndicated duplicates) because that noise is what the pipeline has to survive.

Usage::

    python scripts/make_demo_content.py          # (re)write content/feeds, content/mirror, OPML
    python scripts/make_demo_content.py --check  # also parse and validate what was written
"""

# ruff: noqa: E501  -- this file is mostly page templates and article text, kept unwrapped.

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIRST_DAY = datetime(2026, 11, 20, tzinfo=UTC)
LAST_DAY_END = datetime(2026, 11, 24, tzinfo=UTC)

MOIS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()
JOURS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class Outlet:
    """A fictional publisher with one feed."""

    key: str
    name: str
    host: str
    lang: str
    topic: str
    fmt: str  # "rss" or "atom"
    full_content: bool  # the feed carries whole articles, no page fetch needed
    utc_offset_hours: float
    template: str  # which page layout the mirror uses
    tagline: str
    feed_title: str = ""  # as the publisher's CMS writes it, entities and all
    full_text: str = "auto"
    republish: bool = False
    use_gmt: bool = False  # RFC 822 dates written with "GMT" instead of "+0000"

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(hours=self.utc_offset_hours))

    @property
    def site_url(self) -> str:
        return f"https://{self.host}/"

    @property
    def feed_path(self) -> str:
        return f"feeds/{self.key}.xml"


@dataclass
class Article:
    """One article as its outlet published it."""

    outlet: Outlet
    link: str
    published: datetime
    author: str
    title: str
    tags: tuple[str, ...]
    paragraphs: list[str]
    caption: str = ""
    credit: str = ""
    related: tuple[str, str] | None = None
    excerpt: str = ""
    subtitle: str = ""
    flags: frozenset[str] = frozenset()
    origin: Article | None = None  # set on an aggregator's copy of another outlet's article
    number: int = 0  # CMS post id, stable per article

    @property
    def body(self) -> list[str]:
        """Paragraphs without layout markers."""
        return [p for p in self.paragraphs if not p.startswith("{")]

    @property
    def slug(self) -> str:
        path = urlsplit(self.link).path.rstrip("/")
        return path.rsplit("/", 1)[-1].removesuffix(".html")

    @property
    def standfirst(self) -> str:
        """The untruncated summary a page shows under its headline and in its meta tags."""
        truncated = self.excerpt.endswith(("…", "…]", "..."))
        if self.body and (truncated or not self.excerpt):
            return first_sentence(self.body[0])
        return self.excerpt

    @property
    def image_url(self) -> str:
        return f"https://{self.outlet.host}/media/2026/11/{self.slug}.jpg"


# --------------------------------------------------------------------------- parsing the data


def parse_articles(outlet: Outlet, text: str) -> list[Article]:
    """Read one outlet's articles from the compact text format used at the bottom of the file.

    A record starts with ``## path | YYYY-MM-DD HH:MM | author | tag, tag``; then the title,
    optional ``img:``/``rel:``/``ex:``/``sub:``/``flags:`` lines, then one paragraph per line.
    The time is the outlet's local time. A path starting with ``https://`` marks a syndicated
    copy of another outlet's article.
    """
    articles = []
    for index, record in enumerate(re.split(r"^## ", text.strip(), flags=re.M)[1:], start=1):
        lines = [line.strip() for line in record.strip().splitlines() if line.strip()]
        path, stamp, author, tags = (part.strip() for part in lines[0].split("|"))
        published = datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=outlet.tz)
        link = path if path.startswith("https://") else f"https://{outlet.host}/{path}"
        fields: dict[str, str] = {}
        paragraphs: list[str] = []
        for line in lines[2:]:
            key, sep, value = line.partition(": ")
            if sep and key in {"img", "rel", "ex", "sub", "flags"}:
                fields[key] = value
            else:
                paragraphs.append(line)
        caption, _, credit = fields.get("img", "").partition(" | ")
        rel_title, _, rel_url = fields.get("rel", "").partition(" | ")
        articles.append(
            Article(
                outlet=outlet,
                link=link,
                published=published,
                author=author,
                title=lines[1] if len(lines) > 1 else "",
                tags=tuple(t.strip() for t in tags.split(",") if t.strip()),
                paragraphs=paragraphs,
                caption=caption,
                credit=credit,
                related=(rel_title, rel_url) if rel_url else None,
                excerpt=fields.get("ex", ""),
                subtitle=fields.get("sub", ""),
                flags=frozenset(f.strip() for f in fields.get("flags", "").split(",") if f),
                number=_post_number(outlet.key, index),
            )
        )
    return articles


def _post_number(key: str, index: int) -> int:
    # A stable CMS-looking id: a per-outlet base from a hash, plus a gap per article.
    base = int(hashlib.sha256(key.encode()).hexdigest()[:4], 16) * 3 + 20000
    return base + index * 37


def resolve_syndication(articles: list[Article]) -> None:
    """Fill an aggregator's copies from the original article they point at."""
    by_link = {a.link: a for a in articles if urlsplit(a.link).hostname == a.outlet.host}
    for article in articles:
        if urlsplit(article.link).hostname == article.outlet.host:
            continue
        origin = by_link.get(article.link)
        if origin is None or origin is article:
            raise SystemExit(f"syndicated link has no original: {article.link}")
        article.origin = origin
        article.title = article.title or origin.title
        article.author = article.author or origin.author
        article.paragraphs = article.paragraphs or origin.body
        article.tags = article.tags or origin.tags


def fill_defaults(articles_by_outlet: dict[str, list[Article]]) -> None:
    """Give every article a related link and an excerpt, deterministically."""
    for articles in articles_by_outlet.values():
        own = [a for a in articles if a.origin is None]
        ordered = sorted(own, key=lambda a: (a.published, a.link))
        for position, article in enumerate(ordered):
            if article.related is None and len(ordered) > 1:
                other = ordered[position - 1]
                article.related = (other.title, other.link)
        for article in articles:
            if not article.excerpt:
                article.excerpt = default_excerpt(article)


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (at least a few words long)."""
    match = re.match(r"(.{40,}?[.!?])\s+(?=[A-ZÀ-Ý«“\"])", text)
    return match.group(1) if match else text


def truncate(text: str, limit: int, suffix: str) -> str:
    """Cut text at a word boundary before ``limit`` characters and add ``suffix``."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + suffix


def default_excerpt(article: Article) -> str:
    """The excerpt each outlet's CMS would put in its feed."""
    lead = article.body[0] if article.body else article.title
    style = article.outlet.key
    if style == "les-actualites":
        return truncate(lead, 220, " […]")
    if style == "planete-info":
        return truncate(lead, 180, "…")
    if style == "morning-ledger":
        return truncate(lead, 200, "…")
    if style == "worldwire":
        return truncate(lead, 150, "...")
    if style == "harbour-post":
        return truncate(lead, 170, " […]")
    return first_sentence(lead)


# --------------------------------------------------------------------------- small helpers


def e(text: str) -> str:
    """Escape for HTML/XML text and attribute values."""
    return escape(text, quote=True)


def iso(dt: datetime) -> str:
    """RFC 3339, with ``Z`` for UTC as most Atom feeds write it."""
    text = dt.isoformat()
    return text.replace("+00:00", "Z")


def rfc822(dt: datetime, use_gmt: bool = False) -> str:
    """RFC 822 date, with a numeric zone unless the outlet writes GMT."""
    if use_gmt:
        return format_datetime(dt.astimezone(UTC), usegmt=True)
    return format_datetime(dt)


def date_fr(dt: datetime, with_time: bool = True) -> str:
    """French long date as newsrooms print it."""
    text = f"{dt.day} {MOIS[dt.month - 1]} {dt.year}"
    return f"{text} à {dt.hour:02d} h {dt.minute:02d}" if with_time else text


def date_en(dt: datetime, with_time: bool = True) -> str:
    """English long date as newsrooms print it."""
    hour = dt.hour % 12 or 12
    text = f"{dt.strftime('%B')} {dt.day}, {dt.year}"
    ampm = "a.m." if dt.hour < 12 else "p.m."
    return f"{text} at {hour}:{dt.minute:02d} {ampm}" if with_time else text


def author_slug(name: str) -> str:
    """URL slug for an author archive."""
    table = str.maketrans("àâäçéèêëîïôöùûüÿ", "aaaceeeeiioouuuy")
    return re.sub(r"[^a-z0-9]+", "-", name.lower().translate(table)).strip("-") or "redaction"


def share_url(network: str, article: Article) -> str:
    """A share-button target, as real pages embed them."""
    url = quote(article.link, safe="")
    if network == "facebook":
        return f"https://www.facebook.com/sharer/sharer.php?u={url}"
    if network == "twitter":
        return f"https://twitter.com/intent/tweet?url={url}&amp;text={quote(article.title)}"
    if network == "linkedin":
        return f"https://www.linkedin.com/shareArticle?mini=true&amp;url={url}"
    return f"mailto:?subject={quote(article.title)}&amp;body={url}"


def others(article: Article, pool: list[Article], count: int) -> list[Article]:
    """Other articles of the same outlet for sidebars, rotated so each page differs."""
    own = sorted((a for a in pool if a.origin is None), key=lambda a: a.link)
    if article not in own:
        return own[:count]
    start = own.index(article) + 1
    rotated = own[start:] + own[: start - 1]
    return rotated[:count]


def body_blocks(article: Article, figure: str, related: str) -> list[str]:
    """Paragraph HTML strings with the figure and related link placed as the page places them.

    Markers ``{figure}`` and ``{related}`` in the data put them at an exact spot; otherwise the
    related link goes in the middle of the body and the figure is left to the page header.
    """
    paragraphs = article.paragraphs
    blocks: list[str] = []
    has_related_marker = "{related}" in paragraphs
    middle = max(1, len(article.body) // 2)
    seen = 0
    for text in paragraphs:
        if text == "{figure}":
            blocks.append(figure)
            continue
        if text == "{related}":
            blocks.append(related)
            continue
        if not has_related_marker and seen == middle and related:
            blocks.append(related)
        blocks.append(text)
        seen += 1
    return blocks


def para(blocks: list[str], raw: set[str], css: str = "") -> str:
    """Render body blocks: text becomes <p>, prebuilt HTML passes through."""
    cls = f' class="{css}"' if css else ""
    out = []
    for block in blocks:
        out.append(block if block in raw else f"<p{cls}>{e(block)}</p>")
    return "\n".join(out)


COMMENTS_FR = (
    ("Mireille_29", "Merci pour cet article clair. On attend la suite."),
    ("jp.lefort", "Toujours les mêmes qui paient, comme d’habitude…"),
    ("Aline B.", "Article intéressant mais il manque l’avis des premiers concernés."),
    ("Gaston44", "Quelqu’un a la source du rapport cité ?"),
)
COMMENTS_EN = (
    ("harborwatcher", "Good reporting, but I'd like to see the full numbers."),
    ("Tom K.", "This is the first I've heard of it. Thanks for the context."),
    ("M. Alvarez", "Paywall again? Came here from the newsletter."),
    ("quietreader", "Same story every year, nothing changes."),
)


def comment_items(article: Article, css: str) -> str:
    """Two reader comments picked deterministically from a small pool."""
    pool = COMMENTS_FR if article.outlet.lang == "fr" else COMMENTS_EN
    picks = [pool[article.number % len(pool)], pool[(article.number // 7 + 1) % len(pool)]]
    return "\n".join(
        f'<div class="{css}"><p class="{css}__author">{e(who)}</p>'
        f'<p class="{css}__text">{e(what)}</p></div>'
        for who, what in picks
    )


def ld_json(article: Article) -> str:
    """schema.org NewsArticle metadata, as publishers embed it for search engines."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published.isoformat(),
        "author": {"@type": "Person", "name": article.author or article.outlet.name},
        "publisher": {"@type": "Organization", "name": article.outlet.name},
        "image": [article.image_url],
        "mainEntityOfPage": article.link,
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return '<script type="application/ld+json">' + text.replace("</", "<\\/") + "</script>"


def og_meta(article: Article, locale: str, title_suffix: str = "") -> str:
    """Open Graph and Twitter card tags."""
    return "\n".join(
        [
            f'<meta property="og:locale" content="{locale}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{e(article.title + title_suffix)}">',
            f'<meta property="og:description" content="{e(article.standfirst)}">',
            f'<meta property="og:url" content="{e(article.link)}">',
            f'<meta property="og:image" content="{e(article.image_url)}">',
            f'<meta property="og:site_name" content="{e(article.outlet.name)}">',
            f'<meta property="article:published_time" content="{article.published.isoformat()}">',
            '<meta name="twitter:card" content="summary_large_image">',
            f'<meta name="twitter:title" content="{e(article.title)}">',
        ]
    )


# --------------------------------------------------------------------------- page templates
# Each outlet's page has its own markup, class names and noise, as real sites do.


def page_quotidien(article: Article, pool: list[Article]) -> str:
    """Semantic HTML of a large French daily."""
    host = article.outlet.host
    rel_title, rel_url = article.related or ("", "")
    related = (
        '<section class="catcher catcher--inline"><span class="catcher__label">Lire aussi'
        f'</span> <a class="catcher__title js-article-read-also" href="{e(rel_url)}">'
        f"{e(rel_title)}</a></section>"
    )
    figure = (
        f'<figure class="article__media"><img src="{e(article.image_url)}" '
        f'alt="{e(article.caption)}" width="664" height="443" loading="lazy">'
        f'<figcaption class="article__legend">{e(article.caption)} '
        f'<span class="article__credit">{e(article.credit)}</span></figcaption></figure>'
    )
    blocks = body_blocks(article, figure, related)
    section = urlsplit(article.link).path.strip("/").split("/")[0]
    most_read = "\n".join(
        f'<li class="aside__item"><a href="{e(a.link)}">{e(a.title)}</a></li>'
        for a in others(article, pool, 5)
    )
    lead_figure = "" if "{figure}" in article.paragraphs else figure
    nav = "".join(
        f'<li class="Nav__item"><a href="/{slug}/">{label}</a></li>'
        for slug, label in (
            ("international", "International"),
            ("politique", "Politique"),
            ("societe", "Société"),
            ("economie", "Économie"),
            ("planete", "Planète"),
            ("culture", "Culture"),
            ("sport", "Sport"),
            ("idees", "Idées"),
        )
    )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{e(article.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{e(article.standfirst)}">
{og_meta(article, "fr_FR")}
<meta property="article:section" content="{e(section)}">
<link rel="canonical" href="{e(article.link)}">
<link rel="stylesheet" href="https://static.{host}/css/main.3f9a1c.css">
{ld_json(article)}
<script src="https://static.{host}/js/consent.7b21.js" defer></script>
<script src="https://static.{host}/js/paywall.91c0.js" defer></script>
</head>
<body class="page-article page-article--{e(section)}">
<div id="didomi-host"><div class="didomi-popup-notice" role="dialog" aria-label="Cookies">
<p class="didomi-notice-text">Avec votre accord, nous et nos 842 partenaires utilisons des cookies ou technologies similaires pour stocker et accéder à des informations personnelles comme votre visite sur ce site. Vous pouvez retirer votre consentement à tout moment en cliquant sur « Paramétrer les cookies » en bas de page.</p>
<button id="didomi-notice-agree-button">Accepter &amp; fermer</button>
<button class="didomi-notice-learn-more">Paramétrer les cookies</button>
<a href="#" class="didomi-continue-without-agreeing">Continuer sans accepter</a>
</div></div>
<header class="Header">
<a class="Header__logo" href="https://{host}/">Le Quotidien du Soir</a>
<nav class="Nav" aria-label="Rubriques"><ul class="Nav__menu">{nav}</ul></nav>
<div class="Header__account"><a class="Header__subscribe" href="/abonnement/">S’abonner dès 1 €</a> <a href="/connexion/">Se connecter</a></div>
</header>
<main class="zone zone--article">
<nav class="Breadcrumb"><a href="/">Accueil</a> › <a href="/{e(section)}/">{e(section.capitalize())}</a></nav>
<article class="article article--single" id="article-{article.number}">
<section class="article__header">
<p class="article__kicker">{e(article.tags[0] if article.tags else "")}</p>
<h1 class="article__title">{e(article.title)}</h1>
<p class="article__desc">{e(article.standfirst)}</p>
<p class="meta"><span class="meta__author">Par <a class="article__author-link" href="/signataires/{author_slug(article.author)}/">{e(article.author or "Le Quotidien du Soir")}</a></span>
<span class="meta__date">Publié le <time datetime="{article.published.isoformat()}">{date_fr(article.published)}</time></span>
<span class="meta__reading-time">Lecture {max(2, len(article.body))} min.</span></p>
</section>
{lead_figure}
<section class="article__content">
{para(blocks, {figure, related}, "article__paragraph")}
</section>
<div class="article__reactions"><p class="article__share-title">Partager</p>
<ul class="article__share">
<li><a class="share--facebook" href="{share_url("facebook", article)}">Facebook</a></li>
<li><a class="share--twitter" href="{share_url("twitter", article)}">Twitter</a></li>
<li><a class="share--linkedin" href="{share_url("linkedin", article)}">LinkedIn</a></li>
<li><a class="share--mail" href="{share_url("mail", article)}">Envoyer par e-mail</a></li>
<li><button class="share--copy" type="button">Copier le lien</button></li>
</ul></div>
<section class="newsletter-promo">
<h2 class="newsletter-promo__title">La lettre du soir</h2>
<p>Chaque soir à 18 heures, l’essentiel de l’actualité dans votre boîte mail.</p>
<form action="/newsletters/inscription" method="post"><input type="email" name="email" placeholder="Votre adresse e-mail" required> <button type="submit">S’inscrire</button></form>
</section>
</article>
<aside class="aside">
<section class="aside__most-read"><h2 class="aside__title">Les plus lus</h2>
<ol class="aside__list">
{most_read}
</ol></section>
<section class="aside__services"><h2 class="aside__title">Services</h2><ul><li><a href="/services/mots-croises/">Mots croisés</a></li><li><a href="/services/annonces-immobilieres/">Annonces immobilières</a></li><li><a href="/services/codes-promo/">Codes promo</a></li></ul></section>
</aside>
<section id="comments" class="comments">
<h2 class="comments__title">Réactions</h2>
{comment_items(article, "comment")}
<p class="comments__cta"><a href="/connexion/?redirect=comments">Laisser un commentaire</a> — L’espace des contributions est réservé aux abonnés.</p>
</section>
</main>
<footer class="Footer">
<ul class="Footer__links"><li><a href="/groupe/">Le groupe</a></li><li><a href="/mentions-legales/">Mentions légales</a></li><li><a href="/cgv/">Conditions générales de vente</a></li><li><a href="/confidentialite/">Politique de confidentialité</a></li><li><a href="/cookies/">Gestion des cookies</a></li><li><a href="/contact/">Nous contacter</a></li></ul>
<p class="Footer__copyright">© Le Quotidien du Soir 2026 — Reproduction interdite de tous les articles, sauf accord de la rédaction.</p>
</footer>
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"page":"article","id":{article.number}}});</script>
</body>
</html>
"""


def page_actualites(article: Article, pool: list[Article]) -> str:
    """A WordPress site on a magazine theme: div soup, English theme strings, Akismet."""
    host = article.outlet.host
    rel_title, rel_url = article.related or ("", "")
    related = f'<p><strong>Lire aussi</strong>\u00a0 <a href="{e(rel_url)}">{e(rel_title)}</a></p>'
    figure = (
        '<figure class="wp-block-image size-large"><img decoding="async" '
        f'src="{e(article.image_url)}" alt="" width="1024" height="683" '
        f'class="wp-image-{article.number + 3}">'
        f'<figcaption class="wp-element-caption">{e(article.caption)}<br>{e(article.credit)}'
        "</figcaption></figure>"
    )
    blocks = body_blocks(article, figure, related)
    featured = (
        ""
        if "{figure}" in article.paragraphs
        else f'<div class="td-post-featured-image">{figure}</div>'
    )
    posts = others(article, pool, 8)
    sidebar_recent = "\n".join(
        '<div class="td_module_6 td_module_wrap"><div class="item-details">'
        f'<h3 class="entry-title td-module-title"><a href="{e(a.link)}" rel="bookmark">'
        f"{e(a.title)}</a></h3>"
        '<div class="td-module-meta-info"><span class="td-post-date">'
        f'<time class="entry-date" datetime="{a.published.isoformat()}">'
        f"{date_fr(a.published, False)}</time></span></div></div></div>"
        for a in posts[:4]
    )
    sidebar_pick = "\n".join(
        '<div class="td_module_mx4 td_module_wrap"><h3 class="entry-title td-module-title">'
        f'<a href="{e(a.link)}" rel="bookmark">{e(a.title)}</a></h3></div>'
        for a in posts[4:7]
    )
    related_posts = "\n".join(
        f'<div class="td-related-span4"><h3 class="entry-title td-module-title"><a href="{e(a.link)}">'
        f"{e(a.title)}</a></h3></div>"
        for a in posts[1:4]
    )
    prev_post, next_post = posts[0], posts[-1]
    tags = "".join(f'<li><a href="/tag/{author_slug(t)}/">{e(t)}</a></li>' for t in article.tags)
    category = article.tags[0] if article.tags else "Actualité"
    day = article.published
    return f"""<!DOCTYPE html>
<html lang="fr-FR">
<head>
<meta charset="UTF-8">
<title>{e(article.title)} - Les Actualités</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1">
<meta name="description" content="{e(article.standfirst)}">
{og_meta(article, "fr_FR", " - Les Actualités")}
<meta name="author" content="{e(article.author)}">
<meta name="generator" content="WordPress 6.7.1">
<link rel="canonical" href="{e(article.link)}">
<link rel="shortlink" href="https://{host}/?p={article.number}">
<link rel="stylesheet" id="td-theme-css" href="https://{host}/wp-content/themes/Newspaper/style.css?ver=12.6.8" type="text/css" media="all">
<script type="text/javascript" src="https://{host}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
{ld_json(article)}
</head>
<body class="post-template-default single single-post postid-{article.number} single-format-standard td-standard-pack global-block-template-1 td-full-layout" itemscope="itemscope" itemtype="https://schema.org/WebPage">
<div class="td-scroll-up"><i class="td-icon-menu-up"></i></div>
<div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-wrap td-header-style-1">
<div class="td-header-top-menu-full td-container-wrap"><div class="td-container td-header-row td-header-top-menu"><div class="top-bar-style-1"><div class="td-header-sp-top-menu"><div class="td_data_time">{JOURS[day.weekday()]}, {MOIS[day.month - 1]} {day.day}, {day.year}</div>
<div class="menu-top-container"><ul id="menu-top" class="top-header-menu"><li class="menu-item"><a href="/contact/">Contact</a></li><li class="menu-item"><a href="/publicite/">Publicité</a></li><li class="menu-item"><a href="/mentions-legales/">Mentions légales</a></li></ul></div></div></div></div></div>
<div class="td-banner-wrap-full td-container-wrap"><div class="td-header-sp-logo"><a class="td-main-logo" href="https://{host}/"><img class="td-retina-data" src="https://{host}/wp-content/uploads/2024/02/logo-actualites.png" alt="Les Actualités" title="Les Actualités"><span class="td-visual-hidden">Les Actualités</span></a></div>
<div class="td-header-sp-recs"><div class="td-header-rec-wrap"><div class="td-a-rec td-a-rec-id-header"><ins class="adsbygoogle" style="display:inline-block;width:728px;height:90px" data-ad-slot="4471031377"></ins></div></div></div></div>
<div class="td-header-menu-wrap-full td-container-wrap"><div class="td-header-menu-wrap td-header-gradient"><div class="td-container td-header-row td-header-main-menu"><div id="td-header-menu" role="navigation"><div class="menu-main-container"><ul id="menu-main-1" class="sf-menu">
<li class="menu-item current-menu-item"><a href="https://{host}/">Accueil</a></li>
<li class="menu-item"><a href="/category/monde/">Monde</a></li><li class="menu-item"><a href="/category/france/">France</a></li><li class="menu-item"><a href="/category/economie/">Économie</a></li><li class="menu-item"><a href="/category/sante/">Santé</a></li><li class="menu-item"><a href="/category/culture/">Culture</a></li><li class="menu-item"><a href="/category/sport/">Sport</a></li>
</ul></div></div>
<div class="header-search-wrap"><div class="td-search-btns-wrap"><a id="td-header-search-button" href="#" role="button" aria-label="Search"><i class="td-icon-search"></i></a></div></div></div></div></div>
</div>
<div class="td-main-content-wrap td-container-wrap"><div class="td-container td-post-template-default">
<div class="td-crumb-container"><div class="entry-crumbs"><span><a title="" class="entry-crumb" href="https://{host}/">Accueil</a></span> <i class="td-icon-right td-bread-sep"></i> <span><a class="entry-crumb" href="/category/{author_slug(category)}/">{e(category)}</a></span></div></div>
<div class="td-pb-row"><div class="td-pb-span8 td-main-content" role="main"><div class="td-ss-main-content">
<article id="post-{article.number}" class="post-{article.number} post type-post status-publish format-standard has-post-thumbnail category-{author_slug(category)}">
<div class="td-post-header">
<ul class="td-category"><li class="entry-category"><a href="/category/{author_slug(category)}/">{e(category)}</a></li></ul>
<header class="td-post-title"><h1 class="entry-title">{e(article.title)}</h1>
<div class="td-module-meta-info"><div class="td-post-author-name"><div class="td-author-by">Par</div> <a href="/author/{author_slug(article.author)}/">{e(article.author)}</a><div class="td-author-line"> - </div></div>
<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{article.published.isoformat()}">{date_fr(article.published, False)}</time></span>
<div class="td-post-views"><i class="td-icon-views"></i><span class="td-nr-views-{article.number}">{article.number % 4000 + 311}</span></div>
<div class="td-post-comments"><a href="#respond"><i class="td-icon-comments"></i>0</a></div></div>
</header></div>
<div class="td-post-sharing-top"><div id="td_social_sharing_article_top" class="td-post-sharing td-ps-bg td-ps-notext td-post-sharing-style1"><div class="td-post-sharing-visible">
<a class="td-social-sharing-button td-social-sharing-button-js td-social-network td-social-facebook" href="{share_url("facebook", article)}" title="Facebook"><div class="td-social-but-icon"><i class="td-icon-facebook"></i></div><div class="td-social-but-text">Facebook</div></a>
<a class="td-social-sharing-button td-social-sharing-button-js td-social-network td-social-twitter" href="{share_url("twitter", article)}" title="Twitter"><div class="td-social-but-icon"><i class="td-icon-twitter"></i></div><div class="td-social-but-text">Twitter</div></a>
<a class="td-social-sharing-button td-social-sharing-button-js td-social-network td-social-whatsapp" href="https://api.whatsapp.com/send?text={quote(article.link, safe="")}" title="WhatsApp"><div class="td-social-but-icon"><i class="td-icon-whatsapp"></i></div><div class="td-social-but-text">WhatsApp</div></a>
</div></div></div>
{featured}
<div class="td-post-content tagdiv-type">
<p>{e(article.subtitle or article.title)}</p>
{para(blocks, {figure, related})}
<div class="td-a-rec td-a-rec-id-content_bottom"><ins class="adsbygoogle" data-ad-slot="9923461012"></ins></div>
</div>
<footer>
<div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>ÉTIQUETTES</span></li>{tags}</ul></div>
<div class="td-post-sharing-bottom"><div class="td-post-sharing-classic">Partager</div>
<a class="td-social-sharing-button td-social-facebook" href="{share_url("facebook", article)}">Facebook</a>
<a class="td-social-sharing-button td-social-twitter" href="{share_url("twitter", article)}">Twitter</a></div>
<div class="td-block-row td-post-next-prev"><div class="td-block-span6 td-post-prev-post"><div class="td-post-next-prev-content"><span>Article précédent</span><a href="{e(prev_post.link)}">{e(prev_post.title)}</a></div></div>
<div class="td-block-span6 td-post-next-post"><div class="td-post-next-prev-content"><span>Article suivant</span><a href="{e(next_post.link)}">{e(next_post.title)}</a></div></div></div>
<div class="author-box-wrap"><div class="desc"><div class="td-author-name vcard author"><span class="fn"><a href="/author/{author_slug(article.author)}/">{e(article.author)}</a></span></div></div></div>
</footer>
</article>
<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title td-block-title"><a class="td-related-left td-cur-simple-item" href="#">ARTICLES CONNEXES</a><a class="td-related-right" href="#">PLUS DE L'AUTEUR</a></h4>
<div class="td_block_inner td-related-row">
{related_posts}
</div></div>
<div class="comments" id="comments">
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>
<form action="https://{host}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>
<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> <span class="required-field-message">Required fields are marked <span class="required">*</span></span></p>
<div class="clearfix"></div>
<div class="comment-form-input-wrap td-form-comment"><textarea placeholder="Comment:" id="comment" name="comment" cols="45" rows="8" aria-required="true"></textarea><div class="td-warning-comment">Please enter your comment!</div></div>
<div class="comment-form-input-wrap td-form-author"><input class="" id="author" name="author" placeholder="Name:*" type="text" value="" size="30" aria-required="true"><div class="td-warning-author">Please enter your name here</div></div>
<div class="comment-form-input-wrap td-form-email"><input class="" id="email" name="email" placeholder="Email:*" type="text" value="" size="30" aria-required="true"><div class="td-warning-email-error">You have entered an incorrect email address!</div></div>
<div class="comment-form-input-wrap td-form-url"><input class="" id="url" name="url" placeholder="Website:" type="text" value="" size="30"></div>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"><label for="wp-comment-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"> <input type="hidden" name="comment_post_ID" value="{article.number}" id="comment_post_ID"></p>
<p style="display: none;"><input type="hidden" id="akismet_comment_nonce" name="akismet_comment_nonce" value="{article.number:x}"></p>
</form>
</div>
<p class="akismet_comment_form_privacy_notice">This site uses Akismet to reduce spam. <a href="https://akismet.com/privacy/" target="_blank" rel="nofollow noopener">Learn how your comment data is processed</a>.</p>
</div>
</div></div>
<div class="td-pb-span4 td-main-sidebar" role="complementary"><div class="td-ss-main-sidebar">
<div class="td_block_wrap td_block_7 td_block_widget"><div class="td-block-title-wrap"><h4 class="block-title td-block-title"><span class="td-pulldown-size">Recent News</span></h4></div>
<div class="td_block_inner">
{sidebar_recent}
</div></div>
<div class="td_block_wrap td_block_15 td_block_widget"><div class="td-block-title-wrap"><h4 class="block-title td-block-title"><span class="td-pulldown-size">Editor's Pick</span></h4></div>
<div class="td_block_inner">
{sidebar_pick}
</div></div>
<div class="td_block_wrap td_block_social_counter"><h4 class="block-title"><span>RESTEZ CONNECTÉS</span></h4><div class="td-social-list"><div class="td_social_type td_social_facebook"><span class="td_social_info">12,480</span><span class="td_social_info td_social_info_name">Fans</span><span class="td_social_button"><a href="https://www.facebook.com/lesactualites.example">J'aime</a></span></div>
<div class="td_social_type td_social_twitter"><span class="td_social_info">3,912</span><span class="td_social_info td_social_info_name">Followers</span><span class="td_social_button"><a href="https://twitter.com/lesactualites_ex">Suivre</a></span></div></div></div>
<div class="td_block_wrap tdb_newsletter"><h4 class="block-title"><span>Newsletter</span></h4><p>Recevez chaque matin nos derniers articles dans votre boîte mail.</p><form class="tnp-form" action="https://{host}/?na=s" method="post"><input class="tnp-email" type="email" name="ne" placeholder="Votre e-mail" required><input class="tnp-submit" type="submit" value="S'abonner"></form></div>
</div></div>
</div></div></div>
<div class="td-footer-wrapper td-footer-container td-container-wrap"><div class="td-container"><div class="td-pb-row"><div class="td-pb-span12"><div class="footer-text-wrap">Les Actualités - Toute l'actualité en continu, en France et dans le monde. Contactez-nous : <a href="mailto:redaction@{host}">redaction@{host}</a></div>
<div class="footer-social-wrap td-social-style-2"><span class="td-social-icon-wrap"><a href="https://www.facebook.com/lesactualites.example" title="Facebook"><i class="td-icon-font td-icon-facebook"></i></a></span></div></div></div></div></div>
<div class="td-sub-footer-container td-container-wrap"><div class="td-container"><div class="td-pb-row"><div class="td-pb-span td-sub-footer-menu"><ul class="td-subfooter-menu"><li><a href="/a-propos/">À propos</a></li><li><a href="/politique-de-confidentialite/">Politique de confidentialité</a></li><li><a href="/contact/">Contact</a></li></ul></div>
<div class="td-pb-span td-sub-footer-copy">© Copyright 2026 - Les Actualités. Tous droits réservés.</div></div></div></div>
<div id="cookie-law-info-bar" data-nosnippet="true"><span>Ce site utilise des cookies pour améliorer votre expérience. Nous supposons que vous êtes d'accord, mais vous pouvez vous désinscrire si vous le souhaitez. <a role="button" class="cli_settings_button">Paramètres des cookies</a> <a role="button" id="cookie_action_close_header" class="cli-plugin-button">ACCEPTER</a></span></div>
</div>
<script type="text/javascript" id="td-generated-footer-js">var tdBlocksArray = []; var tdLocalCache = {{}}; tdLocalCache.postId = {article.number};</script>
</body>
</html>
"""


def page_planete(article: Article, pool: list[Article]) -> str:
    """A French science and environment site: BEM-ish div layout, a chapô, an infobox."""
    host = article.outlet.host
    rel_title, rel_url = article.related or ("", "")
    related = (
        f'<div class="c-related"><span class="c-related__label">À lire aussi :</span> '
        f'<a class="c-related__link" href="{e(rel_url)}">{e(rel_title)}</a></div>'
    )
    figure = (
        f'<div class="c-article__visual"><picture><source srcset="{e(article.image_url)}'
        f'?w=1280 1280w" type="image/jpeg"><img src="{e(article.image_url)}" alt="'
        f'{e(article.caption)}"></picture><div class="c-article__caption">{e(article.caption)}'
        f' <span class="c-article__copyright">© {e(article.credit)}</span></div></div>'
    )
    blocks = body_blocks(article, figure, related)
    lead_figure = "" if "{figure}" in article.paragraphs else figure
    most_read = "\n".join(
        f'<li class="c-ranking__item"><span class="c-ranking__rank">{n}</span>'
        f'<a href="{e(a.link)}">{e(a.title)}</a></li>'
        for n, a in enumerate(others(article, pool, 5), start=1)
    )
    keywords = "".join(
        f'<a class="c-tag" href="/tag/{author_slug(t)}/">{e(t)}</a>' for t in article.tags
    )
    return f"""<!DOCTYPE html>
<html lang="fr" class="no-js">
<head>
<meta charset="utf-8">
<title>{e(article.title)} — Planète Info</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{e(article.standfirst)}">
<meta name="keywords" content="{e(", ".join(article.tags))}">
{og_meta(article, "fr_FR")}
<link rel="canonical" href="{e(article.link)}">
<link rel="stylesheet" href="https://{host}/assets/app.min.css?v=20261118">
<script src="https://{host}/assets/tarteaucitron/tarteaucitron.js"></script>
<script>tarteaucitron.init({{"privacyUrl": "/confidentialite", "hashtag": "#consentement", "orientation": "bottom"}});</script>
</head>
<body class="t-article">
<div id="tarteaucitronRoot"><div id="tarteaucitronAlertBig" class="tarteaucitronAlertBigBottom"><span id="tarteaucitronDisclaimerAlert">Planète Info utilise des cookies pour mesurer l’audience et vous proposer des contenus adaptés. Vous pouvez accepter ou refuser ces cookies, ou personnaliser vos choix.</span> <button id="tarteaucitronPersonalize2">✓ Tout accepter</button> <button id="tarteaucitronAllDenied2">✗ Tout refuser</button> <button id="tarteaucitronCloseAlert">Personnaliser</button></div></div>
<div class="c-header"><div class="c-header__inner"><a class="c-header__logo" href="https://{host}/">Planète<span>Info</span></a>
<div class="c-header__menu"><div class="c-menu"><a class="c-menu__item" href="/climat/">Climat</a><a class="c-menu__item" href="/biodiversite/">Biodiversité</a><a class="c-menu__item" href="/oceans/">Océans</a><a class="c-menu__item" href="/energie/">Énergie</a><a class="c-menu__item" href="/espace/">Espace</a><a class="c-menu__item" href="/sante/">Santé</a><a class="c-menu__item c-menu__item--highlight" href="/dossiers/">Nos dossiers</a></div></div>
<div class="c-header__actions"><a class="c-btn c-btn--donate" href="/soutenir/">Soutenez-nous</a> <a class="c-btn" href="/recherche/">Rechercher</a></div></div></div>
<div class="l-page"><div class="l-page__main">
<div class="c-article">
<div class="c-article__head">
<div class="c-article__tags">{keywords}</div>
<h1 class="c-article__title">{e(article.title)}</h1>
<div class="c-article__chapo">{e(article.standfirst)}</div>
<div class="c-article__infos"><span class="c-article__author">{e(article.author or "La rédaction")}</span> · <span class="c-article__date">Publié le {date_fr(article.published)}</span> · <span class="c-article__read">{2 + len(article.body) // 2} min de lecture</span></div>
</div>
{lead_figure}
<div class="c-article__content">
{para(blocks, {figure, related})}
</div>
<div class="c-share"><span class="c-share__label">Partager cet article</span> <a class="c-share__btn c-share__btn--fb" href="{share_url("facebook", article)}">Facebook</a> <a class="c-share__btn c-share__btn--tw" href="{share_url("twitter", article)}">Twitter</a> <a class="c-share__btn c-share__btn--li" href="{share_url("linkedin", article)}">LinkedIn</a> <a class="c-share__btn c-share__btn--mail" href="{share_url("mail", article)}">E-mail</a></div>
<div class="c-newsletter"><div class="c-newsletter__title">La lettre de Planète Info</div><div class="c-newsletter__text">Chaque vendredi, une sélection de nos meilleurs articles sur le climat et le vivant. Gratuit, sans publicité.</div><form class="c-newsletter__form" action="/newsletter" method="post"><input type="email" name="email" placeholder="votre@email.fr"><button>Je m’inscris</button></form></div>
<div class="c-donate">Planète Info est un média indépendant, sans actionnaire et sans publicité. <a href="/soutenir/">Faites un don</a> pour soutenir une information libre sur l’écologie.</div>
</div>
<div class="c-comments" id="commentaires"><div class="c-comments__title">Laisser un commentaire</div>
<div class="c-comments__notice">Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *</div>
<form class="c-comments__form" method="post" action="/commentaires"><textarea name="commentaire" placeholder="Votre commentaire *"></textarea><input name="nom" placeholder="Nom *"><input name="email" placeholder="E-mail *"><button>Publier</button></form>
{comment_items(article, "c-comment")}
</div>
</div>
<div class="l-page__side"><div class="c-sidebar">
<div class="c-ranking"><div class="c-ranking__title">Les plus lus</div><ol class="c-ranking__list">
{most_read}
</ol></div>
<div class="c-promo"><div class="c-promo__title">Hors-série</div><p>« Océans, l’urgence » : 132 pages pour comprendre. En kiosque et sur notre boutique.</p></div>
</div></div></div>
<div class="c-footer"><div class="c-footer__cols"><div class="c-footer__col"><a href="/qui-sommes-nous/">Qui sommes-nous ?</a><a href="/charte/">Notre charte</a><a href="/contact/">Contact</a></div><div class="c-footer__col"><a href="/mentions-legales/">Mentions légales</a><a href="/confidentialite/">Confidentialité</a><a href="#consentement">Gestion des cookies</a></div></div>
<div class="c-footer__copy">© 2026 Planète Info — Tous droits réservés. Textes et photos ne peuvent être reproduits sans autorisation.</div></div>
</body>
</html>
"""


def page_ledger(article: Article, pool: list[Article]) -> str:
    """An American daily: schema.org microdata, consent dialog, paywall hooks."""
    host = article.outlet.host
    rel_title, rel_url = article.related or ("", "")
    related = (
        f'<p class="related-inline"><strong>Read more:</strong> <a href="{e(rel_url)}">'
        f"{e(rel_title)}</a></p>"
    )
    figure = (
        f'<figure class="lead-art" itemprop="image" itemscope itemtype="https://schema.org/ImageObject">'
        f'<img src="{e(article.image_url)}" alt="{e(article.caption)}" width="1200" height="800">'
        f'<figcaption><span class="caption">{e(article.caption)}</span> '
        f'<span class="credit">{e(article.credit)}</span></figcaption></figure>'
    )
    blocks = body_blocks(article, figure, related)
    lead_figure = "" if "{figure}" in article.paragraphs else figure
    most_read = "\n".join(
        f'<li><a href="{e(a.link)}" data-track="most-read-{n}">{e(a.title)}</a></li>'
        for n, a in enumerate(others(article, pool, 5), start=1)
    )
    section = urlsplit(article.link).path.strip("/").split("/")[0]
    return f"""<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>{e(article.title)} - The Morning Ledger</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="description" content="{e(article.standfirst)}">
{og_meta(article, "en_US")}
<meta name="parsely-section" content="{e(section)}">
<link rel="canonical" href="{e(article.link)}">
<link rel="stylesheet" href="https://cdn.{host}/assets/story.css">
<script async src="https://cdn.{host}/assets/metering.js"></script>
</head>
<body class="template-story section-{e(section)}">
<div class="consent-banner" role="dialog" aria-modal="true" aria-labelledby="consent-title"><h2 id="consent-title">We value your privacy</h2><p>We and our partners use cookies to personalize content and ads, to provide social media features and to analyze our traffic. By clicking "Accept all", you agree to the storing of cookies on your device.</p><button class="consent-accept">Accept all</button> <button class="consent-manage">Manage preferences</button></div>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<div class="site-header__top"><button class="menu-toggle" aria-label="Sections">Sections</button> <a class="site-logo" href="https://{host}/">The Morning Ledger</a> <a class="subscribe-btn" href="/subscribe?ref=header">Subscribe for $1</a> <a class="login-link" href="/account/login">Log in</a></div>
<nav class="site-nav" aria-label="Main"><ul><li><a href="/world/">World</a></li><li><a href="/us/">U.S.</a></li><li><a href="/politics/">Politics</a></li><li><a href="/business/">Business</a></li><li><a href="/climate/">Climate</a></li><li><a href="/tech/">Tech</a></li><li><a href="/opinion/">Opinion</a></li><li><a href="/life/">Life</a></li></ul></nav>
</header>
<main id="main">
<article class="story" itemscope itemtype="https://schema.org/NewsArticle">
<header class="story-header">
<a class="story-section" href="/{e(section)}/">{e(section.capitalize())}</a>
<h1 class="story-headline" itemprop="headline">{e(article.title)}</h1>
<div class="byline">By <a rel="author" itemprop="author" href="/staff/{author_slug(article.author)}">{e(article.author or "Ledger Staff")}</a></div>
<div class="timestamp">Published <time itemprop="datePublished" datetime="{article.published.isoformat()}">{date_en(article.published)} ET</time></div>
<div class="share-tools share-tools--top"><a href="{share_url("facebook", article)}">Share on Facebook</a> <a href="{share_url("twitter", article)}">Share on Twitter</a> <a href="{share_url("mail", article)}">Email</a> <button class="gift-article">Gift this article</button></div>
</header>
{lead_figure}
<div class="story-body" itemprop="articleBody">
{para(blocks, {figure, related})}
</div>
<div class="share-tools share-tools--bottom"><span>Share this story:</span> <a href="{share_url("facebook", article)}">Facebook</a> <a href="{share_url("twitter", article)}">Twitter</a> <a href="{share_url("linkedin", article)}">LinkedIn</a></div>
<aside class="newsletter-promo"><h2>The Morning Ledger Briefing</h2><p>Get the day's most important stories, handpicked by our editors, every weekday at 6 a.m.</p><form action="/newsletters/signup" method="post"><label for="nl-email">Email address</label> <input id="nl-email" type="email" name="email"> <button>Sign up</button></form><p class="fine-print">By signing up you agree to our Terms of Use and Privacy Policy.</p></aside>
</article>
<aside class="rail"><section class="most-read"><h2>Most read</h2><ol>
{most_read}
</ol></section>
<section class="ad-slot" data-ad="rail-1"><p class="ad-label">Advertisement</p></section></aside>
<section class="comments" id="comments"><h2>Comments</h2>
{comment_items(article, "comment")}
<h3>Leave a Reply</h3><p>Comments are open to subscribers. <a href="/account/login?next=comments">Log in</a> or <a href="/subscribe?ref=comments">subscribe</a> to join the conversation.</p></section>
</main>
<footer class="site-footer"><nav><a href="/about/">About us</a> <a href="/contact/">Contact</a> <a href="/careers/">Careers</a> <a href="/terms/">Terms of Use</a> <a href="/privacy/">Privacy Policy</a> <a href="/privacy/#ccpa">Do Not Sell or Share My Personal Information</a></nav><p>© 2026 The Morning Ledger Company. All rights reserved.</p></footer>
<script>window.__LEDGER__={{"storyId":{article.number},"paywall":"metered"}};</script>
</body>
</html>
"""


def page_northwind(article: Article, pool: list[Article]) -> str:
    """A tech site built with a JS framework: hashed class names, nested divs, no <article>."""
    host = article.outlet.host
    rel_title, rel_url = article.related or ("", "")
    related = (
        f'<div class="RelatedLink_root__k2Pq8"><span class="RelatedLink_label__Zx1">Related:</span>'
        f' <a href="{e(rel_url)}">{e(rel_title)}</a></div>'
    )
    figure = (
        f'<div class="LeadMedia_root__3aF9c"><div class="LeadMedia_imgWrap__1Lw"><img '
        f'src="{e(article.image_url)}" alt="{e(article.caption)}" sizes="100vw"></div>'
        f'<p class="LeadMedia_caption__Qe7">{e(article.caption)}</p>'
        f'<p class="LeadMedia_credit__v8D">{e(article.credit)}</p></div>'
    )
    blocks = body_blocks(article, figure, related)
    lead_figure = "" if "{figure}" in article.paragraphs else figure
    picks = "\n".join(
        f'<li class="PickList_item__r5"><a href="{e(a.link)}">{e(a.title)}</a></li>'
        for a in others(article, pool, 4)
    )
    body = "\n".join(
        b if b in {figure, related} else f'<p class="Paragraph_p__9dLx2">{e(b)}</p>' for b in blocks
    )
    verdict = ""
    if "review" in article.tags:
        verdict = (
            '<div class="Verdict_box__u1Q"><span class="Verdict_label__o2">Northwind score</span>'
            f'<span class="Verdict_score__x3">{7 + article.number % 3}/10</span>'
            '<a class="Verdict_buy__z9" href="https://shop.partner.example/?ref=northwind">'
            "Check price</a></div>"
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(article.title)} | Northwind Tech Review</title>
<meta name="viewport" content="width=device-width">
<meta name="description" content="{e(article.standfirst)}">
{og_meta(article, "en_US")}
<link rel="canonical" href="{e(article.link)}">
<link rel="preload" as="script" href="/_next/static/chunks/main-9a8b7c.js">
<link rel="stylesheet" href="/_next/static/css/2f6e1d.css">
{ld_json(article)}
</head>
<body>
<div id="__next"><div class="Layout_root__Yq2">
<div class="css-1kq4x0c" data-component="TopNav"><div class="css-5dg0wa"><a class="css-yt0d6l" href="https://{host}/">NORTHWIND<span class="css-0">tech review</span></a>
<div class="css-9b2v0l"><a class="css-kx1q2" href="/reviews">Reviews</a><a class="css-kx1q2" href="/news">News</a><a class="css-kx1q2" href="/how-to">How-to</a><a class="css-kx1q2" href="/deals">Deals</a><a class="css-kx1q2" href="/podcast">Podcast</a></div>
<div class="css-3m1z"><a href="/newsletter" class="css-p0w1">Newsletter</a> <a href="/account/signin" class="css-p0w1">Sign in</a></div></div></div>
<div class="CookieNotice_bar__8Ugs" role="region" aria-label="Cookie notice"><div>We use cookies and similar tools to give you the best experience, measure traffic and show relevant offers. See our <a href="/privacy">Privacy Policy</a>.</div><div><button class="CookieNotice_accept__2T">OK, got it</button> <button class="CookieNotice_settings__L0">Cookie settings</button></div></div>
<div class="Page_grid__6HpV"><div class="Page_main__Lw3">
<div class="ArticleHeader_root__Fh3"><div class="ArticleHeader_kicker__cN1">{e(article.tags[0] if article.tags else "News")}</div>
<h1 class="ArticleHeader_title__x8K">{e(article.title)}</h1>
<div class="ArticleHeader_dek__q2W">{e(article.standfirst)}</div>
<div class="Byline_root__7Yh"><div class="Byline_avatar__j1"></div><div><a class="Byline_name__n9" href="/authors/{author_slug(article.author)}">{e(article.author)}</a><div class="Byline_date__t5"><time datetime="{article.published.isoformat()}">{date_en(article.published)} PT</time></div></div></div>
<div class="Disclosure_text__R4">When you buy through links on our site, we may earn an affiliate commission. Here’s how it works.</div></div>
{lead_figure}
<div class="ArticleBody_wrapper__a1b2c">
{body}
{verdict}
</div>
<div class="ShareRow_root__s9"><span>Share this story</span><a class="ShareRow_btn__1" href="{share_url("twitter", article)}">Share on Twitter</a><a class="ShareRow_btn__1" href="{share_url("facebook", article)}">Share on Facebook</a><a class="ShareRow_btn__1" href="https://www.reddit.com/submit?url={quote(article.link, safe="")}">Reddit</a><button class="ShareRow_copy__2">Copy link</button></div>
<div class="NewsletterCard_root__Lm"><h3 class="NewsletterCard_title__o">Get the Northwind Weekly</h3><p class="NewsletterCard_body__p">Reviews, deals and the one story you shouldn't miss. Every Friday.</p><form class="NewsletterCard_form__f"><input type="email" placeholder="you@example.com"><button type="submit">Subscribe</button></form></div>
<div class="Comments_root__c0" id="comments"><h3 class="Comments_title__h">Join the conversation</h3><p class="Comments_note__n">Leave a Reply. Your email address will not be published. Required fields are marked *</p>{comment_items(article, "Comment_item__q")}</div>
</div>
<div class="Page_rail__Qm1"><div class="PickList_root__f3"><h4 class="PickList_title__k">Editor's Pick</h4><ul class="PickList_list__z">
{picks}
</ul></div><div class="AdSlot_root__a1" data-slot="rail-top"></div></div></div>
<div class="Footer_root__F0"><div class="Footer_links__l"><a href="/about">About Northwind</a><a href="/ethics">Ethics policy</a><a href="/how-we-test">How we test</a><a href="/careers">Careers</a><a href="/privacy">Privacy</a><a href="/terms">Terms</a></div><div class="Footer_copy__c">© 2026 Northwind Media LLC. Northwind Tech Review may earn a commission from products purchased through our links.</div></div>
</div></div>
<script id="__NEXT_DATA__" type="application/json">{{"props":{{"pageProps":{{"id":{article.number}}}}},"page":"/[...slug]"}}</script>
</body>
</html>
"""


def page_worldwire(article: Article, pool: list[Article]) -> str:
    """A news agency wire site on an older CMS: table-free but deeply nested field wrappers."""
    host = article.outlet.host
    rel_title, rel_url = article.related or ("", "")
    related = (
        '<div class="field field-name-field-related"><div class="field-label">Related:&nbsp;'
        f'</div><div class="field-items"><div class="field-item even"><a href="{e(rel_url)}">'
        f"{e(rel_title)}</a></div></div></div>"
    )
    figure = (
        '<div class="field field-name-field-image"><div class="field-items"><div class="field-item'
        f' even"><img typeof="foaf:Image" src="{e(article.image_url)}" alt="" width="940" '
        'height="529"><div class="image-caption">'
        f'<p>{e(article.caption)}</p><p class="image-credit">Photo: {e(article.credit)}</p></div>'
        "</div></div></div>"
    )
    blocks = body_blocks(article, figure, related)
    lead_figure = "" if "{figure}" in article.paragraphs else figure
    latest = "\n".join(
        f'<li class="views-row"><a href="{e(a.link)}">{e(a.title)}</a> <span class="date">'
        f"{a.published.astimezone(UTC):%d %b %Y}</span></li>"
        for a in others(article, pool, 5)
    )
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr" prefix="og: http://ogp.me/ns#">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{e(article.title)} | WorldWire</title>
<meta name="description" content="{e(article.standfirst)}">
{og_meta(article, "en_GB")}
<link rel="canonical" href="{e(article.link)}">
<link rel="shortlink" href="https://{host}/node/{article.number}">
<link type="text/css" rel="stylesheet" href="https://{host}/sites/default/files/css/css_Xq3u0d.css" media="all">
<script src="https://{host}/misc/jquery.js?v=1.4.4"></script>
<script src="https://{host}/sites/all/modules/eu_cookie_compliance/js/eu_cookie_compliance.js"></script>
</head>
<body class="html not-front not-logged-in one-sidebar sidebar-second page-node page-node- page-node-{article.number} node-type-article">
<div id="skip-link"><a href="#main-content" class="element-invisible element-focusable">Skip to main content</a></div>
<div id="page-wrapper"><div id="page">
<div id="header"><div class="section clearfix"><a href="https://{host}/" title="Home" rel="home" id="logo">WorldWire</a><div id="site-slogan">Independent news from every continent</div>
<div class="region region-header"><div id="block-search-form" class="block block-search"><form action="/search" method="get"><input type="text" name="q" title="Enter the terms you wish to search for."><input type="submit" value="Search"></form></div></div></div></div>
<div id="navigation"><div class="section"><ul class="links inline clearfix" id="main-menu"><li class="menu-218 first"><a href="/">Home</a></li><li class="menu-412"><a href="/africa">Africa</a></li><li class="menu-413"><a href="/americas">Americas</a></li><li class="menu-414"><a href="/asia-pacific">Asia-Pacific</a></li><li class="menu-415"><a href="/europe">Europe</a></li><li class="menu-416"><a href="/business">Business</a></li><li class="menu-417 last"><a href="/partners">Partner content</a></li></ul></div></div>
<div id="main-wrapper"><div id="main" class="clearfix"><div id="content" class="column"><div class="section"><a id="main-content"></a>
<h1 class="title" id="page-title">{e(article.title)}</h1>
<div class="region region-content"><div id="block-system-main" class="block block-system"><div class="content">
<div id="node-{article.number}" class="node node-article node-promoted clearfix" about="/node/{article.number}" typeof="sioc:Item foaf:Document">
<div class="submitted"><span property="dc:date dc:created" content="{article.published.isoformat()}">Submitted by <span class="username">{e(article.author or "WorldWire desk")}</span> on {article.published.astimezone(UTC):%a, %d/%m/%Y - %H:%M} GMT</span></div>
<div class="content">
{lead_figure}
<div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items"><div class="field-item even" property="content:encoded">
{para(blocks, {figure, related})}
</div></div></div>
</div>
<ul class="links inline"><li class="service-links-facebook first"><a href="{share_url("facebook", article)}" title="Share on Facebook">Share on Facebook</a></li><li class="service-links-twitter"><a href="{share_url("twitter", article)}" title="Share this on Twitter">Twitter</a></li><li class="print_html last"><a href="/print/{article.number}" title="Display a printer-friendly version of this page.">Printer-friendly version</a></li></ul>
<div id="comments" class="comment-wrapper"><h2 class="title comment-form">Add new comment</h2><p>You must <a href="/user/login?destination=node/{article.number}%23comment-form">log in</a> or <a href="/user/register?destination=node/{article.number}%23comment-form">register</a> to post comments.</p></div>
</div></div></div></div></div></div>
<div id="sidebar-second" class="column sidebar"><div class="section"><div class="region region-sidebar-second">
<div id="block-views-latest-block" class="block block-views"><h2>Latest from the wire</h2><div class="content"><div class="view view-latest"><div class="item-list"><ul>
{latest}
</ul></div></div></div></div>
<div id="block-simplenews-1" class="block block-simplenews"><h2>WorldWire Daily</h2><div class="content"><p>Stay informed, our top stories each morning.</p><form action="/newsletter/subscriptions" method="post"><label for="edit-mail">E-mail</label> <input type="text" id="edit-mail" name="mail" size="20"> <input type="submit" value="Subscribe"></form></div></div>
</div></div></div>
</div></div>
<div id="footer-wrapper"><div class="section"><div id="footer" class="clearfix"><div class="region region-footer"><ul class="menu"><li><a href="/about">About WorldWire</a></li><li><a href="/partners">Our partners</a></li><li><a href="/licensing">Licensing</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/contact">Contact</a></li></ul><p>© 2026 WorldWire. Partner content is republished under agreement and remains the property of its publisher.</p></div></div></div></div>
</div></div>
<div id="sliding-popup" class="sliding-popup-bottom" style="height: auto; width: 100%; bottom: 0px;"><div><div class="popup-content info"><div id="popup-text"><h2>We use cookies on this site to enhance your user experience</h2><p>By clicking any link on this page you are giving your consent for us to set cookies.</p></div><div id="popup-buttons"><button type="button" class="agree-button">OK, I agree</button><button type="button" class="find-more-button">No, give me more info</button></div></div></div></div>
</body>
</html>
"""


def page_harbour(article: Article, pool: list[Article]) -> str:
    """A local newspaper on a blogging platform: clean post markup, members box, Disqus."""
    host = article.outlet.host
    rel_title, rel_url = article.related or ("", "")
    related = f'<p><em>Read more: <a href="{e(rel_url)}">{e(rel_title)}</a></em></p>'
    figure = (
        f'<figure class="post-full-image kg-card kg-image-card kg-card-hascaption">'
        f'<img src="{e(article.image_url)}" alt="{e(article.title)}" loading="lazy">'
        f"<figcaption>{e(article.caption)} <span>(Photo: {e(article.credit)})</span>"
        "</figcaption></figure>"
    )
    blocks = body_blocks(article, figure, related)
    lead_figure = "" if "{figure}" in article.paragraphs else figure
    read_next = "\n".join(
        f'<li><a href="{e(a.link)}">{e(a.title)}</a></li>' for a in others(article, pool, 4)
    )
    tag = article.tags[0] if article.tags else "News"
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{e(article.title)}</title>
<meta name="HandheldFriendly" content="True">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" type="text/css" href="/assets/built/screen.css?v=8c1f2e">
<meta name="description" content="{e(article.standfirst)}">
<link rel="canonical" href="{e(article.link)}">
{og_meta(article, "en_GB")}
<meta property="article:tag" content="{e(tag)}">
<meta name="generator" content="Ghost 5.101">
{ld_json(article)}
<script defer src="https://cdn.jsdelivr.example/ghost/portal@~2.46/umd/portal.min.js" data-ghost="https://{host}/"></script>
</head>
<body class="post-template tag-{author_slug(tag)}">
<div class="site-wrapper">
<header class="site-header"><div class="outer site-nav-main"><div class="inner"><nav class="site-nav">
<div class="site-nav-left"><a class="site-nav-logo" href="https://{host}">The Harbour Post</a><div class="site-nav-content"><ul class="nav"><li class="nav-news"><a href="/tag/news/">News</a></li><li class="nav-weather"><a href="/tag/weather/">Weather</a></li><li class="nav-council"><a href="/tag/council/">Council</a></li><li class="nav-sea"><a href="/tag/sea/">Sea &amp; harbour</a></li><li class="nav-sport"><a href="/tag/sport/">Sport</a></li><li class="nav-notices"><a href="/notices/">Notices</a></li></ul></div></div>
<div class="site-nav-right"><a class="subscribe-button" href="#/portal/signup">Subscribe</a></div></nav></div></div></header>
<div class="gh-cookie-banner" role="dialog"><p>We use a small number of cookies to keep you signed in and to count visits. That's it. <a href="/cookies/">Cookie policy</a></p><button class="gh-cookie-accept">Fine by me</button></div>
<main id="site-main" class="site-main outer"><div class="inner">
<article class="post-full post tag-{author_slug(tag)}">
<header class="post-full-header">
<section class="post-full-tags"><a href="/tag/{author_slug(tag)}/">{e(tag)}</a></section>
<h1 class="post-full-title">{e(article.title)}</h1>
<div class="post-full-byline"><section class="post-full-byline-meta"><h4 class="author-name"><a href="/author/{author_slug(article.author)}/">{e(article.author or "Harbour Post reporter")}</a></h4>
<div class="byline-meta-content"><time class="byline-meta-date" datetime="{article.published.isoformat()}">{article.published.day} {article.published:%B %Y}</time> <span class="byline-reading-time"><span class="bull">•</span> {2 + len(article.body) // 3} min read</span></div></section></div>
</header>
{lead_figure}
<section class="post-full-content"><div class="post-content">
{para(blocks, {figure, related})}
</div></section>
<section class="share-buttons"><span>Share</span> <a class="share-facebook" href="{share_url("facebook", article)}">Share on Facebook</a> <a class="share-twitter" href="{share_url("twitter", article)}">Share on Twitter</a> <a class="share-whatsapp" href="https://wa.me/?text={quote(article.link, safe="")}">WhatsApp</a></section>
<section class="subscribe-form"><h3 class="subscribe-form-title">Subscribe to The Harbour Post</h3><p>Local news for the town and the bay, free in your inbox every morning. Support independent local journalism from £4 a month.</p><form data-members-form="subscribe"><input class="subscribe-email" data-members-email placeholder="youremail@example.com" type="email" required><button class="button primary" type="submit">Subscribe</button></form></section>
<section class="post-full-comments" id="comments"><h3>Comments</h3><p>Leave a Reply</p><p>Your email address will not be published. Required fields are marked *</p>
{comment_items(article, "comment")}
<div id="disqus_thread"></div><script>var disqus_config = function () {{ this.page.url = "{e(article.link)}"; }};</script></section>
</article>
</div></main>
<aside class="read-next outer"><div class="inner"><h3 class="read-next-title">Most read this week</h3><ul class="read-next-list">
{read_next}
</ul></div></aside>
<footer class="site-footer outer"><div class="site-footer-content inner"><section class="copyright"><a href="https://{host}">The Harbour Post</a> © 2026 — Independent local news since 1887.</section><nav class="site-footer-nav"><a href="/about/">About</a> <a href="/advertise/">Advertise</a> <a href="/notices/">Family notices</a> <a href="/privacy/">Privacy</a> <a href="/contact/">Contact</a></nav></div></footer>
</div>
</body>
</html>
"""


TEMPLATES = {
    "quotidien": page_quotidien,
    "actualites": page_actualites,
    "planete": page_planete,
    "ledger": page_ledger,
    "northwind": page_northwind,
    "worldwire": page_worldwire,
    "harbour": page_harbour,
}


# --------------------------------------------------------------------------- feeds


def item_guid(article: Article) -> tuple[str, bool]:
    """The guid the outlet's CMS writes, and whether it is a permalink."""
    key = article.outlet.key
    if key == "les-actualites":
        return f"https://{article.outlet.host}/?p={article.number}", False
    if key == "morning-ledger":
        return f"ledger-story-{article.number}", False
    if key == "worldwire":
        return f"worldwire:{article.number}", False
    return article.link, True


def description_html(article: Article) -> str:
    """The item description as each outlet writes it, with its typical noise."""
    key = article.outlet.key
    excerpt = e(article.excerpt)
    if key == "les-actualites":
        return (
            f'<p>{excerpt}</p>\n<p>L’article <a href="{e(article.link)}">{e(article.title)}'
            f'</a> est apparu en premier sur <a href="{article.outlet.site_url}">'
            "Les Actualités</a>.</p>"
        )
    if key == "morning-ledger":
        return f'{excerpt} <a href="{e(article.link)}">Read more</a>'
    if "title_repeat" in article.flags:
        return f"<p><strong>{e(article.title)}</strong></p><p>{excerpt}</p>"
    if "lire_aussi" in article.flags and article.related:
        title, url = article.related
        return f'{excerpt}<br><br>Lire aussi : <a href="{e(url)}">{e(title)}</a>'
    return article.excerpt


def content_html(article: Article) -> str:
    """Full article HTML for feeds that carry it."""
    figure = (
        f'<figure><img src="{e(article.image_url)}" alt="{e(article.caption)}">'
        f"<figcaption>{e(article.caption)} ({e(article.credit)})</figcaption></figure>"
    )
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in article.body)
    tail = ""
    if article.outlet.republish:
        tail = (
            f'<p><em>This article by {e(article.author)} was first published by <a href="'
            f'{article.outlet.site_url}">Open Climate Wire</a> under a <a href="https://'
            'creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0</a> '
            "licence.</em></p>"
        )
    return figure + paragraphs + tail


def render_rss(outlet: Outlet, articles: list[Article]) -> str:
    """An RSS 2.0 document in the outlet's style."""
    items = []
    for article in articles:
        guid, permalink = item_guid(article)
        link = article.link
        if "utm" in article.flags:
            link += "?utm_source=rss&utm_medium=feed&utm_campaign=daily"
        parts = [
            f"<title>{e(article.title)}</title>",
            f"<link>{e(link)}</link>",
        ]
        if outlet.key == "les-actualites":
            parts.append(f"<comments>{e(article.link)}#respond</comments>")
        if article.author:
            parts.append(f"<dc:creator><![CDATA[{article.author}]]></dc:creator>")
        parts.append(f"<pubDate>{rfc822(article.published, outlet.use_gmt)}</pubDate>")
        parts.extend(f"<category><![CDATA[{t}]]></category>" for t in article.tags)
        parts.append(f'<guid isPermaLink="{str(permalink).lower()}">{e(guid)}</guid>')
        parts.append(f"<description>{e(description_html(article))}</description>")
        if outlet.key == "quotidien-du-soir":
            parts.append(f'<enclosure url="{e(article.image_url)}" type="image/jpeg" length="0"/>')
        if article.origin is not None:
            origin = article.origin.outlet
            parts.append(
                f'<source url="https://{origin.host}/{origin_feed_url(origin)}">'
                f"{e(origin.name)}</source>"
            )
        items.append("<item>\n" + "\n".join(parts) + "\n</item>")
    latest = max(a.published for a in articles)
    title = outlet.feed_title or e(outlet.name)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>
<title>{title}</title>
<atom:link href="https://{outlet.host}/{origin_feed_url(outlet)}" rel="self" type="application/rss+xml"/>
<link>{outlet.site_url}</link>
<description>{e(outlet.tagline)}</description>
<lastBuildDate>{rfc822(latest, outlet.use_gmt)}</lastBuildDate>
<language>{outlet.lang}</language>
<sy:updatePeriod>hourly</sy:updatePeriod>
<sy:updateFrequency>1</sy:updateFrequency>
{chr(10).join(items)}
</channel>
</rss>
"""


def origin_feed_url(outlet: Outlet) -> str:
    """Path of the outlet's public feed on its own site."""
    return {"les-actualites": "feed/", "worldwire": "rss.xml"}.get(outlet.key, "rss/")


def render_atom(outlet: Outlet, articles: list[Article]) -> str:
    """An Atom 1.0 document in the outlet's style."""
    entries = []
    for article in articles:
        stamp = article.published
        parts = [
            f"<id>tag:{outlet.host},{stamp:%Y-%m-%d}:/{urlsplit(article.link).path.strip('/')}</id>",
            f'<title type="text">{e(article.title)}</title>',
            f'<link rel="alternate" type="text/html" href="{e(article.link)}"/>',
            f"<published>{iso(stamp)}</published>",
            f"<updated>{iso(stamp + timedelta(minutes=article.number % 50))}</updated>",
        ]
        if article.author:
            parts.append(f"<author><name>{e(article.author)}</name></author>")
        parts.extend(f'<category term="{e(t)}"/>' for t in article.tags)
        if outlet.full_content:
            if outlet.key == "gazette-numerique":
                parts.append(f'<summary type="text">{e(article.excerpt)}</summary>')
            parts.append(f'<content type="html">{e(content_html(article))}</content>')
        else:
            kind = "html" if outlet.key == "planete-info" else "text"
            parts.append(f'<summary type="{kind}">{e(article.excerpt)}</summary>')
        entries.append("<entry>\n" + "\n".join(parts) + "\n</entry>")
    latest = max(a.published for a in articles)
    title = outlet.feed_title or e(outlet.name)
    title_type = "html" if outlet.feed_title else "text"
    rights = ""
    if outlet.republish:
        rights = (
            "<rights>© 2026 Open Climate Wire. Licensed under Creative Commons Attribution 4.0"
            " International (CC BY 4.0).</rights>\n"
            '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/>\n'
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{outlet.lang}">
<title type="{title_type}">{title}</title>
<subtitle>{e(outlet.tagline)}</subtitle>
<id>tag:{outlet.host},2019:feed</id>
<link rel="self" type="application/atom+xml" href="https://{outlet.host}/feed.atom"/>
<link rel="alternate" type="text/html" href="{outlet.site_url}"/>
<updated>{iso(latest)}</updated>
{rights}<generator uri="https://{outlet.host}/">{e(outlet.name)} CMS</generator>
{chr(10).join(entries)}
</feed>
"""


def render_opml(outlets: list[Outlet]) -> str:
    """The sources file: one outline per topic, one feed outline per outlet."""
    topics: dict[str, list[Outlet]] = defaultdict(list)
    for outlet in outlets:
        topics[outlet.topic].append(outlet)
    blocks = []
    for topic in TOPIC_ORDER:
        lines = [f'<outline text="{e(topic)}" title="{e(topic)}">']
        for o in topics[topic]:
            lines.append(
                f'  <outline type="rss" text="{e(o.name)}" title="{e(o.name)}" '
                f'xmlUrl="{o.feed_path}" htmlUrl="{o.site_url}" language="{o.lang}" '
                f'fullText="{o.full_text}" republish="{str(o.republish).lower()}"/>'
            )
        lines.append("</outline>")
        blocks.append("\n".join("  " + line for line in lines))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
<head>
  <title>News Digest demo sources</title>
  <dateCreated>Fri, 20 Nov 2026 00:00:00 GMT</dateCreated>
  <ownerName>News Digest</ownerName>
  <docs>http://opml.org/spec2.opml</docs>
</head>
<body>
{chr(10).join(blocks)}
</body>
</opml>
"""


def mirror_path(url: str) -> Path:
    """Where the local copy of an article page lives (query and fragment dropped)."""
    parts = urlsplit(url)
    path = parts.path
    if path.endswith("/") or not path:
        path += "index.html"
    return Path("mirror") / parts.hostname / path.lstrip("/")


# --------------------------------------------------------------------------- build and check


def load() -> tuple[list[Outlet], dict[str, list[Article]]]:
    """Parse every outlet's data and fill in derived fields."""
    by_outlet = {o.key: parse_articles(o, DATA[o.key]) for o in OUTLETS}
    everything = [a for articles in by_outlet.values() for a in articles]
    resolve_syndication(everything)
    fill_defaults(by_outlet)
    for key, articles in by_outlet.items():
        by_outlet[key] = sorted(articles, key=lambda a: (a.published, a.link), reverse=True)
    return OUTLETS, by_outlet


def build(content: Path = CONTENT) -> list[Path]:
    """Write feeds, mirror pages and the OPML under ``content``; return written paths."""
    outlets, by_outlet = load()
    for sub in ("feeds", "mirror"):
        shutil.rmtree(content / sub, ignore_errors=True)
    written: list[Path] = []

    def write(rel: Path | str, text: str) -> None:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)

    for outlet in outlets:
        articles = by_outlet[outlet.key]
        if outlet.fmt == "rss":
            write(outlet.feed_path, render_rss(outlet, articles))
        else:
            write(outlet.feed_path, render_atom(outlet, articles))
        if outlet.full_content:
            continue
        for article in articles:
            page_of = article.origin or article
            template = TEMPLATES[page_of.outlet.template]
            target = content / mirror_path(page_of.link)
            if target in written:
                continue
            write(mirror_path(page_of.link), template(page_of, by_outlet[page_of.outlet.key]))
    write("sources.opml", render_opml(outlets))
    return written


def check_seed(page: Path, seed_file: Path) -> list[str]:
    """Every line of the reference text must appear in the page's text, and in order."""
    import lxml.html

    text = lxml.html.fromstring(page.read_bytes()).text_content()
    problems = []
    position = 0
    for line in (ln for ln in seed_file.read_text(encoding="utf-8").splitlines() if ln.strip()):
        found = text.find(line, position)
        if found < 0:
            problems.append(f"seed line missing or out of order: {line[:50]!r}")
        else:
            position = found + len(line)
    return problems


def check(content: Path = CONTENT, seed_file: Path | None = None) -> int:
    """Parse what was written and print the facts a reviewer wants; return an exit code."""
    import feedparser  # only needed for the check
    from readability import Document

    problems = []
    outlets, by_outlet = load()
    per_day: Counter[str] = Counter()
    total = 0
    print(f"{'feed':32} {'fmt':5} {'lang':4} {'bozo':4} items  per UTC day")
    for outlet in outlets:
        raw = (content / outlet.feed_path).read_bytes()
        parsed = feedparser.parse(raw)
        days = Counter(
            datetime(*entry.published_parsed[:6], tzinfo=UTC).date().isoformat()
            for entry in parsed.entries
        )
        per_day.update(days)
        total += len(parsed.entries)
        print(
            f"{outlet.feed_path:32} {outlet.fmt:5} {outlet.lang:4} {int(parsed.bozo):4} "
            f"{len(parsed.entries):5}  {dict(sorted(days.items()))}"
        )
        if parsed.bozo:
            problems.append(f"{outlet.feed_path}: bozo {parsed.get('bozo_exception')}")
        for entry in parsed.entries:
            if not (entry.get("id") and entry.get("title") and entry.get("link")):
                problems.append(f"{outlet.feed_path}: entry without id/title/link")
            if not outlet.full_content:
                page = content / mirror_path(entry.link)
                if not page.is_file():
                    problems.append(f"missing mirror page for {entry.link}")
    print(f"total items: {total}; per UTC day: {dict(sorted(per_day.items()))}")
    if total < 80:
        problems.append("fewer than 80 items")
    if set(per_day) - {f"2026-11-{d}" for d in range(20, 24)}:
        problems.append(f"items outside 2026-11-20..23: {sorted(per_day)}")

    links = Counter(a.link for arts in by_outlet.values() for a in arts)
    print("\nsyndicated duplicates (same link in two feeds):")
    for link, count in sorted(links.items()):
        if count > 1:
            feeds = sorted(
                a.outlet.key for arts in by_outlet.values() for a in arts if a.link == link
            )
            print(f"  {link}  <- {', '.join(feeds)}")

    print("\nevents covered by several feeds:")
    for event, marker in EVENTS:
        feeds = sorted(
            {
                f"{a.outlet.key} ({a.outlet.lang})"
                for arts in by_outlet.values()
                for a in arts
                if marker in (a.title + " " + " ".join(a.body))
            }
        )
        print(f"  {event}: {len(feeds)} feeds: {', '.join(feeds)}")
        if len(feeds) < 3:
            problems.append(f"event {event} has fewer than 3 feeds")

    pages = sorted((content / "mirror").rglob("*.html"))
    print(f"\nmirror pages: {len(pages)}")
    for page in pages:
        summary = Document(page.read_text(encoding="utf-8")).summary()
        text = re.sub(r"<[^>]+>", " ", summary)
        if len(text.split()) < 60:
            problems.append(f"readability found little text in {page}")
    seed = next(a for a in by_outlet["les-actualites"] if "seed" in a.flags)
    print(f"seed item: guid={item_guid(seed)[0]} link={seed.link}")
    if seed_file is not None:
        problems.extend(check_seed(content / mirror_path(seed.link), seed_file))
    for problem in problems:
        print("PROBLEM:", problem)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate the written content")
    parser.add_argument("--content", type=Path, default=CONTENT, help="content directory")
    parser.add_argument("--seed", type=Path, help="reference text the seed page must contain")
    args = parser.parse_args(argv)
    written = build(args.content)
    print(f"wrote {len(written)} files under {args.content}")
    return check(args.content, args.seed) if args.check else 0


# --------------------------------------------------------------------------- the outlets

TOPIC_ORDER = ("World", "Technology", "Science & Climate", "Local")

OUTLETS = [
    Outlet(
        key="quotidien-du-soir",
        name="Le Quotidien du Soir",
        host="quotidien-du-soir.example",
        lang="fr",
        topic="World",
        fmt="rss",
        full_content=False,
        utc_offset_hours=1,
        template="quotidien",
        tagline="Toute l’actualité internationale et nationale du Quotidien du Soir",
        # The CMS escapes entities twice, a common fault: readers see "&#8211;" literally.
        feed_title="Le Quotidien du Soir &amp;#8211; L&amp;#039;actualit&amp;eacute; en continu",
    ),
    Outlet(
        key="les-actualites",
        name="Les Actualités",
        host="les-actualites.example",
        lang="fr",
        topic="World",
        fmt="rss",
        full_content=False,
        utc_offset_hours=0,
        template="actualites",
        tagline="Toute l'actualité en continu, en France et dans le monde",
        full_text="on",
    ),
    Outlet(
        key="morning-ledger",
        name="The Morning Ledger",
        host="morning-ledger.example",
        lang="en",
        topic="World",
        fmt="rss",
        full_content=False,
        utc_offset_hours=-5,
        template="ledger",
        tagline="News, analysis and opinion from The Morning Ledger",
    ),
    Outlet(
        key="worldwire",
        name="WorldWire",
        host="worldwire.example",
        lang="en",
        topic="World",
        fmt="rss",
        full_content=False,
        utc_offset_hours=0,
        template="worldwire",
        tagline="Independent news from every continent, with stories from our partner outlets",
        use_gmt=True,
    ),
    Outlet(
        key="gazette-numerique",
        name="La Gazette Numérique",
        host="gazette-numerique.example",
        lang="fr",
        topic="Technology",
        fmt="atom",
        full_content=True,
        utc_offset_hours=1,
        template="",
        tagline="Le numérique, ses usages et ses enjeux",
        feed_title="La Gazette Num&amp;eacute;rique &amp;#8211; Tech &amp;amp; Soci&amp;eacute;t&amp;eacute;",
    ),
    Outlet(
        key="northwind-tech",
        name="Northwind Tech Review",
        host="northwind-tech.example",
        lang="en",
        topic="Technology",
        fmt="atom",
        full_content=False,
        utc_offset_hours=-8,
        template="northwind",
        tagline="Reviews, news and how-tos for people who use technology",
    ),
    Outlet(
        key="planete-info",
        name="Planète Info",
        host="planete-info.example",
        lang="fr",
        topic="Science & Climate",
        fmt="atom",
        full_content=False,
        utc_offset_hours=0,
        template="planete",
        tagline="Le média indépendant du climat et du vivant",
    ),
    Outlet(
        key="open-climate-wire",
        name="Open Climate Wire",
        host="open-climate-wire.example",
        lang="en",
        topic="Science & Climate",
        fmt="atom",
        full_content=True,
        utc_offset_hours=0,
        template="",
        tagline="Climate and environment reporting, free to republish under CC BY 4.0",
        full_text="off",
        republish=True,
    ),
    Outlet(
        key="harbour-post",
        name="The Harbour Post",
        host="harbour-post.example",
        lang="en",
        topic="Local",
        fmt="rss",
        full_content=False,
        utc_offset_hours=0,
        template="harbour",
        tagline="Local news for Tremorrow and the bay",
    ),
]

# The keyword that identifies each multi-feed event in every outlet's copy, for --check.
EVENTS = (
    ("Kim Jong Un / Putin arms talks", "Kim Jong Un"),
    ("Bergen methane pact", "Bergen"),
    ("Veltrix chip plant near Grenoble", "Veltrix"),
    ("Storm Ondine", "Ondine"),
    ("Helios Rail / Transalpina merger", "Transalpina"),
)


# --------------------------------------------------------------------------- the articles
# Format: see parse_articles(). One paragraph per line; "{figure}"/"{related}" place the photo
# and the related link exactly where a page has them. Times are the outlet's local time.

DATA: dict[str, str] = {}

DATA["quotidien-du-soir"] = """
## international/2026/11/23/kim-jong-un-attendu-en-russie-pour-parler-armement-avec-vladimir-poutine.html | 2026-11-23 11:15 | Philippe Garnier | International, Russie, Corée du Nord
Kim Jong Un attendu en Russie pour parler armement avec Vladimir Poutine
ex: Selon des responsables américains, le dirigeant nord-coréen prévoit de rencontrer le président russe d’ici à la fin du mois. Moscou cherche des obus et des missiles antichars, Pyongyang des technologies satellitaires.
img: Kim Jong Un et Vladimir Poutine lors de leur première rencontre, à Vladivostok, le 25 avril 2019. | Photo d’archives / Agence Lumière
rel: Guerre en Ukraine : ce que l’on sait des livraisons d’armes nord-coréennes à la Russie | https://quotidien-du-soir.example/international/2026/09/12/guerre-en-ukraine-ce-que-l-on-sait-des-livraisons-d-armes-nord-coreennes.html
Le dirigeant nord-coréen, Kim Jong Un, devrait se rendre en Russie dans les prochaines semaines pour y rencontrer Vladimir Poutine, ont indiqué lundi 23 novembre plusieurs responsables américains, cités par la presse des États-Unis. Au menu de ces entretiens : de nouvelles livraisons d’armes nord-coréennes destinées à l’armée russe engagée en Ukraine.
Selon ces sources, le Kremlin espère obtenir de Pyongyang des obus d’artillerie et des missiles antichars, dont ses stocks ont été largement entamés par près de cinq années de guerre. En échange, la Corée du Nord chercherait à acquérir des technologies satellitaires avancées et une aide pour la mise au point de sous-marins à propulsion nucléaire, ainsi qu’une aide alimentaire.
Le lieu de la rencontre n’a pas été confirmé. Washington évoque le port de Vladivostok, dans l’Extrême-Orient russe, où les deux hommes s’étaient déjà vus en avril 2019. Ni Moscou ni Pyongyang n’ont commenté ces informations.
Pour Hélène Marchal, chercheuse à l’Institut d’études stratégiques de Lyon, « les obus nord-coréens ne changeront pas le cours de la guerre, mais ils permettent à Moscou de tenir le rythme de ses tirs d’artillerie ». Elle souligne que les deux armées utilisent des calibres compatibles, hérités de l’époque soviétique.
Les États-Unis ont averti que tout transfert d’armes de la Corée du Nord vers la Russie violerait les résolutions du Conseil de sécurité de l’ONU et exposerait les deux pays à de nouvelles sanctions.

## planete/2026/11/21/a-bergen-48-pays-signent-un-pacte-sur-le-methane.html | 2026-11-21 09:30 | Sophie Landry | Planète, Climat, Méthane
À Bergen, 48 pays signent un pacte pour réduire de 60 % le méthane du pétrole et du gaz
ex: Réunis en Norvège, les signataires promettent de réduire de 60 % d’ici à 2032 les émissions de méthane de leur secteur pétrolier et gazier. Un fonds de 4,2 milliards de dollars doit financer la détection des fuites.
img: La ministre norvégienne du climat, Ingrid Solvang, à l’ouverture du sommet de Bergen, le 18 novembre 2026. | Photo : Erik Haugland / Agence Lumière
Après trois jours de négociations, 48 pays ont signé vendredi 20 novembre à Bergen, en Norvège, un « pacte sur le méthane » qui les engage à réduire de 60 % d’ici à 2032, par rapport à 2020, les émissions de ce puissant gaz à effet de serre issues de l’exploitation du pétrole et du gaz.
Le texte prévoit la création d’un fonds de 4,2 milliards de dollars (environ 4 milliards d’euros) destiné à aider les pays en développement à repérer et colmater les fuites sur leurs puits, gazoducs et installations de stockage. Une partie de cette somme financera la surveillance par satellite, désormais capable de localiser les plus grosses fuites à quelques dizaines de mètres près.
« C’est la mesure climatique la plus rapide et la moins chère dont nous disposons », a déclaré la ministre norvégienne du climat, Ingrid Solvang, qui présidait la conférence. Le méthane est responsable d’environ un tiers du réchauffement observé depuis l’ère préindustrielle.
Plusieurs ONG saluent un accord « concret », tout en regrettant l’absence de trois des dix premiers producteurs mondiaux d’hydrocarbures, qui n’ont pas signé le texte. Le pacte n’est par ailleurs assorti d’aucune sanction en cas de non-respect des engagements.
Les signataires se retrouveront en 2028 pour un premier bilan, fondé sur des mesures satellitaires indépendantes.

## societe/2026/11/21/tempete-ondine-deux-morts-et-190-000-foyers-prives-d-electricite-en-bretagne.html | 2026-11-21 08:05 | Yann Le Goff | Société, Météo, Bretagne
Tempête Ondine : deux morts et 190 000 foyers privés d’électricité en Bretagne
ex: Des rafales jusqu’à 168 km/h ont été enregistrées à la pointe du Raz dans la nuit de vendredi à samedi. Le Finistère restait en vigilance rouge samedi matin.
img: Des vagues frappent la digue du port de Douarnenez (Finistère), dans la nuit du 20 au 21 novembre 2026. | Photo : Yann Le Goff / Le Quotidien du Soir
La tempête Ondine a balayé la Bretagne dans la nuit de vendredi 20 à samedi 21 novembre, faisant deux morts et privant d’électricité quelque 190 000 foyers, selon un bilan provisoire de la préfecture du Finistère. Des rafales de 168 km/h ont été mesurées à la pointe du Raz, un record pour un mois de novembre depuis 1999.
Un automobiliste d’une soixantaine d’années a été tué à Quimperlé lorsqu’un arbre s’est abattu sur son véhicule, vers 2 heures du matin. Un homme de 74 ans est mort près de Morlaix dans l’incendie de sa maison, provoqué par la chute d’une ligne électrique.
L’aéroport de Brest a été fermé toute la nuit, et les liaisons maritimes vers les îles d’Ouessant, de Sein et de Groix sont suspendues jusqu’à dimanche au moins. Les trains régionaux ne circulent plus entre Brest et Quimper, où des dizaines d’arbres sont tombés sur les voies.
Le gestionnaire du réseau électrique a mobilisé 1 200 techniciens, dont des renforts venus d’autres régions. « Il faudra plusieurs jours pour rétablir tout le monde », prévient-il. Le préfet a demandé aux habitants de ne pas s’approcher du littoral et de limiter leurs déplacements.
Ondine a ensuite traversé la Manche en direction des Cornouailles britanniques, où des dizaines de milliers de foyers étaient aussi privés de courant samedi matin.

## ville/2026/11/20/lyon-les-transports-en-commun-gratuits-pour-les-moins-de-18-ans.html | 2026-11-20 18:00 | Camille Bertrand | Société, Lyon, Transports
Lyon : les transports en commun gratuits pour les moins de 18 ans dès janvier
ex: La métropole a voté la gratuité du réseau de bus, tramways et métros pour les mineurs. Coût estimé : 14 millions d’euros par an.
img: Un tramway de la ligne T1 à la station Hôtel de Région, à Lyon. | Photo : Camille Bertrand / Le Quotidien du Soir
Les Lyonnais de moins de 18 ans pourront circuler gratuitement dans les bus, tramways et métros de l’agglomération à partir du 1er janvier 2027. Le conseil de la métropole a adopté la mesure vendredi 20 novembre, par 98 voix contre 52.
La gratuité concernera environ 290 000 jeunes, qui devront simplement charger un titre nominatif gratuit sur leur carte de transport. La métropole estime le coût de la mesure à 14 millions d’euros par an, financés en partie par une hausse du versement mobilité acquitté par les entreprises.
L’opposition dénonce « une dépense mal ciblée » et réclame plutôt des investissements dans la fréquence des lignes de banlieue. Les associations d’usagers saluent une décision « qui aidera d’abord les familles modestes ».
Plusieurs villes françaises, dont Dunkerque et Montpellier, ont déjà instauré la gratuité totale ou partielle de leur réseau.

## culture/2026/11/22/a-valmont-ceramiques-anciennes-et-design-contemporain-se-repondent.html | 2026-11-22 10:00 | Anne-Sophie Roux | Culture, Exposition
À Valmont, céramiques anciennes et design contemporain se répondent
ex: L’exposition « Terres vives » réunit 180 pièces, de la faïence du XVIIIe siècle aux créations de jeunes designers. Jusqu’au 15 mars.
img: Une vue de l’exposition « Terres vives » au musée des Faïences de Valmont. | Photo : Musée des Faïences / Julien Perrot
Dans la grande salle du musée des Faïences de Valmont, une soupière de 1760 ornée de tulipes voisine avec un vase imprimé en 3D dans une argile recyclée. Le rapprochement résume le propos de « Terres vives », l’exposition qui a ouvert samedi 21 novembre et réunit 180 pièces, prêtées pour moitié par des collections privées.
Le parcours, en six salles, suit le geste du potier plutôt que la chronologie : tourner, mouler, émailler, cuire. À chaque étape, des pièces anciennes sont présentées à côté d’œuvres récentes de quatorze designers, dont huit ont moins de 35 ans.
« Nous voulions montrer que les questions qui occupent aujourd’hui les jeunes créateurs, la sobriété, le réemploi, le travail à la main, étaient déjà celles des manufactures d’autrefois », explique la commissaire, Léa Fontaine.
Un atelier ouvert au public permet de s’initier au tournage le week-end. L’exposition est visible jusqu’au 15 mars 2027.

## education/2026/11/22/bac-2027-la-philosophie-ouvrira-les-epreuves-le-14-juin.html | 2026-11-22 14:30 | Camille Bertrand | Éducation, Bac
Bac 2027 : la philosophie ouvrira les épreuves le 14 juin
ex: Le ministère de l’éducation a publié le calendrier des examens de fin d’année. Les résultats seront connus le 6 juillet.
img: Des candidats au baccalauréat avant l’épreuve de philosophie, à Bordeaux, en juin 2026. | Photo : Agence Lumière
Les quelque 550 000 candidats au baccalauréat général et technologique connaissent désormais leur calendrier. Selon l’arrêté publié dimanche 22 novembre, l’épreuve de philosophie aura lieu le lundi 14 juin 2027 au matin, suivie des épreuves de spécialité du 15 au 17 juin.
Le grand oral se déroulera du 21 juin au 1er juillet, et les résultats seront publiés le 6 juillet. Les épreuves anticipées de français, passées par les élèves de première, sont fixées au vendredi 11 juin.
Les syndicats d’enseignants saluent le maintien des épreuves de spécialité en juin, après plusieurs années où elles se tenaient au printemps, ce qui, selon eux, « vidait le troisième trimestre de son sens ».

## societe/2026/11/20/rennes-les-urgences-pediatriques-sous-tension-avant-le-pic-de-bronchiolite.html | 2026-11-20 07:30 | Claire Morvan | Société, Santé, Rennes
Rennes : les urgences pédiatriques sous tension avant le pic de bronchiolite
ex: Le CHU a déclenché son plan blanc pédiatrique. Les soignants alertent sur le manque de lits et de personnel.
img: L’entrée des urgences pédiatriques du CHU de Rennes, le 19 novembre 2026. | Photo : Claire Morvan / Le Quotidien du Soir
Le service des urgences pédiatriques du centre hospitalier universitaire de Rennes a déclenché jeudi 19 novembre son « plan blanc », qui permet de rappeler du personnel et de déprogrammer des interventions. En une semaine, le nombre de passages a augmenté de 40 %, essentiellement à cause de bronchiolites et de gastro-entérites.
« Nous avons régulièrement des nourrissons qui attendent un lit plusieurs heures sur un brancard », témoigne une infirmière, qui souhaite rester anonyme. Huit lits d’hospitalisation pédiatrique restent fermés faute de personnel.
L’agence régionale de santé appelle les parents à contacter leur médecin traitant ou le 15 avant de se rendre aux urgences, et rappelle l’intérêt du traitement préventif contre la bronchiolite proposé aux nouveau-nés.
Le pic de l’épidémie est attendu en Bretagne d’ici deux à trois semaines.

## societe/2026/11/22/marseille-un-violent-incendie-ravage-un-entrepot-du-port.html | 2026-11-22 06:45 | Karim Haddad | Société, Marseille, Faits divers
Marseille : un violent incendie ravage un entrepôt du port, sans faire de victime
ex: Une centaine de marins-pompiers ont lutté toute la nuit contre les flammes dans un entrepôt de 8 000 m² du quartier de Mourepiane.
img: Le panache de fumée au-dessus du port de Marseille, dans la nuit du 21 au 22 novembre 2026. | Photo : Karim Haddad / Le Quotidien du Soir
Un incendie s’est déclaré samedi 21 novembre vers 22 heures dans un entrepôt de 8 000 m² situé sur le port de Marseille, dans le quartier de Mourepiane (16e arrondissement). Une centaine de marins-pompiers ont été mobilisés toute la nuit ; le feu était fixé dimanche matin.
Aucune victime n’est à déplorer. Le bâtiment, qui abritait des pneus et des palettes de bois, a été entièrement détruit. Un épais panache de fumée noire était visible depuis le centre-ville, et la préfecture a recommandé aux habitants des quartiers nord de garder leurs fenêtres fermées.
Le trafic des ferries vers la Corse n’a pas été perturbé. Une enquête a été ouverte pour déterminer l’origine du sinistre.

## economie/2026/11/23/les-producteurs-de-lait-manifestent-devant-les-prefectures.html | 2026-11-23 08:20 | Sophie Landry | Économie, Agriculture
Les producteurs de lait manifestent devant les préfectures pour un prix « qui couvre nos coûts »
flags: lire_aussi
ex: Des rassemblements ont eu lieu dans une quarantaine de départements lundi matin. Les éleveurs réclament un prix d’au moins 500 euros les 1 000 litres.
img: Des éleveurs laitiers devant la préfecture de Saint-Lô (Manche), le 23 novembre 2026. | Photo : Agence Lumière
rel: Lait : les laiteries annoncent une baisse des prix payés aux éleveurs pour l’hiver | https://quotidien-du-soir.example/economie/2026/10/14/lait-les-laiteries-annoncent-une-baisse-des-prix-payes-aux-eleveurs.html
Plusieurs milliers d’éleveurs laitiers se sont rassemblés lundi 23 novembre devant les préfectures d’une quarantaine de départements, à l’appel des principaux syndicats agricoles. À Saint-Lô, dans la Manche, une centaine de tracteurs ont bloqué le centre-ville pendant la matinée.
Les manifestants réclament un prix du lait d’au moins 500 euros les 1 000 litres, contre environ 430 euros payés en moyenne par les laiteries cet automne. « Entre l’alimentation des bêtes, l’énergie et les emprunts, on perd de l’argent sur chaque litre », explique Thierry Lemarchand, éleveur de 120 vaches à Carentan.
Les négociations commerciales annuelles entre industriels et grande distribution doivent s’ouvrir le 1er décembre. Le ministère de l’agriculture a promis de réunir les acteurs de la filière « dans les prochains jours ».
Selon les chiffres de la filière, la France a perdu près d’un quart de ses exploitations laitières en dix ans.

## culture/2026/11/21/mort-du-peintre-henri-valcourt-figure-discrete-de-l-abstraction-lyrique.html | 2026-11-21 16:00 | Anne-Sophie Roux | Culture, Peinture, Disparition
Mort du peintre Henri Valcourt, figure discrète de l’abstraction lyrique
ex: L’artiste, dont les grandes toiles bleues ont marqué les années 1970, est mort à 91 ans dans son atelier de Sète.
img: Henri Valcourt dans son atelier de Sète, en 2015. | Photo : Galerie Maréchal
Le peintre Henri Valcourt est mort vendredi 20 novembre à Sète (Hérault), à l’âge de 91 ans, a annoncé sa galerie. Ses grandes toiles traversées de bleus profonds, exposées à Paris, New York et Tokyo dans les années 1970, en avaient fait l’une des figures de la seconde génération de l’abstraction lyrique.
Né en 1935 à Clermont-Ferrand, fils d’un typographe, il s’installe à Paris à 20 ans et fréquente les ateliers de Montparnasse. Il se tient très tôt à l’écart du marché de l’art, ne vend que rarement et se retire à Sète en 1982, où il peint jusqu’à ses derniers jours.
« Il travaillait chaque matin de 6 heures à midi, sans jamais regarder ses toiles de la veille », raconte son galeriste, Paul Maréchal. Une rétrospective était en préparation pour 2027 au musée de la ville.
"""

DATA["les-actualites"] = """
## 2026/11/23/poutine-desespere-cherche-de-laide-de-kim-jong-un-retraite-general-americain/ | 2026-11-23 18:40 | La Rédaction | Monde, Russie, Corée du Nord, Ukraine
Poutine désespéré « cherche de l’aide » de Kim Jong Un : retraité. Général américain
sub: Poutine désespéré « cherche de l’aide » de Kim Jong Un : retraité.  Général américain
flags: seed
ex: Le dirigeant nord-coréen Kim Jong Un aurait l’intention de rencontrer le président russe Vladimir Poutine plus tard ce mois-ci pour discuter de la fourniture d’armes supplémentaires […]
img: Le président russe Vladimir Poutine (à droite) s’entretient avec le dirigeant nord-coréen Kim Jong Un le 25 avril 2019 à Vladivostok, en Russie. Kim aurait prévu de se rendre en Russie plus tard ce mois-ci pour discuter d’un éventuel accord d’armement avec Poutine. | Mikhaïl Svetlov/Getty Images
rel: Revue « Réalités multiples : l'art expérimental dans le bloc de l'Est » : La créativité sous les contraintes soviétiques | https://les-actualites.example/2026/11/21/revue-realites-multiples-lart-experimental-dans-le-bloc-de-lest/
Le dirigeant nord-coréen Kim Jong Un aurait l’intention de rencontrer le président russe Vladimir Poutine plus tard ce mois-ci pour discuter de la fourniture d’armes supplémentaires à Moscou pour son invasion de l’Ukraine. Le New York Times a rapporté lundi, citant des responsables américains et autres.
Poutine espère obtenir des obus d’artillerie et des missiles antichar supplémentaires de Kim, tandis que la Corée du Nord est à la recherche de systèmes satellitaires améliorés et de sous-marins à propulsion nucléaire, selon le rapport. Kim “chercherait également une aide alimentaire pour sa nation appauvrie”.
Le type d’armes que la Corée du Nord a à offrir n’aura probablement pas « beaucoup d’importance » dans la guerre de Poutine en Ukraine, selon le général à la retraite de l’armée américaine Mark Hertling, qui s’est entretenu avec Jim Acosta de Les actualites plus tard dans la journée.
“Vous avez commencé en disant que ce sont deux des plus grands rivaux de Washington”, a déclaré Hertling à Acosta lors de l’édition de lundi de La salle de crise. “Ce sont aussi deux dirigeants désespérés des États parias les plus connus du monde.”
{figure}
“Cela suscitera beaucoup d’attention”, a ajouté Hertling. “Cela montre que M. Poutine cherche de l’aide.”
Moscou est isolée d’une grande partie du monde depuis le lancement de son invasion à grande échelle de l’Ukraine en février 2022, grâce aux sanctions soutenues par les États-Unis et d’autres alliés occidentaux qui ont également fourni des milliards de dollars d’aide militaire à Kiev. À un moment donné, Poutine a semblé trouver un ami en Chine, même s’il semble que cet allié lâche soit déjà en train de perdre de sa force.
{related}
Depuis le lancement de sa contre-offensive en juin, l’Ukraine a également repris lentement mais sûrement les colonies occupées par les Russes le long des lignes de front, tandis que le Kremlin a dû faire face à de nouveaux problèmes de moral parmi les troupes moscovites.
“La Russie se trouve actuellement dans une situation désespérée”, a déclaré le général de division à la retraite James A. “Spider” Marks, qui a rejoint Hertling sur Les actualites.
“Des armes supplémentaires de la Corée du Nord à la Russie [is] Ce n’est pas surprenant du tout”, a déclaré Marks. “Ils partagent le même type de systèmes d’armes de calibre. C’est donc un plus immédiat. Mais encore une fois, cela ne modifiera pas stratégiquement l’issue des combats en Ukraine. »
Hertling a ajouté que les armes du stock de Kim “sont des obus d’artillerie de gros calibre, pas des armes de précision, pas du genre que l’on peut viser et atteindre une cible dans un rayon de 10 pieds ou 10 mètres”.
“Il y a juste beaucoup de quantité”, a déclaré Hertling. “Maintenant, la quantité a une qualité qui lui est propre, ne vous méprenez pas. Mais nous avons vu les forces ukrainiennes utiliser des armes de précision avec de grands effets et détruire de nombreuses pièces d’artillerie russes. Cela inverse la tendance. la contre-échange de tirs. »
“Je ne pense pas personnellement, d’un point de vue militaire, que cela aura une grande importance (…) sur la bataille en Ukraine”, a-t-il déclaré.

## 2026/11/21/veltrix-une-usine-de-puces-a-115-milliards-deuros-pres-de-grenoble/ | 2026-11-21 09:12 | Julien Marchetti | Économie, Industrie, Isère
Veltrix : une usine de puces à 11,5 milliards d’euros près de Grenoble, 2 400 emplois à la clé
img: Le site de Crolles (Isère), où Veltrix prévoit de construire sa nouvelle usine. | Photo : Veltrix Semiconductor
Le fabricant de semi-conducteurs Veltrix a confirmé vendredi son intention de construire une nouvelle usine de puces électroniques à Crolles, dans la vallée du Grésivaudan, près de Grenoble. L’investissement atteint 11,5 milliards d’euros, l’un des plus importants jamais annoncés dans l’industrie en France.
Le site doit créer 2 400 emplois directs et produire, à partir de 2029, des puces gravées en 22 nanomètres destinées à l’automobile et aux équipements industriels. L’État apportera une aide de 2,9 milliards d’euros dans le cadre du règlement européen sur les puces, sous réserve du feu vert de Bruxelles.
« Nous voulons sécuriser l’approvisionnement des constructeurs européens, qui ont trop souffert des pénuries », a expliqué la directrice générale de Veltrix, Anneke de Wit, lors d’une conférence de presse à Grenoble.
Des associations locales s’inquiètent toutefois de la consommation d’eau de l’usine, estimée à 20 000 mètres cubes par jour. Veltrix assure qu’elle en recyclera plus de la moitié.

## 2026/11/22/helios-rail-et-transalpina-annoncent-leur-fusion/ | 2026-11-22 20:00 | Julien Marchetti | Économie, Ferroviaire, Fusion
Helios Rail et Transalpina annoncent leur fusion : un géant européen du train est né
img: Une rame régionale en cours d’assemblage dans l’usine Helios Rail de Villefranche. | Photo : Helios Rail
Le constructeur ferroviaire français Helios Rail et l’italien Transalpina ont annoncé dimanche soir leur fusion, dans une opération valorisée à 6,8 milliards d’euros. Le nouvel ensemble, qui emploiera 41 000 personnes, deviendra le deuxième fabricant européen de trains et de matériel de signalisation.
Le siège du groupe sera installé à Lyon. Son directeur général sera l’actuel patron d’Helios Rail, Marc Dufresne, tandis que la présidente de Transalpina, Giulia Ferraro, prendra la présidence du conseil d’administration.
Les deux entreprises espèrent finaliser l’opération d’ici à la fin de 2027. Elle devra d’abord obtenir le feu vert de la Commission européenne, qui avait bloqué en 2019 un projet de rapprochement comparable dans le secteur.
Les syndicats demandent des garanties sur l’emploi dans les douze usines françaises du groupe.

## 2026/11/21/revue-realites-multiples-lart-experimental-dans-le-bloc-de-lest/ | 2026-11-21 14:30 | Nadia Benali | Culture, Exposition, Art
Revue « Réalités multiples : l'art expérimental dans le bloc de l'Est » : La créativité sous les contraintes soviétiques
img: Une installation vidéo présentée dans l’exposition « Réalités multiples ». | Photo : Nadia Benali / Les Actualités
L’exposition « Réalités multiples : l’art expérimental dans le bloc de l’Est » rassemble plus de 200 œuvres réalisées entre 1960 et 1990 par des artistes de Pologne, de Tchécoslovaquie, de Hongrie, de Roumanie et d’URSS. Elle est présentée jusqu’au 28 février au centre d’art de la Friche Delambre, à Nantes.
Films amateurs, performances photographiées dans des appartements, poésie visuelle tapée à la machine : le parcours montre comment ces artistes ont contourné la censure en travaillant dans des lieux privés, souvent pour quelques dizaines de spectateurs seulement.
La dernière salle, consacrée à la circulation clandestine des œuvres par la poste, est la plus émouvante. Des enveloppes tamponnées, des cartes postales détournées et des lettres jamais arrivées y racontent une histoire de la créativité sous contrainte.
Un catalogue de 240 pages accompagne l’exposition. Entrée : 9 euros, gratuit pour les moins de 26 ans.

## 2026/11/20/prix-de-lenergie-ce-qui-change-pour-les-menages-au-1er-decembre/ | 2026-11-20 08:00 | Sandrine Colas | Économie, Consommation, Énergie
Prix de l’énergie : ce qui change pour les ménages au 1er décembre
img: Un compteur électrique communicant dans un immeuble de Toulouse. | Photo : Les Actualités
Le prix repère du gaz baissera de 2,3 % au 1er décembre, a annoncé jeudi le régulateur de l’énergie. Pour un ménage qui se chauffe au gaz, l’économie devrait atteindre une trentaine d’euros sur l’hiver.
Côté électricité, les tarifs réglementés restent inchangés jusqu’en février, date de leur révision annuelle. Le prix du fioul domestique, en revanche, a progressé de 6 % en un mois, en raison de la hausse des cours du pétrole.
Les associations de consommateurs rappellent qu’il est possible de changer de fournisseur sans frais à tout moment, et conseillent de comparer les offres à prix fixe, plus nombreuses depuis la rentrée.

## 2026/11/20/sante-le-manque-de-sommeil-lie-a-un-accident-du-travail-sur-huit/ | 2026-11-20 15:20 | Nadia Benali | Santé, Travail
Santé : le manque de sommeil lié à un accident du travail sur huit, selon une étude
img: Un ouvrier sur un chantier de Nantes, à l’aube. | Photo : Les Actualités
Un accident du travail sur huit serait lié à un manque de sommeil, selon une étude publiée jeudi par des chercheurs de l’université de Lille, qui ont analysé les dossiers de 31 000 salariés sur dix ans.
Les travailleurs dormant moins de six heures par nuit ont un risque d’accident supérieur de 62 % à ceux qui dorment sept à huit heures. Le risque est le plus élevé chez les salariés en horaires décalés, notamment dans le bâtiment, la logistique et la santé.
Les auteurs recommandent d’intégrer le sommeil dans les plans de prévention des entreprises et de limiter les enchaînements de postes de nuit. « Le sommeil reste le grand oublié de la santé au travail », résume la coordinatrice de l’étude, la médecin Aurélie Vasseur.

## 2026/11/22/immobilier-les-taux-de-credit-repassent-sous-la-barre-des-3/ | 2026-11-22 07:45 | Sandrine Colas | Économie, Immobilier
Immobilier : les taux de crédit repassent sous la barre des 3 %
img: Des annonces immobilières dans la vitrine d’une agence à Bordeaux. | Photo : Les Actualités
Le taux moyen des crédits immobiliers sur vingt ans est descendu à 2,95 % en novembre, selon le baromètre mensuel d’un grand courtier publié dimanche. C’est la première fois depuis le printemps 2023 qu’il repasse sous la barre des 3 %.
Cette détente redonne un peu de pouvoir d’achat aux ménages : pour une mensualité de 1 000 euros, un emprunteur peut désormais financer environ 6 000 euros de plus qu’il y a un an.
Les professionnels restent toutefois prudents. « Les prix n’ont pas assez baissé dans les grandes villes pour que les primo-accédants reviennent en masse », observe un courtier lyonnais. Le nombre de ventes de logements anciens reste inférieur de 15 % à sa moyenne des dix dernières années.

## 2026/11/22/football-le-fc-rivemont-renverse-las-bellerive/ | 2026-11-22 21:50 | Romain Perrin | Sport, Football
Football : le FC Rivemont renverse l’AS Bellerive et prend la tête du championnat
img: La joie des joueurs du FC Rivemont après le but de la victoire. | Photo : Les Actualités
Mené 2-0 à la pause, le FC Rivemont s’est imposé 3-2 dimanche soir sur la pelouse de l’AS Bellerive, lors de la 14e journée de National. Le club rivemontois prend seul la tête du championnat avec deux points d’avance.
Le milieu de terrain Samuel Kouassi a marqué deux fois en dix minutes, avant que le jeune attaquant Lucas Meunier, 19 ans, ne donne la victoire aux siens à la 88e minute d’une frappe enroulée.
« À la mi-temps, on s’est dit qu’on n’avait rien à perdre », a raconté l’entraîneur Didier Laborde. Le FC Rivemont reçoit samedi prochain le Stade Varennois.

## 2026/11/22/meteo-premieres-gelees-attendues-dans-lest-en-debut-de-semaine/ | 2026-11-22 16:00 | La Rédaction | France, Météo
Météo : premières gelées attendues dans l’Est en début de semaine
img: Un champ givré dans les Vosges, un matin de novembre. | Photo : Les Actualités
Après le passage de la tempête qui a frappé la Bretagne, l’air froid s’installe sur la France. Les premières gelées de la saison sont attendues mardi et mercredi matin dans le Grand Est, en Bourgogne-Franche-Comté et en Auvergne, avec des minimales comprises entre -2 et -5 °C.
Les températures resteront fraîches l’après-midi, autour de 6 à 8 °C dans l’Est. Le temps sera plus doux sur la façade atlantique, mais toujours venteux sur les côtes.
Les automobilistes sont invités à la prudence sur les routes de montagne, où des plaques de verglas pourront se former dès lundi soir.
"""

DATA["planete-info"] = """
## climat/2026/11/20/methane-a-bergen-48-pays-s-engagent-a-reduire-les-fuites.html | 2026-11-20 20:05 | Mathilde Guérin | Climat, Méthane, Diplomatie
Méthane : à Bergen, 48 pays s’engagent à réduire de 60 % les fuites du secteur pétrolier et gazier
img: Une torchère sur une plateforme pétrolière en mer du Nord. | Erik Haugland / Planète Info
Enfin une bonne nouvelle pour le climat ? Vendredi 20 novembre, 48 pays ont adopté à Bergen, sur la côte ouest de la Norvège, un pacte qui vise à réduire de 60 % d’ici à 2032 les émissions de méthane liées au pétrole et au gaz, par rapport à leur niveau de 2020.
Le méthane, principal composant du gaz naturel, réchauffe l’atmosphère environ 80 fois plus que le CO₂ sur vingt ans. Or une grande partie des émissions du secteur provient de fuites et de torchages qui pourraient être évités à faible coût, rappellent les scientifiques.
Pour y parvenir, le texte crée un fonds de 4,2 milliards de dollars destiné aux pays du Sud. Il finance aussi un réseau de satellites chargé de repérer les fuites et de publier les données en accès libre. « Ce qui est mesuré peut enfin être contrôlé », s’est félicitée la ministre norvégienne du climat, Ingrid Solvang.
Reste à convaincre les absents : trois des dix plus gros producteurs d’hydrocarbures de la planète n’ont pas signé. Et le pacte ne prévoit aucune sanction.
Pour les ONG, la crédibilité de l’accord se jouera lors du premier bilan, prévu en 2028.

## climat/2026/11/21/ondine-une-tempete-explosive-nourrie-par-un-atlantique-trop-chaud.html | 2026-11-21 09:20 | Mathilde Guérin | Climat, Tempête, Océans
Ondine, une tempête « explosive » nourrie par un Atlantique anormalement chaud
img: Image satellite de la tempête Ondine à l’approche de la Bretagne, le 20 novembre 2026. | Image satellite / Planète Info
La tempête Ondine, qui a frappé la Bretagne et les Cornouailles dans la nuit de vendredi à samedi, s’est creusée à une vitesse exceptionnelle : sa pression centrale a chuté de 30 hectopascals en 24 heures, ce que les météorologues appellent une « cyclogenèse explosive ».
Des rafales de 168 km/h ont été relevées à la pointe du Raz, et quelque 190 000 foyers bretons ont été privés d’électricité. Deux personnes sont mortes dans le Finistère.
Selon les climatologues, la température de surface de l’Atlantique Nord, supérieure de 1,5 °C à la normale à l’ouest du golfe de Gascogne, a fourni à la dépression un surcroît d’énergie et d’humidité. « Un océan plus chaud, c’est plus de carburant pour ces tempêtes », résume l’océanographe Julien Le Bihan.
Il est encore trop tôt pour attribuer formellement Ondine au changement climatique : des études d’attribution sont en cours. Mais les modèles prévoient des tempêtes hivernales plus pluvieuses et des submersions plus fréquentes sur les côtes basses.

## climat/2026/11/20/les-glaciers-des-pyrenees-ont-perdu-20-de-leur-surface-en-cinq-ans.html | 2026-11-20 08:30 | Thomas Lacroix | Climat, Montagne, Glaciers
Les glaciers des Pyrénées ont perdu 20 % de leur surface en cinq ans
img: Le glacier d’Ossoue, sur le massif du Vignemale, en septembre 2026. | Thomas Lacroix / Planète Info
Les glaciers des Pyrénées fondent plus vite que prévu. Selon un relevé publié jeudi par l’Observatoire des glaciers pyrénéens, leur surface totale a diminué de 20 % entre 2021 et 2026, pour ne plus couvrir que 95 hectares.
Le glacier d’Ossoue, le plus grand du versant français, a perdu près de 4 mètres d’épaisseur en moyenne cet été, après un hiver peu enneigé et une succession de vagues de chaleur.
Les glaciologues estiment que la plupart des glaciers pyrénéens auront disparu avant 2050. Certains ne sont déjà plus que des névés sans mouvement.

## biodiversite/2026/11/21/le-castor-poursuit-sa-reconquete-de-la-vallee-de-la-loire.html | 2026-11-21 16:45 | Élise Fabre | Biodiversité, Loire, Faune
Biodiversité : le castor poursuit sa reconquête de la vallée de la Loire
img: Un castor d’Europe photographié au crépuscule près de Blois. | Élise Fabre / Planète Info
Près de 1 200 : c’est le nombre de territoires occupés par le castor d’Europe dans le bassin de la Loire, selon un recensement publié samedi par un réseau de naturalistes. Il y a trente ans, l’espèce n’y comptait que quelques dizaines de familles.
Le rongeur, chassé jusqu’à la quasi-extinction au XIXe siècle, a été protégé en France dès 1909. Il profite aujourd’hui de la qualité retrouvée de certaines rivières et de la végétation des berges.
Ses barrages, qui ralentissent l’eau et créent des zones humides, sont de plus en plus perçus comme un atout face aux sécheresses. Quelques conflits subsistent toutefois avec des agriculteurs et des gestionnaires de routes, lorsque les ouvrages inondent des parcelles.

## espace/2026/11/22/une-comete-pourrait-etre-visible-a-l-oeil-nu-debut-decembre.html | 2026-11-22 09:00 | Thomas Lacroix | Espace, Astronomie
Astronomie : une comète pourrait être visible à l’œil nu début décembre
img: La comète C/2026 K3 photographiée le 18 novembre depuis les Hautes-Alpes. | Club d’astronomie de Saint-Véran
Découverte en mai, la comète C/2026 K3 se rapproche du Soleil et gagne en éclat. Si elle survit à son passage au plus près de notre étoile, le 1er décembre, elle pourrait être visible à l’œil nu depuis la France pendant une dizaine de jours.
Les meilleures conditions d’observation sont attendues entre le 4 et le 10 décembre, juste après le coucher du Soleil, bas sur l’horizon ouest-sud-ouest. Des jumelles suffiront pour distinguer sa queue.
Les astronomes restent prudents : de nombreuses comètes se fragmentent à l’approche du Soleil. « Les comètes, c’est comme les chats : elles ont une queue et font ce qu’elles veulent », rappelle en souriant l’astronome amateur Bernard Roussel.

## oceans/2026/11/22/vague-de-chaleur-marine-record-au-large-des-acores.html | 2026-11-22 13:30 | Élise Fabre | Océans, Climat
Océans : une vague de chaleur marine record au large des Açores
img: Le port de Ponta Delgada, sur l’île de São Miguel, aux Açores. | Élise Fabre / Planète Info
La température de surface de l’océan au large des Açores dépasse depuis six semaines de 2,8 °C les normales de saison, selon les données satellitaires analysées par des chercheurs portugais. Jamais une vague de chaleur marine n’avait duré aussi longtemps dans la région à l’automne.
Ces eaux trop chaudes menacent les herbiers, les coraux d’eau froide et les poissons des pêcheries locales. Des pêcheurs signalent déjà la raréfaction du chinchard et l’arrivée d’espèces tropicales.
Les scientifiques rappellent que les vagues de chaleur marine sont devenues deux fois plus fréquentes depuis les années 1980.

## biodiversite/2026/11/22/replanter-des-haies-pour-proteger-les-cultures-de-la-secheresse.html | 2026-11-22 18:00 | Mathilde Guérin | Agriculture, Biodiversité, Eau
Agriculture : replanter des haies pour protéger les cultures de la sécheresse
img: Une haie replantée en bordure d’un champ de blé dans le Gers. | Mathilde Guérin / Planète Info
Dans le Gers, une trentaine d’agriculteurs ont replanté 42 kilomètres de haies en trois ans. Leur constat : les parcelles abritées perdent moins d’eau, et les rendements y ont mieux résisté à la sécheresse de l’été 2026.
Les haies freinent le vent, qui dessèche les sols, et favorisent l’infiltration de l’eau de pluie. Elles abritent aussi des oiseaux et des insectes auxiliaires qui limitent les ravageurs.
Selon une étude de l’institut technique local, la perte d’humidité du sol est réduite de 15 à 20 % dans les vingt mètres situés derrière une haie. Mais il faut compter cinq à sept ans avant que les arbres jouent pleinement leur rôle.

## sante/2026/11/23/des-microplastiques-dans-l-eau-de-pluie-de-trois-villes-francaises.html | 2026-11-23 07:15 | Thomas Lacroix | Santé, Pollution, Plastique
Des microplastiques détectés dans l’eau de pluie de trois villes françaises
img: Un collecteur d’eau de pluie installé sur le toit d’un laboratoire à Toulouse. | Thomas Lacroix / Planète Info
Des chercheurs ont trouvé en moyenne 56 particules de microplastiques par litre d’eau de pluie recueillie à Toulouse, Lyon et Strasbourg entre janvier et juin 2026, selon une étude parue lundi dans une revue scientifique.
Les fibres issues des textiles synthétiques représentent plus de la moitié des particules. Le reste provient de l’usure des pneus, des emballages et de peintures. Les concentrations les plus fortes ont été mesurées après de longues périodes sèches.
Les effets de ces particules sur la santé humaine restent mal connus. Les auteurs appellent à mieux surveiller l’air, par lequel voyage une grande partie des microplastiques.

## energie/2026/11/23/le-premier-parc-eolien-flottant-de-mediterranee-produit-ses-premiers-megawatts.html | 2026-11-23 12:00 | Élise Fabre | Énergie, Éolien, Méditerranée
Énergie : le premier parc éolien flottant de Méditerranée produit ses premiers mégawatts
img: Une éolienne flottante remorquée vers le large depuis le port de Port-la-Nouvelle. | Élise Fabre / Planète Info
Le premier parc éolien flottant commercial de Méditerranée a injecté ses premiers mégawatts sur le réseau électrique, lundi 23 novembre, au large de Port-la-Nouvelle (Aude). Ses trois éoliennes de 10 mégawatts, posées sur des flotteurs ancrés par 70 mètres de fond, doivent alimenter l’équivalent de 50 000 habitants.
Les éoliennes flottantes permettent d’exploiter des zones plus profondes et plus ventées, loin des côtes, là où les éoliennes posées sur le fond sont impossibles.
Des pêcheurs et des associations de protection des oiseaux restent attentifs aux effets du parc sur la faune, suivis par un programme scientifique de dix ans.
"""

DATA["morning-ledger"] = """
## world/2026/11/23/kim-jong-un-plans-russia-trip-arms-talks-putin.html | 2026-11-23 06:30 | Daniel Reyes | World, Russia, North Korea
Kim Jong Un plans trip to Russia for arms talks with Putin, U.S. officials say
img: Kim Jong Un and Vladimir Putin at their first summit, in Vladivostok, Russia, on April 25, 2019. | Agence Lumière file photo
North Korean leader Kim Jong Un intends to travel to Russia later this month to meet President Vladimir Putin and discuss supplying more weapons for Moscow's war in Ukraine, U.S. officials said on Monday.
Putin is seeking artillery shells and anti-tank missiles, according to the officials, who spoke on condition of anonymity to discuss intelligence. In return, Kim wants advanced satellite technology and help with nuclear-powered submarines, as well as food aid for his impoverished country.
The meeting could take place in Vladivostok, the Pacific port where the two leaders first met in April 2019, the officials said. The Kremlin declined to comment, and North Korean state media made no mention of a trip.
Analysts said North Korean shells would help Russia keep up its rate of fire along the front but would be unlikely to change the course of the war. "It is quantity, not precision," said Min-ji Park, a senior fellow at the Pacific Policy Forum in Washington. "Both armies still use Soviet-standard calibers, so the shells can be fired the day they arrive."
The State Department warned that any arms transfer from North Korea to Russia would violate United Nations Security Council resolutions and said Washington would "not hesitate" to impose new sanctions.

## climate/2026/11/21/bergen-methane-pact-48-countries.html | 2026-11-21 08:10 | Priya Natarajan | Climate, Energy, Diplomacy
Nations strike methane deal in Bergen, pledging 60% cut from oil and gas
img: Norway's climate minister, Ingrid Solvang, center, after the signing of the Bergen Methane Pact on Friday. | Erik Haugland for The Morning Ledger
Forty-eight countries agreed on Friday in Bergen, Norway, to cut methane emissions from oil and gas operations by 60 percent by 2032 compared with 2020 levels, in what negotiators called the fastest climate win available.
The Bergen Methane Pact sets up a $4.2 billion fund to help developing countries find and plug leaks from wells, pipelines and storage sites, and relies on satellite monitoring to check progress.
"Methane is the emergency brake on warming, and today we pulled it," said Ingrid Solvang, Norway's climate minister, who chaired the talks.
Methane traps about 80 times more heat than carbon dioxide over 20 years. The oil and gas industry is one of its largest sources, much of it from leaks and flaring that can be fixed cheaply.
Three of the world's 10 largest oil and gas producers did not sign, and the pact has no penalties for countries that miss the target. Signatories will review progress in 2028.

## business/2026/11/21/veltrix-chip-plant-france-grenoble.html | 2026-11-21 07:00 | Aaron Whitfield | Business, Semiconductors, Europe
Veltrix to build $12 billion chip plant in the French Alps
img: Veltrix chief executive Anneke de Wit at a news conference in Grenoble, France, on Friday. | Veltrix Semiconductor handout
Veltrix Semiconductor said on Friday that it would spend 11.5 billion euros, about $12 billion, on a chip factory in Crolles, near Grenoble in southeastern France, the latest bid by Europe to make more of its own semiconductors.
The plant is expected to employ 2,400 people and start producing 22-nanometer chips for cars and industrial machinery in 2029. The French government will contribute 2.9 billion euros in subsidies under the European Chips Act, pending approval from the European Commission.
"European carmakers learned the hard way what happens when chips come from one corner of the world," said Anneke de Wit, Veltrix's chief executive.
The announcement comes as governments on both sides of the Atlantic compete for chip investment with generous subsidies. Local groups have raised concerns about the plant's water use, which Veltrix put at 20,000 cubic meters a day, half of it recycled.

## business/2026/11/22/helios-rail-transalpina-merger.html | 2026-11-22 17:45 | Aaron Whitfield | Business, Rail, Mergers
Helios Rail and Transalpina agree to merge, creating a European rail giant
img: A Transalpina regional train at Milan's central station. | Agence Lumière
The French train maker Helios Rail and its Italian rival Transalpina said on Sunday that they had agreed to merge in a deal valued at 6.8 billion euros, creating Europe's second-largest maker of trains and signaling equipment.
The combined company will have about 41,000 employees and will be based in Lyon, France. Marc Dufresne, Helios Rail's chief executive, will lead the group, and Transalpina's chair, Giulia Ferraro, will become chair.
The deal is likely to face a lengthy review by European competition regulators, who have blocked rail mergers before. The companies said they expected to complete the transaction by the end of 2027.

## politics/2026/11/20/senate-panel-advances-insulin-cost-cap.html | 2026-11-20 11:00 | Laura Benton | Politics, Health
Senate panel advances bill to cap insulin costs at $30 a month
img: A pharmacist fills a prescription in Columbus, Ohio. | Agence Lumière
A Senate committee voted 15 to 7 on Friday to advance a bill that would cap out-of-pocket insulin costs at $30 a month for people with private insurance, sending the measure to the full Senate.
The proposal would extend to commercial plans a cap that already applies to Medicare patients. Supporters say about 1.3 million privately insured Americans ration insulin because of its cost.
Drugmakers say list prices have already fallen and warn that the cap would shift costs to premiums. It is unclear whether the bill has enough support to pass the full chamber before the end of the year.

## us/2026/11/20/halverton-port-strike-averted-tentative-deal.html | 2026-11-20 16:20 | Marcus Cole | U.S., Labor, Shipping
Port strike averted as Halverton dockworkers reach tentative deal
img: Containers stacked at the Port of Halverton on Friday. | Marcus Cole/The Morning Ledger
Dockworkers at the Port of Halverton reached a tentative six-year contract with terminal operators on Friday, hours before a strike deadline that threatened to disrupt holiday shipping on the East Coast.
The agreement raises wages by 28 percent over the life of the contract and limits the use of automated cranes at two terminals, according to a union statement. Members are expected to vote on the deal next month.
The port handles about 4 percent of the nation's container imports, including a large share of the toys and electronics sold during the holiday season.

## business/2026/11/21/mortgage-rates-fall-lowest-since-spring.html | 2026-11-21 12:00 | Laura Benton | Business, Housing
Mortgage rates fall to their lowest level since spring
img: A house for sale in suburban Denver. | Agence Lumière
The average rate on a 30-year fixed mortgage fell to 5.72 percent this week, its lowest level since April, according to a weekly survey of lenders.
Lower rates have brought some buyers back: applications for purchase loans rose 9 percent from the previous week. But with prices still near record highs, economists said affordability remained stretched for first-time buyers.
"It's a thaw, not a spring," said Nora Feldman, chief economist at the real estate site HomeScope.

## life/2026/11/22/library-book-vending-machine-national-hit.html | 2026-11-22 09:00 | Grace Okafor | Life, Books
A small-town library's book vending machine becomes a national hit
img: Children choose books from the vending machine at the Millbrook Public Library. | Grace Okafor/The Morning Ledger
When the Millbrook Public Library in rural Vermont installed a vending machine that dispenses free books instead of snacks, its director hoped a few children would use it. Eight months later, the machine has handed out more than 6,000 books, and libraries in 31 states have asked how to build their own.
Children use tokens earned by reading at home, and adults can take a book by scanning a library card. The machine is restocked every two days by volunteers.
"Kids love pushing the button. It turns reading into a little event," said Ruth Calloway, the library's director. The library has published its plans online for free.

## climate/2026/11/22/western-wildfire-season-ending-later-report.html | 2026-11-22 13:00 | Priya Natarajan | Climate, Wildfires
Wildfire season in the West is ending later than ever, report finds
img: A firefighter monitors a controlled burn in Oregon in October. | Agence Lumière
The wildfire season in the Western United States has lengthened by an average of 41 days since the 1980s, and this year's last large fire was contained only on Nov. 12, according to a report released on Sunday by a coalition of university researchers.
Warmer autumns and later rains have kept vegetation dry well into November, the report said, straining firefighting crews that were once released in early fall.
The authors called for year-round fire crews and more prescribed burning during the cooler months.

## business/2026/11/23/retailers-brace-for-muted-holiday-season.html | 2026-11-23 08:15 | Marcus Cole | Business, Retail
Retailers brace for a muted holiday season as shoppers cut back
img: Shoppers at a mall in Paramus, N.J., on Sunday. | Marcus Cole/The Morning Ledger
Retailers are heading into the holiday season with cautious forecasts, as shoppers worn down by higher prices for groceries and rent plan to spend less on gifts, according to industry surveys released on Monday.
Holiday sales are expected to grow between 2 and 2.5 percent this year, the slowest pace since 2018. Discount chains and online marketplaces are expected to gain share, while department stores face another difficult season.
Many retailers have started promotions earlier than usual and kept inventories lean to avoid deep markdowns in January.
"""

DATA["northwind-tech"] = """
## news/2026/11/veltrix-grenoble-chip-fab-2400-jobs/ | 2026-11-20 10:30 | Sam Okonkwo | News, Semiconductors
Veltrix picks Grenoble for €11.5 billion chip fab, promising 2,400 jobs
img: A rendering of Veltrix's planned fab in Crolles, France. | Veltrix Semiconductor
Veltrix Semiconductor will build its next chip fab in Crolles, in the Grenoble area of the French Alps, the company announced Friday. The €11.5 billion (roughly $12 billion) plant is the biggest chip investment in France to date.
The fab will make 22nm chips, a mature node that doesn't grab headlines but powers the microcontrollers, sensors and power-management parts found in every modern car, heat pump and factory robot. Production is scheduled to start in 2029, with 2,400 direct jobs.
Chief executive Anneke de Wit said the choice of a mature node was deliberate: "The shortages that stopped car lines in 2021 were not about cutting-edge chips. They were about the boring ones." France will provide €2.9 billion in state aid under the EU Chips Act.
The site sits next to an existing research cluster, which gives Veltrix access to engineers and cleanroom suppliers. The big open question is water: the fab will need around 20,000 cubic meters a day, and Veltrix says more than half will be recycled on site.

## reviews/2026/11/aster-book-14-review/ | 2026-11-20 06:00 | Jenna Liu | Reviews, Laptops, review
Review: the Aster Book 14 is the quiet, long-lasting laptop we wanted
img: The Aster Book 14 has a 14-inch 2.8K display and weighs 1.2 kg. | Jenna Liu/Northwind
The Aster Book 14 doesn't try to be exciting. It's a 1.2 kg aluminum laptop with a matte 14-inch screen, a good keyboard and no fan at all, and after two weeks of daily use it has become the machine I reach for first.
Battery life is the headline: in our standard rundown test, which loops web browsing at 200 nits, it lasted 17 hours and 40 minutes, three hours more than last year's model. The passively cooled chip does slow down during long video exports, but for writing, browsing and video calls it never felt sluggish.
The 1080p webcam is sharp, the speakers are thin, and the port selection (two USB-C, one USB-A, a headphone jack) is sensible. At $1,099 for 16GB of RAM and 512GB of storage, it undercuts most rivals.
Verdict: if you want silence and battery life more than raw power, this is the one to buy.

## reviews/2026/11/pebblebeam-color-e-reader-hands-on/ | 2026-11-21 07:30 | Jenna Liu | Reviews, E-readers, review
Hands-on: Pebblebeam's $89 e-reader finally gets color right
img: The Pebblebeam Color shows comics and book covers in muted but accurate colors. | Jenna Liu/Northwind
Color e-paper screens have long looked like faded newsprint. The new Pebblebeam Color, which costs just $89, is the first cheap e-reader I've used where color pages look intentional rather than washed out.
The 7-inch screen shows 4,096 colors at 150 pixels per inch, half the resolution of black-and-white text, which is still crisp at normal reading distance. Page turns are quick, and the front light now warms up to amber in the evening.
The catch is the software: the store is small, and sideloading EPUB files requires a cable. Still, for comics, cookbooks and children's books, it's a bargain.

## guides/2026/11/best-budget-mechanical-keyboards/ | 2026-11-21 11:00 | Carlos Mendes | Guides, Keyboards
The best budget mechanical keyboards of 2026
img: Our three favorite budget mechanical keyboards, from left to right. | Carlos Mendes/Northwind
We typed on 23 mechanical keyboards under $80 this year. Most were fine; a few were great. Our top pick is the Keystead K75, a compact board with hot-swappable switches, a solid aluminum plate and a price of $69.
If you want a full number pad, the Tallow TK100 is quieter than most thanks to foam dampening, and its wireless mode lasted five weeks on a charge in our testing. On a tight budget, the $39 Brisk 60 has surprisingly good stabilizers, though its plastic case flexes.
Every board we recommend supports standard keycaps, so you can change the look later without buying a new keyboard.

## how-to/2026/11/router-smart-qos-slowing-you-down/ | 2026-11-22 08:00 | Sam Okonkwo | How-to, Networking
Why your router's "smart QoS" setting might be slowing you down
img: The quality-of-service settings page of a typical home router. | Sam Okonkwo/Northwind
Many home routers ship with a "smart QoS" or "gaming boost" feature switched on. On fast fiber connections, it can actually cut your download speed in half, because the router's processor can't inspect traffic fast enough.
In our tests on a 1 Gbps line, three of five popular routers topped out between 380 and 520 Mbps with QoS enabled, and reached full speed once it was turned off. Latency during video calls barely changed.
If your connection is faster than about 300 Mbps, try disabling the feature and running a speed test. If you do need traffic shaping, look for routers that support a modern queue algorithm such as fq_codel or CAKE.

## reviews/2026/11/corvid-x2-earbuds-review/ | 2026-11-22 12:15 | Carlos Mendes | Reviews, Audio, review
Review: Corvid X2 earbuds trade bass for battery life
img: The Corvid X2 earbuds in their charging case. | Carlos Mendes/Northwind
The Corvid X2 earbuds last longer than anything else we've tested: 11 hours per charge with noise cancellation on, and 44 hours with the case. That endurance comes at a cost, though, and you'll hear it.
The sound is clean and detailed in the mids, but bass is thin, even with the app's equalizer turned up. Noise cancellation is good on planes and buses but struggles with voices in an open office.
At $129, they're a solid choice for long flights and commutes, less so for bass-heavy music.

## news/2026/11/open-source-maintainers-ai-bug-reports/ | 2026-11-22 15:40 | Sam Okonkwo | News, Open source, AI
Open-source maintainers warn of burnout as AI-generated bug reports surge
img: A maintainer triages bug reports at a developer meetup in Portland. | Sam Okonkwo/Northwind
Maintainers of widely used open-source projects say they are being flooded with bug reports and security disclosures written by AI tools, many of which describe problems that don't exist.
One maintainer of a popular compression library told Northwind that about 60 percent of the security reports her project received this year were invalid, up from 10 percent two years ago. Each one still takes hours to check.
Several projects have started requiring reporters to include a working proof of concept, and some bug bounty platforms now penalize accounts that submit unverified AI output.

## reviews/2026/11/lumen-os-3-hands-on/ | 2026-11-23 05:00 | Jenna Liu | Reviews, Software, Linux
Hands-on with Lumen OS 3: a Linux desktop for people who never tried Linux
img: The Lumen OS 3 desktop with its new app center. | Jenna Liu/Northwind
Lumen OS 3, released this week, is aimed squarely at people whose Windows 10 laptops are too old for Windows 11. It installs from a USB stick in about 15 minutes and walks you through importing files and browser bookmarks.
The new app center lists 3,000 apps with plain-language descriptions, and common tasks such as printing and connecting to Wi-Fi worked out of the box on the three older laptops we tried.
Gaming and some professional software remain weak spots, but for browsing, email and documents, Lumen OS 3 is the easiest Linux we've used.

## features/2026/11/how-we-test-batteries/ | 2026-11-23 09:00 | | Features, Testing
How we test batteries: inside Northwind's rundown rig
img: Twelve phones run our battery test in a temperature-controlled cabinet. | Carlos Mendes/Northwind
Every battery figure in a Northwind review comes from the same cabinet in our lab: a temperature-controlled box kept at 22°C, with screens calibrated to 200 nits and a script that loads the same 40 web pages in a loop until the device dies.
We test each device twice and report the average. If the two runs differ by more than 5 percent, we run a third. Phones are tested on Wi-Fi, and laptops with keyboard backlights off.
No lab test matches real life perfectly, but using the same routine for every device makes our numbers comparable from one review to the next.
"""

DATA["gazette-numerique"] = """
## actualites/2026/11/20/veltrix-11-milliards-usine-puces-grenoble.html | 2026-11-20 17:45 | Maxime Royer | Industrie, Semi-conducteurs
Veltrix va investir 11,5 milliards d’euros dans une usine de puces près de Grenoble
img: La directrice générale de Veltrix, Anneke de Wit, à Grenoble, le 20 novembre 2026. | Photo : Veltrix Semiconductor
C’est officiel : le fabricant de semi-conducteurs Veltrix construira sa prochaine usine à Crolles, près de Grenoble. Annoncé vendredi 20 novembre, l’investissement de 11,5 milliards d’euros doit créer 2 400 emplois directs.
L’usine produira à partir de 2029 des puces gravées en 22 nanomètres, une technologie éprouvée utilisée dans les microcontrôleurs des voitures, des pompes à chaleur ou des machines industrielles. « Ce ne sont pas les puces les plus avancées qui ont manqué pendant la pénurie, ce sont les plus banales », a résumé la directrice générale, Anneke de Wit.
L’État versera 2,9 milliards d’euros d’aides au titre du règlement européen sur les semi-conducteurs. Les associations environnementales s’interrogent sur les 20 000 mètres cubes d’eau que consommera chaque jour le site.

## actualites/2026/11/20/un-collectif-de-traducteurs-lance-un-label-traduit-par-un-humain.html | 2026-11-20 09:00 | Léa Carpentier | IA, Édition, Traduction
Un collectif de traducteurs lance un label « Traduit par un humain »
img: Le logo du label « Traduit par un humain », présenté à Paris. | Photo : Collectif Traduire
Face à la multiplication des livres traduits par des logiciels, un collectif de 400 traducteurs littéraires lance un label « Traduit par un humain », qui pourra figurer sur la couverture des ouvrages dont la traduction n’a pas été réalisée par une machine.
Les éditeurs qui souhaitent l’utiliser devront signer une charte et fournir, en cas de contrôle, les contrats de traduction. Une vingtaine de maisons d’édition ont déjà annoncé leur adhésion.
« Les lecteurs ont le droit de savoir qui a écrit le texte qu’ils lisent », estime la présidente du collectif, Hélène Dutertre.

## tests/2026/11/21/test-fairline-5-un-smartphone-reparable-qui-tient-ses-promesses.html | 2026-11-21 10:00 | Maxime Royer | Test, Smartphone, Réparabilité
Test : le Fairline 5, un smartphone réparable qui tient ses promesses
img: Le Fairline 5 démonté : batterie, écran et caméra se remplacent avec un simple tournevis. | Photo : Maxime Royer / La Gazette Numérique
Écran, batterie, port USB-C, caméras : sur le Fairline 5, une dizaine de pièces se changent en quelques minutes avec le tournevis fourni. Le fabricant promet sept ans de mises à jour et de pièces détachées.
À l’usage, le téléphone se montre fluide et son autonomie dépasse confortablement la journée. Son appareil photo est correct en plein jour mais décevant la nuit, et son écran de 6,4 pouces manque un peu de luminosité en extérieur.
Vendu 599 euros, le Fairline 5 n’est pas le plus puissant de sa catégorie, mais c’est sans doute le plus durable. Note : 8/10.

## actualites/2026/11/21/les-box-internet-passent-au-wi-fi-7-faut-il-changer.html | 2026-11-21 15:30 | Léa Carpentier | Réseaux, Wi-Fi, Conseils
Les box internet passent au Wi-Fi 7 : faut-il changer d’équipement ?
img: Une box internet compatible Wi-Fi 7. | Photo : La Gazette Numérique
Les quatre principaux fournisseurs d’accès proposent désormais une box compatible Wi-Fi 7. Cette norme promet des débits théoriques supérieurs à 40 gigabits par seconde et une latence réduite.
En pratique, seuls les appareils récents, smartphones haut de gamme et ordinateurs sortis depuis 2025, en profitent. Pour la plupart des foyers, un ancien routeur Wi-Fi 6 bien placé suffit largement.
Avant de changer d’offre, mieux vaut vérifier l’emplacement de sa box et, dans un grand logement, ajouter un répéteur.

## actualites/2026/11/22/la-mairie-de-villeneuve-sur-orne-paralysee-par-un-rancongiciel.html | 2026-11-22 09:15 | Maxime Royer | Cybersécurité, Collectivités
Cybersécurité : la mairie de Villeneuve-sur-Orne paralysée par un rançongiciel
img: L’hôtel de ville de Villeneuve-sur-Orne, fermé au public samedi. | Photo : La Gazette Numérique
Les services de la mairie de Villeneuve-sur-Orne, commune de 18 000 habitants, sont à l’arrêt depuis jeudi soir après une cyberattaque par rançongiciel. Les pirates réclament 300 000 euros en cryptomonnaie pour déchiffrer les serveurs.
État civil, inscriptions scolaires et paie des agents fonctionnent en mode dégradé, sur papier. La commune a porté plainte et refuse de payer la rançon, conformément aux recommandations des autorités.
Selon le maire, les sauvegardes de la semaine précédente sont intactes, mais la restauration complète des services pourrait prendre plusieurs semaines.

## actualites/2026/11/22/la-fondation-tilleul-lance-un-editeur-de-texte-collaboratif.html | 2026-11-22 14:00 | Léa Carpentier | Logiciel libre, Bureautique
Logiciel libre : la fondation Tilleul lance un éditeur de texte collaboratif
img: L’interface de l’éditeur collaboratif Tilleul Docs. | Photo : Fondation Tilleul
La fondation Tilleul, qui soutient des logiciels libres pour les administrations, a publié la première version de Tilleul Docs, un éditeur de texte collaboratif qui fonctionne dans le navigateur et peut être hébergé sur les serveurs de chaque organisation.
Plusieurs agents peuvent écrire en même temps dans un document, commenter et suivre les modifications. Le logiciel importe et exporte les formats bureautiques courants.
Trois ministères et une dizaine de collectivités testent déjà l’outil, présenté comme une alternative aux suites bureautiques en ligne des géants américains.

## actualites/2026/11/22/le-studio-nebuleuse-devoile-les-marees-d-ys.html | 2026-11-22 18:20 | | Jeux vidéo, Culture
Jeux vidéo : le studio bordelais Nébuleuse dévoile « Les Marées d’Ys »
img: Une image du jeu « Les Marées d’Ys », inspiré des légendes bretonnes. | Image : Studio Nébuleuse
Le studio bordelais Nébuleuse a présenté dimanche « Les Marées d’Ys », un jeu d’aventure inspiré de la légende de la ville engloutie. Le joueur y incarne une cartographe qui doit explorer la cité au rythme des marées.
Développé par une équipe de 22 personnes, le jeu sortira au printemps 2027 sur PC et consoles. Sa bande originale a été enregistrée avec des musiciens de bagad.

## actualites/2026/11/23/fibre-optique-92-des-locaux-desormais-raccordables.html | 2026-11-23 08:00 | Léa Carpentier | Réseaux, Fibre, Territoires
Fibre optique : 92 % des locaux désormais raccordables
img: Un technicien installe la fibre optique dans un village de la Creuse. | Photo : La Gazette Numérique
Plus de 92 % des logements et locaux professionnels français peuvent désormais être raccordés à la fibre optique, selon l’observatoire trimestriel du secteur publié lundi. Ils étaient 80 % il y a deux ans.
Les zones rurales restent les dernières à attendre : dans une quinzaine de départements, moins de 85 % des locaux sont éligibles. La fermeture progressive du réseau cuivre inquiète les habitants de ces territoires.
Les opérateurs promettent une couverture complète d’ici à la fin de 2027.

## conseils/2026/11/23/comment-desactiver-la-publicite-ciblee-sur-votre-televiseur-connecte.html | 2026-11-23 11:45 | Maxime Royer | Vie privée, Conseils
Vie privée : comment désactiver la publicité ciblée sur votre téléviseur connecté
img: Le menu de confidentialité d’un téléviseur connecté. | Photo : La Gazette Numérique
La plupart des téléviseurs connectés analysent ce qui s’affiche à l’écran, y compris les programmes regardés via une box ou une console, pour proposer de la publicité ciblée. Cette fonction, souvent appelée « reconnaissance de contenu », est généralement activée par défaut.
Pour la désactiver, il faut se rendre dans les paramètres de confidentialité du téléviseur. Selon les marques, l’option s’appelle « Informations de visionnage », « Reconnaissance automatique » ou « Publicité basée sur l’intérêt ».
Le téléviseur continue à fonctionner normalement une fois l’option désactivée. Il faut parfois répéter l’opération après une mise à jour du système.
"""

DATA["open-climate-wire"] = """
## news/2026/11/20/bergen-methane-pact-48-countries-sign.html | 2026-11-20 19:20 | Hannah Lindqvist | Methane, Policy, Oil and gas
48 countries sign Bergen pact to cut oil and gas methane by 60% by 2032
img: Delegates applaud the adoption of the Bergen Methane Pact in Bergen, Norway, on 20 November. | Open Climate Wire, CC BY 4.0
Forty-eight countries signed the Bergen Methane Pact on Friday, committing to cut methane emissions from oil and gas production by 60 per cent by 2032, compared with 2020 levels.
The agreement, reached after three days of talks in the Norwegian city, creates a $4.2 billion fund to help lower-income producers detect and repair leaks. Compliance will be checked with independent satellite measurements, published openly.
"Every tonne of methane we keep out of the air buys time this decade," said Ingrid Solvang, Norway's climate minister and the summit's chair.
Scientists say methane is responsible for roughly a third of the warming since pre-industrial times. Three of the ten biggest oil and gas producers stayed out of the deal, and it contains no penalties. A first review is scheduled for 2028.

## news/2026/11/21/storm-ondine-warm-atlantic-rapid-intensification.html | 2026-11-21 14:00 | Tomás Herrera | Storms, Oceans, Extreme weather
Storm Ondine: record-warm Atlantic fed rapid intensification, forecasters say
img: Satellite image of Storm Ondine approaching Brittany and Cornwall on 20 November. | Open Climate Wire, CC BY 4.0
Storm Ondine deepened explosively before striking Brittany and Cornwall overnight on Friday, with its central pressure falling 30 hectopascals in 24 hours, forecasters said on Saturday.
Gusts reached 168 km/h (104 mph) at the Pointe du Raz in western France. Around 190,000 homes in Brittany and 45,000 in Cornwall lost power, and two people were killed in France.
Sea surface temperatures west of the Bay of Biscay were about 1.5C above normal, providing extra heat and moisture. "Warmer water is extra fuel," said oceanographer Julien Le Bihan.
Attribution scientists said it was too early to say how much climate change contributed to Ondine specifically, but that wetter winter storms and higher storm surges were consistent with a warming climate.

## news/2026/11/20/urban-trees-cut-summer-night-temperatures.html | 2026-11-20 09:00 | Amara Osei | Cities, Heat, Research
Study: urban trees cut summer night temperatures by up to 2.4C
img: Street trees shade a residential avenue in Valencia, Spain. | Open Climate Wire, CC BY 4.0
Neighbourhoods with at least 30 per cent tree canopy were up to 2.4C cooler at night during heatwaves than those with little shade, according to a study of 14 European cities published on Thursday.
Night-time heat is especially dangerous because it prevents the body from recovering. The researchers found the cooling effect was strongest in dense districts with narrow streets.
The authors said cities should prioritise planting in low-income neighbourhoods, which tend to have fewer trees and more heat-related deaths.

## news/2026/11/21/tasmania-kelp-forests-first-signs-of-recovery.html | 2026-11-21 06:30 | Amara Osei | Oceans, Biodiversity
Kelp forests off Tasmania show first signs of recovery
img: Divers survey a restored patch of giant kelp off Tasmania's east coast. | Open Climate Wire, CC BY 4.0
Patches of giant kelp replanted off Tasmania's east coast have survived two summers and begun to spread, researchers reported this week, a rare bright spot for a forest that has lost about 95 per cent of its area since the 1960s.
The project uses heat-tolerant kelp strains selected from surviving plants and grown in a nursery before being attached to reefs.
Scientists cautioned that the restored areas cover only a few hectares and that marine heatwaves remain a threat.

## news/2026/11/21/heat-pumps-outsold-gas-boilers-five-countries.html | 2026-11-21 18:00 | Hannah Lindqvist | Energy, Buildings
Heat pumps outsold gas boilers in five European countries this year
img: An installer fits an air-source heat pump outside a house in Lyon. | Open Climate Wire, CC BY 4.0
Heat pumps outsold gas boilers in France, Poland, Italy, the Netherlands and Belgium in the first nine months of 2026, according to industry sales data compiled by a European trade association.
Sales recovered after a slump in 2024, helped by lower electricity prices and new subsidy schemes. Across the European Union, about 2.9 million heat pumps were sold over the period.
Installers say the main bottleneck is now training: many plumbers still lack experience sizing and fitting the systems.

## news/2026/11/22/nepal-glacier-lake-flood-warning-system.html | 2026-11-22 07:00 | Tomás Herrera | Glaciers, Disaster risk, Asia
Glacier lake flood warning system goes live in Nepal valley
img: A warning siren tower above a village in eastern Nepal. | Open Climate Wire, CC BY 4.0
An early warning system for glacial lake outburst floods has begun operating in a Himalayan valley in eastern Nepal, giving downstream villages up to 30 minutes' notice if a glacier lake bursts its banks.
Sensors at the lake's edge send water-level data by satellite to sirens in 11 villages. The system was designed with local communities, who run regular evacuation drills.
Scientists have identified more than 20 potentially dangerous glacial lakes in Nepal as Himalayan glaciers retreat.

## news/2026/11/22/citizen-scientists-map-roadside-wildflower-verges.html | 2026-11-22 15:00 | Amara Osei | Biodiversity, Citizen science
Citizen scientists map 12,000 roadside wildflower verges
img: A roadside verge in bloom in Dorset. | Open Climate Wire, CC BY 4.0
More than 4,000 volunteers surveyed 12,000 roadside verges across Britain this summer, recording 700 species of wild plant, including 23 considered threatened.
Verges that were mown only once a year, late in summer, had twice as many flowering species as those mown several times, the survey found.
The organisers will share the map with highway authorities to help them adapt mowing schedules.

## explainers/2026/11/22/solar-canopies-over-car-parks-explained.html | 2026-11-22 20:00 | Hannah Lindqvist | Explainer, Solar, Energy
Explainer: how much power could solar canopies over car parks add?
img: Solar panels shade a supermarket car park near Toulouse. | Open Climate Wire, CC BY 4.0
France now requires large outdoor car parks to cover at least half of their surface with solar panels, under a law passed in 2023. The rule is being phased in between 2026 and 2028.
Covering car parks avoids using farmland, and the panels shade cars in summer. Researchers estimate that French car parks alone could host around 11 gigawatts of solar capacity.
The drawbacks are cost, since the steel structures are expensive, and the fact that production is highest at midday in summer, when power is already plentiful.

## news/2026/11/23/andalusia-farmers-restore-ancient-irrigation-channels.html | 2026-11-23 10:00 | Tomás Herrera | Water, Agriculture, Drought
Drought-hit farmers in Andalusia restore ancient irrigation channels
img: A restored acequia carries snowmelt near Granada. | Open Climate Wire, CC BY 4.0
In the Sierra Nevada above Granada, farmers and volunteers have restored 40 kilometres of acequias, irrigation channels dug more than a thousand years ago, to slow snowmelt and recharge aquifers.
The channels divert meltwater into the mountain's soils in spring, where it seeps slowly downhill and feeds springs months later, during the dry summer.
Hydrologists say the technique could help many Mediterranean mountain regions store water as snowfall becomes less reliable.
"""

DATA["worldwire"] = """
## https://morning-ledger.example/world/2026/11/23/kim-jong-un-plans-russia-trip-arms-talks-putin.html | 2026-11-23 12:05 | | World, Partner content

## https://harbour-post.example/news/2026/11/21/storm-ondine-45000-homes-without-power/ | 2026-11-21 11:00 | | Europe, Partner content

## business/2026/11/23/unions-seek-job-guarantees-after-helios-rail-transalpina-merger.html | 2026-11-23 07:30 | Elena Marsh | Business, Europe, Rail
Unions seek job guarantees after Helios Rail and Transalpina agree €6.8bn merger
img: A Helios Rail assembly line in eastern France. | WorldWire
Trade unions in France and Italy demanded guarantees on jobs and factories on Monday, a day after train makers Helios Rail and Transalpina agreed a €6.8 billion merger that will create Europe's second-largest rail equipment group.
The combined company will employ about 41,000 people and be headquartered in Lyon. Unions said they feared the closure of overlapping plants making regional trains and signalling systems.
Helios Rail chief executive Marc Dufresne, who will run the merged group, said on Sunday there were "no plans for site closures". The deal requires approval from EU competition authorities and is expected to close by the end of 2027.

## americas/2026/11/20/chile-copper-output-rises-for-third-straight-month.html | 2026-11-20 14:00 | Diego Fuentes | Americas, Mining, Commodities
Chile's copper output rises for third straight month
img: Trucks at an open-pit copper mine in northern Chile. | WorldWire
Chile's copper production rose 4.1 per cent year on year in October, the third consecutive monthly increase, as new projects in the north of the country ramped up, according to official figures released on Friday.
The world's largest copper producer has struggled with declining ore grades and water shortages at older mines. The recent recovery has been driven by two expansions that began operating this year.
Copper prices have risen about 12 per cent this year on demand from electric vehicles, power grids and data centres.

## africa/2026/11/21/kenyan-startup-solar-cold-rooms-reach-500-markets.html | 2026-11-21 09:30 | Wanjiru Kamau | Africa, Agriculture, Startups
Kenyan startup's solar-powered cold rooms reach 500 markets
img: A trader stores tomatoes in a solar-powered cold room in Nakuru. | WorldWire
A Nairobi-based startup that rents space in solar-powered cold rooms to fruit and vegetable traders says its units are now installed in 500 markets across Kenya, Uganda and Tanzania.
Traders pay a small daily fee per crate, and say the cold storage has cut the share of produce they throw away from about 40 per cent to under 10 per cent.
The company plans to expand to Nigeria next year after raising $18 million from investors.

## asia-pacific/2026/11/22/mongolian-herders-receive-insurance-payouts.html | 2026-11-22 10:00 | Li Wen | Asia-Pacific, Insurance, Climate
Mongolian herders receive insurance payouts after harsh spring
img: Herders move livestock across the steppe in central Mongolia. | WorldWire
More than 30,000 Mongolian herding households have received payouts from an index-based livestock insurance scheme after a harsh late spring killed about 2 million animals.
Unlike traditional insurance, the scheme pays out automatically when livestock deaths in a district exceed a set threshold, without individual claims or inspections.
Herders and officials say the payouts, averaging about $600 per household, arrived within weeks, helping families buy fodder for the winter.

## europe/2026/11/22/dutch-cyclists-union-calls-for-speed-limits-on-bike-paths.html | 2026-11-22 17:00 | Elena Marsh | Europe, Transport, Cycling
Dutch cyclists' union calls for speed limits on busy bike paths
img: Cyclists and e-bike riders on a crowded bike path in Utrecht. | WorldWire
The Netherlands' largest cyclists' union has called for a 25 km/h speed limit on busy urban bike paths, citing a rise in collisions involving fast electric bikes.
Injuries involving e-bikes among cyclists aged over 65 rose by nearly a fifth last year, according to hospital data cited by the union.
Speed limits on bike paths would be a first for the country, where cycle paths are generally open to all bicycles and mopeds that meet national standards.

## americas/2026/11/23/brazilian-city-pilots-four-day-school-week.html | 2026-11-23 09:45 | | Americas, Education
Brazilian city pilots four-day school week
img: Pupils leave a municipal school in southern Brazil. | WorldWire
A mid-sized city in southern Brazil will move its 48 public schools to a four-day week next year, lengthening the remaining school days to keep total teaching time unchanged, officials said on Monday.
The city says the change will save on transport and energy costs and give teachers a weekly day for training. Parents' groups have raised concerns about childcare on the fifth day.
Researchers will compare pupils' results with those in neighbouring cities before any decision to extend the scheme.
"""

DATA["harbour-post"] = """
## news/2026/11/21/storm-ondine-45000-homes-without-power/ | 2026-11-21 09:40 | Jory Penrose | Weather, News
Storm Ondine: 45,000 homes without power as gusts of up to 91mph batter the coast
img: Waves break over the harbour wall at Tremorrow on Saturday morning. | Jory Penrose
Around 45,000 homes across Cornwall were without power on Saturday morning after Storm Ondine swept in from the Atlantic overnight, bringing gusts of up to 91mph to exposed headlands and forcing the closure of the harbour.
The sea wall at Tremorrow was overtopped at high tide shortly after 3am, flooding the quay and several shops on Fore Street. Firefighters pumped water from properties until dawn. No injuries were reported in the town.
In Brittany, where the storm struck first, gusts reached 104mph (168km/h) at the Pointe du Raz, around 190,000 homes lost power and two people were killed.
The electricity network operator said engineers were working to restore supplies but warned that some rural customers could be without power until Monday. All ferry sailings to the Isles of Scilly were cancelled for the weekend.
Residents are urged to stay away from the seafront. The council has opened the Methodist hall on Chapel Street as a warm space, with hot drinks and phone charging, until 8pm.

## news/2026/11/22/winter-ferry-timetable-fewer-crossings/ | 2026-11-22 08:00 | Tamsin Rowe | Sea, Transport
Winter ferry timetable: fewer crossings to the islands from December
flags: utm
img: The passenger ferry leaves Tremorrow quay. | Tamsin Rowe
The island ferry will run four days a week instead of six from 7 December, under a winter timetable published by the operator on Friday. Sailings will leave Tremorrow at 9.15am on Mondays, Wednesdays, Fridays and Saturdays.
The operator blamed falling passenger numbers and the cost of fuel. Islanders' representatives said the cuts would make hospital appointments and school trips on the mainland harder to arrange.
A freight-only sailing will continue on Tuesdays. The summer timetable is due to resume on 28 March.

## news/2026/11/20/lifeboat-rescues-two-kayakers-off-gull-point/ | 2026-11-20 17:30 | Jory Penrose | Sea, News
Lifeboat crew rescues two kayakers off Gull Point
img: The all-weather lifeboat returns to Tremorrow after the rescue. | Tremorrow Lifeboat Station
Two kayakers were rescued by Tremorrow's lifeboat on Friday afternoon after being swept towards the rocks off Gull Point as the wind picked up ahead of the storm.
The pair, both in their thirties and visiting from Bristol, had set out from the beach at Porth Glas at about 1pm. A walker on the coast path raised the alarm when she saw one of the kayaks capsize.
The lifeboat reached them within 15 minutes. Both were treated for mild hypothermia and released. The coastguard reminded visitors to check the forecast and carry a means of calling for help.

## council/2026/11/20/council-approves-64-homes-on-former-creamery-site/ | 2026-11-20 12:00 | Tamsin Rowe | Council, Housing
Council approves 64 new homes on former creamery site
flags: title_repeat
img: The derelict creamery buildings on Penmarrow Road. | Tamsin Rowe
Plans for 64 new homes on the site of the former creamery on Penmarrow Road were approved by the council's planning committee on Thursday, ending a six-year wait for the derelict site.
Twenty-six of the homes will be offered at affordable rents or for shared ownership, with priority for people who have lived or worked in the parish for at least three years.
Some neighbours objected to the height of the three-storey blocks and to extra traffic at the junction with the main road. The developer has agreed to pay for a new pedestrian crossing.
Work is expected to start next spring.

## news/2026/11/22/christmas-lights-switch-on-moved-indoors/ | 2026-11-22 15:00 | Jory Penrose | News, Events
Christmas lights switch-on moved indoors after storm damage
img: Storm-damaged festive lights on the quay. | Jory Penrose
Tremorrow's Christmas lights switch-on will take place in the town hall next Saturday, after lights strung along the quay were torn down by the storm on Friday night.
Organisers said about a third of the 4,000 bulbs were damaged and would not be replaced in time. The lights in Fore Street and around the church survived and will be switched on as planned.
The evening will include the school choir, a lantern parade if the weather allows, and a visit from Father Christmas arriving, as tradition demands, by boat.

## sea/2026/11/21/fishing-fleet-faces-new-cuts-to-pollock-quota/ | 2026-11-21 16:10 | Tamsin Rowe | Sea, Fishing
Fishing fleet faces new cuts to pollock quota
img: Fishing boats moored in Tremorrow harbour. | Tamsin Rowe
Skippers in Tremorrow say a proposed 30 per cent cut in pollock quotas for next year could force some boats to tie up for months.
The cut follows scientific advice that stocks in the Celtic Sea remain at historically low levels. Fishermen argue that they are seeing more pollock than in recent years and that the science lags behind.
The town's fleet of 14 boats lands mainly pollock, crab and mackerel. Final quotas will be agreed in December.

## news/2026/11/22/primary-school-wins-award-for-rock-pool-science-club/ | 2026-11-22 11:20 | Jory Penrose | Education, News
Primary school wins national award for its rock-pool science club
img: Pupils from St Keyne's Primary identify crabs in a rock pool. | St Keyne's Primary School
St Keyne's Primary School has won a national science teaching award for its rock-pool club, in which pupils record the species they find on the shore each month.
Over four years, the children have logged more than 9,000 sightings, which are shared with marine biologists at a university in Plymouth.
"The children are real scientists. Their data is used in research," said headteacher Lowenna Hicks. The school receives £5,000 to spend on equipment.

## news/2026/11/23/new-bus-route-links-tremorrow-to-truro-hospital/ | 2026-11-23 07:50 | Tamsin Rowe | Transport, Health
New bus route links Tremorrow to Truro hospital
img: The first bus on the new route leaves the harbour car park. | Tamsin Rowe
A direct bus between Tremorrow and the hospital in Truro begins on Monday, cutting the journey for patients and visitors without a car from nearly two hours to 55 minutes.
The service will run every two hours on weekdays, with the first departure at 7.05am. It is funded for three years by the council and the health trust.
Campaigners, who collected 2,300 signatures for the route, said they hoped weekend services would follow.

## notices/2026/11/23/obituary-morwenna-pascoe-harbourmaster-for-31-years/ | 2026-11-23 10:30 | | Obituaries
Obituary: Morwenna Pascoe, harbourmaster for 31 years
img: Morwenna Pascoe on the quay in 2009. | Pascoe family
Morwenna Pascoe, who served as Tremorrow's harbourmaster for 31 years and was the first woman to hold the post, has died at the age of 84.
Born in the town in 1942, she went to sea with her father at 14 and later ran the harbour through the decline of the pilchard fishery and the rise of leisure sailing.
She was known for her sharp tongue and her kindness to young fishermen. She is survived by her two sons, five grandchildren and, according to her family, "half the boats in the harbour". The funeral will be at St Keyne's Church on 2 December.
"""


if __name__ == "__main__":
    sys.exit(main())
