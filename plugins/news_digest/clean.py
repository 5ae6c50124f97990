"""Boilerplate removal on an article's main-content HTML (from readability or a feed's content).

Two passes over a parsed fragment:
1. structural: elements that are never article text (figures, forms, asides, share/related/comment
   widgets recognised by tag, class, id or role) are dropped whole;
2. blocks: every leaf block (paragraph, heading, list item...) is matched against per-language
   pattern tables (RULES below); the rule name that removed a block is kept for explain_blocks().
Patterns are compared on a folded "key" (case, accents and punctuation removed), so "À lire aussi :"
and "A LIRE AUSSI" are the same key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import lxml.html
from lxml import etree

from news_digest.text import normalize_space, parse_fragment

# --------------------------------------------------------------------------------------------
# Pattern tables (data). Phrases are written naturally; they are folded with _key() at import.

# Related-link lines: a short (or mostly-link) block starting with one of these.
READ_ALSO = {
    "en": ["read more", "read also", "also read", "see also", "read next", "more on this story"],
    "fr": ["lire aussi", "à lire aussi", "lire également", "à lire également", "voir aussi",
           "à voir aussi", "lire la suite", "relire"],
    "de": ["lesen sie auch", "lesen sie mehr", "mehr zum thema", "siehe auch", "auch interessant"],
    "es": ["lea también", "lee también", "ver también", "lea más", "le puede interesar"],
    "it": ["leggi anche", "vedi anche", "leggi pure", "approfondisci"],
    "pt": ["leia também", "leia mais", "veja também", "saiba mais"],
    "nl": ["lees ook", "lees meer", "zie ook", "lees verder"],
}
# These also start ordinary sentences ("Related to this, ..."), so they need a colon right after
# them, or a block that is mostly a link.
READ_ALSO_STRICT = {"en": ["related", "recommended"], "fr": ["à voir"], "de": ["dazu"]}

# Comment forms and their WordPress tails; the block must start with the phrase.
COMMENT_FORM = {
    "en": ["leave a reply", "leave a comment", "post a comment", "add a comment",
           "your email address will not be published", "required fields are marked",
           "this site uses akismet", "comments are closed",
           "you must be logged in to post a comment", "join the discussion", "cancel reply"],
    "fr": ["laisser un commentaire", "laisser une réponse", "laissez un commentaire",
           "votre adresse e-mail ne sera pas publiée", "votre adresse email ne sera pas publiée",
           "votre adresse de messagerie ne sera pas publiée",
           "les champs obligatoires sont indiqués",
           "ce site utilise akismet", "les commentaires sont fermés", "ajouter un commentaire",
           "poster un commentaire", "réagir à cet article", "annuler la réponse"],
    "de": ["schreibe einen kommentar", "hinterlasse einen kommentar", "kommentar verfassen",
           "deine e-mail-adresse wird nicht veröffentlicht",
           "ihre e-mail-adresse wird nicht veröffentlicht", "erforderliche felder sind mit",
           "diese website verwendet akismet", "kommentare sind geschlossen"],
    "es": ["deja una respuesta", "deja un comentario", "dejar un comentario",
           "tu dirección de correo electrónico no será publicada",
           "los campos obligatorios están marcados", "este sitio usa akismet"],
    "it": ["lascia un commento", "lascia una risposta",
           "il tuo indirizzo email non sarà pubblicato",
           "i campi obbligatori sono contrassegnati", "questo sito usa akismet",
           "questo sito utilizza akismet"],
    "pt": ["deixe um comentário", "deixe uma resposta", "deixe uma resposta cancelar resposta",
           "o seu endereço de email não será publicado",
           "o seu endereço de e-mail não será publicado",
           "seu endereço de e-mail não será publicado", "campos obrigatórios são marcados",
           "este site utiliza o akismet"],
    "nl": ["laat een reactie achter", "geef een reactie", "je e-mailadres wordt niet gepubliceerd",
           "uw e-mailadres wordt niet gepubliceerd", "vereiste velden zijn gemarkeerd",
           "deze site gebruikt akismet"],
}

# Widget headings: the whole block must be one of these; the list after it goes with it.
WIDGET_HEADINGS = {
    "en": ["recent news", "recent posts", "recent articles", "latest news", "latest posts",
           "latest articles", "latest stories", "editor's pick", "editor's picks", "editors' picks",
           "editor picks", "editors picks", "most read", "most popular", "most viewed",
           "popular posts", "popular news", "popular stories", "trending", "trending now",
           "trending news", "trending stories", "you may also like", "you might also like",
           "you may like", "related posts", "related articles", "related stories", "related news",
           "related", "more stories", "more news", "recommended", "recommended for you",
           "don't miss", "top stories", "categories", "tags", "archives", "share this",
           "like this", "more from this author"],
    "fr": ["les plus lus", "les plus lues", "articles récents", "derniers articles",
           "dernières actualités", "dernières nouvelles", "à la une", "vous aimerez aussi",
           "vous pourriez aussi aimer", "vous aimerez peut-être aussi", "articles similaires",
           "sur le même sujet", "dans la même rubrique", "à ne pas manquer", "les plus partagés",
           "le choix de la rédaction", "populaires", "tendances", "articles liés",
           "articles en relation", "catégories", "étiquettes", "archives", "partager"],
    "de": ["ähnliche beiträge", "neueste beiträge", "meistgelesen", "meistgelesene artikel",
           "das könnte sie auch interessieren", "weitere artikel", "verwandte artikel",
           "beliebte beiträge", "neueste artikel", "kategorien", "schlagwörter"],
    "es": ["artículos relacionados", "lo más leído", "entradas recientes", "noticias relacionadas",
           "te puede interesar", "últimas noticias", "lo más visto", "categorías",
           "entradas relacionadas"],
    "it": ["articoli correlati", "i più letti", "potrebbe interessarti anche", "articoli recenti",
           "ultime notizie", "più letti", "categorie", "potrebbe interessarti"],
    "pt": ["artigos relacionados", "mais lidas", "mais lidos", "posts recentes",
           "notícias relacionadas", "você também pode gostar", "últimas notícias", "categorias"],
    "nl": ["gerelateerde artikelen", "meest gelezen", "recente berichten", "laatste nieuws",
           "meer nieuws", "gerelateerd", "categorieën"],
}

# Short blocks containing one of these phrases (anywhere) are page chrome, not article text.
CHROME_PHRASES = {
    "newsletter": {
        "en": ["subscribe to our newsletter", "sign up for our newsletter",
               "sign up to our newsletter", "sign up for the newsletter", "get our newsletter",
               "join our newsletter", "subscribe to the newsletter", "enter your email address"],
        "fr": ["inscrivez-vous à la newsletter", "inscrivez-vous à notre newsletter",
               "abonnez-vous à la newsletter", "abonnez-vous à notre newsletter",
               "recevez notre newsletter", "inscription à la newsletter",
               "s'inscrire à la newsletter", "votre adresse e-mail"],
        "de": ["newsletter abonnieren", "melden sie sich für unseren newsletter an",
               "zum newsletter anmelden"],
        "es": ["suscríbete a nuestra newsletter", "suscríbete a nuestro boletín",
               "suscríbete al boletín", "suscríbete a la newsletter"],
        "it": ["iscriviti alla newsletter", "iscriviti alla nostra newsletter"],
        "pt": ["assine a nossa newsletter", "assine nossa newsletter",
               "inscreva-se na nossa newsletter"],
        "nl": ["schrijf je in voor onze nieuwsbrief", "abonneer je op de nieuwsbrief",
               "meld je aan voor onze nieuwsbrief"],
    },
    "cookies": {
        "en": ["we use cookies", "this website uses cookies", "this site uses cookies",
               "accept all cookies", "cookie settings", "cookie policy", "manage cookies",
               "accept all"],
        "fr": ["nous utilisons des cookies", "ce site utilise des cookies", "accepter tout",
               "tout accepter", "paramètres des cookies", "gérer les cookies",
               "politique de cookies", "accepter les cookies"],
        "de": ["wir verwenden cookies", "diese website verwendet cookies", "alle akzeptieren",
               "cookie-einstellungen"],
        "es": ["utilizamos cookies", "usamos cookies", "este sitio web utiliza cookies",
               "aceptar todas", "aceptar todo"],
        "it": ["utilizziamo i cookie", "questo sito utilizza cookie", "accetta tutti",
               "questo sito utilizza i cookie"],
        "pt": ["usamos cookies", "utilizamos cookies", "este site utiliza cookies",
               "aceitar todos"],
        "nl": ["wij gebruiken cookies", "we gebruiken cookies", "deze website gebruikt cookies",
               "alles accepteren"],
    },
    "paywall": {
        "en": ["subscribe to read", "subscribe to continue reading", "subscribe now to read",
               "this article is for subscribers", "already a subscriber", "for subscribers only",
               "to continue reading", "subscribers only"],
        "fr": ["réservé aux abonnés", "article réservé aux abonnés", "la suite est réservée",
               "déjà abonné", "abonnez-vous pour lire", "il vous reste", "pour lire la suite"],
        "de": ["nur für abonnenten", "jetzt abonnieren und weiterlesen", "bereits abonnent"],
        "es": ["exclusivo para suscriptores", "contenido exclusivo para suscriptores",
               "ya eres suscriptor"],
        "it": ["riservato agli abbonati", "contenuto riservato agli abbonati", "sei già abbonato"],
        "pt": ["exclusivo para assinantes", "conteúdo exclusivo para assinantes", "já é assinante"],
        "nl": ["alleen voor abonnees", "al abonnee"],
    },
}
CHROME_PHRASES["donation"] = {
    "en": ["support our journalism", "support independent journalism", "make a donation",
           "donate now", "become a member", "become a supporter"],
    "fr": ["faites un don", "faire un don", "soutenez-nous", "soutenez notre travail",
           "soutenez une rédaction indépendante"],
    "de": ["jetzt spenden", "unterstützen sie uns", "unterstützen sie unabhängigen journalismus"],
    "es": ["haz una donación", "apóyanos"],
    "it": ["fai una donazione", "sostienici"],
    "pt": ["faça uma doação", "apoie o nosso jornalismo"],
    "nl": ["doneer nu", "steun ons"],
}
CHROME_PHRASES["affiliate"] = {
    "en": ["we may earn an affiliate commission", "we may earn a commission",
           "we earn a commission", "contains affiliate links", "as an amazon associate"],
    "fr": ["liens d'affiliation", "lien d'affiliation", "nous pouvons percevoir une commission",
           "nous touchons une commission", "liens affiliés"],
    "de": ["affiliate-links", "erhalten wir eine provision", "provisions-links"],
    "es": ["enlaces de afiliados", "podemos recibir una comisión"],
    "it": ["link di affiliazione", "potremmo ricevere una commissione"],
    "pt": ["links de afiliados", "podemos receber uma comissão"],
    "nl": ["affiliate links", "ontvangen wij een commissie"],
}
CHROME_MAX_WORDS = {"newsletter": 40, "cookies": 60, "paywall": 40, "donation": 50,
                    "affiliate": 40}

# Datelines and "meta" rows: "Par X · Publié le 21 novembre 2026 à 08 h 05 · 3 min de lecture",
# "November 20, 2026 at 6:00 a.m. PT". Short, with a digit, and made of date words only or
# carrying a publication marker.
DATELINE_MARKERS = re.compile(
    r"\b(?:publie le|publie a|mis a jour le|published|updated|posted|min read|minutes? read|"
    r"min de lecture|minutes? de lecture|lecture \d+ min|temps de lecture|reading time|"
    r"veroffentlicht am|aktualisiert am|lesezeit|publicado el|actualizado el|tiempo de lectura|"
    r"pubblicato il|aggiornato il|tempo di lettura|publicado em|atualizado em|"
    r"gepubliceerd op|bijgewerkt op|leestijd)\b"
)
DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday janvier fevrier mars avril mai juin juillet aout septembre octobre "
    "novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche le on at a h am pm "
    "m pt et ct mt utc gmt cet cest bst est edt pst pdt de du".split()
)
DATELINE_MAX_WORDS = 24

# Bylines and datelines ("Submitted by X on ...", "Par X, publié le ...") when short.
BYLINE = re.compile(
    r"^(?:submitted by|posted by|posted on|published on|published|updated|written by|by|"
    r"par|publie le|publie|mis a jour le|mis a jour|von|veroffentlicht am|aktualisiert am|"
    r"por|publicado el|publicado em|actualizado|di|pubblicato il|aggiornato il|door|"
    r"gepubliceerd op)\b"
)
BYLINE_MAX_WORDS = 14
# A cookie banner also talks about accepting, settings or privacy; a sentence about cookies may not.
COOKIE_CONTEXT = [
    "accept", "accepter", "accepte", "consent", "consentement", "policy", "politique", "settings",
    "paramètres", "privacy", "confidentialité", "experience", "expérience", "navigation",
    "partners", "partenaires", "einstellungen", "datenschutz", "akzeptieren", "aceptar",
    "privacidad", "accetta", "aceitar", "privacidade", "accepteren",
]
_QUOTES = ("“", "«", '"', "„", "‘", "'", "‹", "「", "『")

# Blocks that are exactly one of these are advertising slots or share-row labels.
WHOLE_BLOCK = {
    "advertisement": ["advertisement", "advertisements", "ad", "ads", "sponsored",
                      "sponsored content", "scroll to continue with content",
                      "continue reading below", "story continues below advertisement",
                      "article continues below", "publicité", "pub", "annonce",
                      "la suite après cette publicité", "la suite après la publicité", "anzeige",
                      "werbung", "publicidad", "pubblicità", "publicidade", "advertentie",
                      "contenu sponsorisé", "article sponsorisé"],
    "share": ["share", "share this", "share this article", "share this story", "share on",
              "partager", "partager cet article", "partager l'article", "partagez",
              "partager sur", "teilen", "artikel teilen", "compartir", "compartir en",
              "condividi", "condividi su", "compartilhe", "compartilhar", "delen",
              "deel dit artikel",
              "tweet", "print", "imprimer", "email", "e-mail"],
}
# A share row is made only of these words (plus counts), with at least one network or verb.
SHARE_WORDS = frozenset(
    "facebook twitter x linkedin whatsapp telegram pinterest reddit tumblr pocket flipboard "
    "messenger bluesky threads mastodon vk xing skype sms email e mail print copy link copier le "
    "lien share shares sharing this article story on via tweet partager partage partagez sur cet "
    "l imprimer envoyer par courriel teilen drucken compartir en imprimir condividi stampa "
    "compartilhe compartilhar delen afdrukken google plus".split()
)
SHARE_STRONG = frozenset(
    "facebook twitter linkedin whatsapp telegram pinterest reddit tumblr flipboard bluesky "
    "mastodon share tweet partager partagez teilen compartir condividi compartilhe delen".split()
)

# Photo credits. A block that is only a credit is removed, and the caption just before it too.
AGENCIES = (
    r"getty images|getty|afp|reuters|ap|ap photo|associated press|epa|epa-efe|efe|shutterstock|"
    r"sipa|sipa press|bloomberg|anadolu|anadolu agency|dpa|picture alliance|ansa|abaca|maxppp|"
    r"hans lucas|nurphoto|xinhua|tass|sputnik|ria novosti|zuma|zuma press|alamy|imago|belga|anp|"
    r"lusa|europa press|pool|istock|istockphoto|unsplash|wikimedia commons|wikipedia|"
    r"afp via getty images|reuters/alamy|le monde|ouest-france|photononstop|hemis|leemage"
)
# "Photo : AFP", "Crédit photo : X", "Bild: dpa": a labelled credit often stands alone under an
# image, so unlike the attributed forms below it does not take the block before it as a caption.
_CREDIT_LABEL = re.compile(
    r"^(?:photo|photos|photographie|foto|fotos|image|images|picture|pictures|illustration|"
    r"credit|credits|credit photo|credits photo|photo credit|photo credits|bild|bildquelle|"
    r"quelle|imagen|immagine|crediti|credito|fonte|source photo|visuel) ?(?:[:/]|©)"
)
_CREDIT_LINE = [
    re.compile(p)
    for p in (
        r"^(?:©|\(c\)|copyright)",  # "© Reuters"
        r"^\(?(?:photo|photos|foto|image|picture)s? (?:by|de|par|von|di|da|door) ",
        # "Mikhaïl Svetlov/Getty Images", "John Doe / AFP", "J. Doe for Reuters"
        rf"^[^/]{{1,80}}(?:/| for | via | pour ) ?(?:{AGENCIES})\b",
        rf"^(?:{AGENCIES})(?: photo| images)?(?: ?/.*)?$",
        r"^[^/]{1,80}/ ?[\w .'-]{1,40} (?:images|photos?|pictures|press|agency)$",
    )
]
CREDIT_MAX_WORDS = 14
CAPTION_MAX_WORDS = 70  # a caption longer than this is probably a real paragraph

# Lowercase English function words that machine translation leaves in brackets ("[is]").
MT_BRACKET_WORDS = (
    "is|are|was|were|be|been|the|a|an|of|to|in|and|or|it|that|this|for|on|with|as|at|by|from|"
    "has|have|had|not|but|will|would|can|could|its|their|his|her|they|he|she|we|you|which"
)
_MT_BRACKET = re.compile(rf"\[(?:{MT_BRACKET_WORDS})\]\s*")
_ENGLISH_MARKERS = frozenset(
    "the and of to is are was were that with this from have has which for it be by at".split()
)

# Structural pass: tags, class/id tokens and roles that never hold article text.
NOISE_TAGS = frozenset(
    "figure figcaption button select textarea input label script style noscript template iframe "
    "object embed svg math".split()
)
# Page regions: usually chrome, but some sites wrap a whole page in one <form> or <footer>,
# so these get the same size check as class matches.
REGION_TAGS = frozenset({"nav", "aside", "footer", "form", "dialog"})
NOISE_ROLES = frozenset({"navigation", "complementary", "contentinfo", "dialog", "alertdialog"})
NOISE_TOKENS = frozenset(
    "ad ads comment comments commentlist respond reply replies byline-share tags tagcloud "
    "outbrain taboola".split()
)
NOISE_TOKEN_PREFIXES = (
    "caption", "credit", "share", "sharing", "social", "newsletter", "subscribe", "related",
    "widget", "sidebar", "advert", "sponsor", "promo", "cookie", "consent", "gdpr", "paywall",
    "popup", "modal", "breadcrumb", "sharedaddy", "relatedposts", "readalso", "lireaussi",
    "kicker", "eyebrow", "overline", "donate", "donation", "byline", "dateline", "disclosure",
)
# A matched container holding more than this share of all text is more likely the article
# wrapped in an unlucky class name than a widget: keep it.
STRUCTURAL_MAX_SHARE = 0.5

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul center".split()
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LINE_TAGS = frozenset({"li", "dt", "dd", "tr", "td", "th"})
TITLE_SCAN_BLOCKS = 3  # the repeated headline is always among the first blocks
TITLE_SIMILARITY = 0.9


# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockDecision:
    """One block of the fragment and what cleaning did with it."""

    text: str
    kept: bool
    rule: str = ""  # rule that removed (or edited, when kept) the block
    tag: str = ""


@dataclass
class _Block:
    el: etree._Element
    tag: str
    lines: list[str]
    text: str
    key: str
    words: int
    link_ratio: float
    rule: str = ""
    edited: str = ""

    @property
    def removed(self) -> bool:
        return bool(self.rule)

    @property
    def is_line(self) -> bool:
        return self.tag in LINE_TAGS


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _key(text: str) -> str:
    """Fold case, accents and punctuation so patterns match however a page typesets them."""
    text = _strip_accents(text.casefold())
    text = re.sub(r"[^\w©]+", " ", text)
    return " ".join(text.split())


def _keys(table: dict[str, list[str]]) -> tuple[str, ...]:
    # Sorted longest first so "à lire aussi" wins over "lire"; deterministic whatever the dict.
    folded = {_key(phrase) for phrases in table.values() for phrase in phrases}
    return tuple(sorted(folded, key=lambda k: (-len(k), k)))


_READ_ALSO_KEYS = _keys(READ_ALSO)
_READ_ALSO_STRICT_KEYS = _keys(READ_ALSO_STRICT)
_COMMENT_KEYS = _keys(COMMENT_FORM)
_WIDGET_KEYS = frozenset(_keys(WIDGET_HEADINGS))
_CHROME_KEYS = {name: _keys(table) for name, table in CHROME_PHRASES.items()}
_WHOLE_KEYS = {name: frozenset(_key(p) for p in phrases) for name, phrases in WHOLE_BLOCK.items()}


def _prefix_re(keys: Sequence[str]) -> re.Pattern[str]:
    # One alternation (longest first) is far faster than a loop over phrases on big pages.
    return re.compile(rf"^(?:{'|'.join(map(re.escape, keys))})(?= |$)")


def _phrase_re(keys: Sequence[str]) -> re.Pattern[str]:
    return re.compile(rf"(?:^| )(?:{'|'.join(map(re.escape, keys))})(?= |$)")


_READ_ALSO_RE = _prefix_re(_READ_ALSO_KEYS)
_READ_ALSO_STRICT_RE = _prefix_re(_READ_ALSO_STRICT_KEYS)
_COMMENT_RE = _prefix_re(_COMMENT_KEYS)
_CHROME_RES = {name: _phrase_re(keys) for name, keys in _CHROME_KEYS.items()}
_COOKIE_CONTEXT_RE = _phrase_re(sorted({_key(w) for w in COOKIE_CONTEXT}))


def _starts_with(key: str, pattern: re.Pattern[str]) -> str:
    match = pattern.match(key)
    return match.group() if match else ""


# ------------------------------------------------------------------ structural pass


def _class_tokens(el: etree._Element) -> list[str]:
    raw = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return [t for t in re.split(r"[\s_\-]+", raw) if t]


def _structural_rule(el: etree._Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in NOISE_TAGS or tag in REGION_TAGS:
        if tag == "figure" and el.find(".//table") is not None:
            return ""  # a data table inside a figure is content; its caption still goes
        return f"tag:{tag}"
    if (el.get("role") or "").lower() in NOISE_ROLES:
        return f"role:{el.get('role').lower()}"
    style = (el.get("style") or "").replace(" ", "").lower()
    if el.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style:
        return "hidden"
    for token in _class_tokens(el):
        if token in NOISE_TOKENS or token.startswith(NOISE_TOKEN_PREFIXES):
            return f"class:{token}"
    return ""


def _text_len(el: etree._Element) -> int:
    return len(normalize_space(el.text_content()))


def _link_len(el: etree._Element) -> int:
    return sum(len(normalize_space(a.text_content())) for a in el.iter("a"))


def _remove_structural(root: etree._Element, decisions: list[BlockDecision]) -> None:
    total = max(_text_len(root), 1)
    for el in list(root.iter()):
        if el is root or not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if not _attached(el, root):
            continue  # already inside a removed subtree
        rule = _structural_rule(el)
        if not rule:
            continue
        size = _text_len(el)
        mostly_links = size and _link_len(el) / size >= 0.5
        if size / total > STRUCTURAL_MAX_SHARE and not mostly_links and el.tag not in NOISE_TAGS:
            continue
        text = normalize_space(el.text_content())
        if text:
            decisions.append(BlockDecision(text[:300], False, f"structural:{rule}", el.tag))
        _drop(el)


def _attached(el: etree._Element, root: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is root:
            return True
        parent = parent.getparent()
    return False


def _drop(el: etree._Element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    previous = el.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# ------------------------------------------------------------------ blocks


def _is_block(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and el.tag in BLOCK_TAGS


def _wrap_loose_text(root: etree._Element) -> None:
    """Put text that sits directly in a container beside block children into its own <p>."""
    for container in list(root.iter()):
        if not isinstance(container.tag, str) or not any(_is_block(c) for c in container):
            continue
        items: list[etree._Element | str] = []
        if container.text and container.text.strip():
            items.append(container.text)
        container.text = None
        for child in list(container):
            tail = child.tail
            child.tail = None
            items.append(child)
            if tail and tail.strip():
                items.append(tail)
            container.remove(child)
        run: list[etree._Element | str] = []
        for item in [*items, None]:
            if item is None or (not isinstance(item, str) and _is_block(item)):
                if run:
                    container.append(_paragraph_from(run))
                    run = []
                if item is not None:
                    container.append(item)
            else:
                run.append(item)


def _paragraph_from(run: list[etree._Element | str]) -> etree._Element:
    p = lxml.html.Element("p")
    for item in run:
        if isinstance(item, str):
            if len(p):
                p[-1].tail = (p[-1].tail or "") + item
            else:
                p.text = (p.text or "") + item
        else:
            p.append(item)
    return p


def _lines(el: etree._Element) -> list[str]:
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                parts.append("\n")
            elif node.text:
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    return [line for line in (normalize_space(x) for x in "".join(parts).split("\n")) if line]


def _collect_blocks(root: etree._Element) -> list[_Block]:
    blocks = []
    for el in root.iter():
        if not _is_block(el) or el is root or any(_is_block(c) for c in el):
            continue
        lines = _lines(el)
        if not lines:
            continue
        text = " ".join(lines)
        blocks.append(
            _Block(el, el.tag, lines, text, _key(text), len(text.split()),
                   min(1.0, _link_len(el) / max(len(text), 1)))
        )
    return blocks


# ------------------------------------------------------------------ per-block rules


def _credit_kind(line: str) -> str:
    """"attributed" ("Name/Agency", "© X", "Photo by X"), "labelled" ("Photo : X") or ""."""
    if len(line.split()) > CREDIT_MAX_WORDS:
        return ""
    folded = " ".join(_fold_keep_slash(line).split())
    if any(pattern.search(folded) for pattern in _CREDIT_LINE):
        return "attributed"
    return "labelled" if _CREDIT_LABEL.search(folded) else ""


def _is_credit(line: str) -> bool:
    return bool(_credit_kind(line))


def _fold_keep_slash(text: str) -> str:
    # Credit patterns need "/" and ":" which _key() removes.
    text = _strip_accents(text.casefold())
    return re.sub(r"[^\w©/:()'.-]+", " ", text).replace(" :", ":").replace(" /", "/")


def _read_also(block: _Block) -> bool:
    short = block.words <= 30 or block.link_ratio >= 0.5
    if not short:
        return False
    if _starts_with(block.key, _READ_ALSO_RE):
        return True
    prefix = _starts_with(block.key, _READ_ALSO_STRICT_RE)
    if not prefix:
        return False
    if block.key == prefix or block.link_ratio >= 0.5:
        return True
    # Strict phrases must be followed by a colon in the original text: "Related: ...".
    head = _fold_keep_slash(block.text)
    return bool(re.match(rf"^\W*{re.escape(prefix)}\s*:", head))


def _is_share_row(block: _Block) -> bool:
    tokens = [t for t in block.key.split() if not t.isdigit()]
    return (
        0 < len(tokens) <= 16
        and all(t in SHARE_WORDS for t in tokens)
        and any(t in SHARE_STRONG for t in tokens)
    )


def _is_dateline(block: _Block) -> bool:
    key = block.key
    if block.words > DATELINE_MAX_WORDS or block.tag in HEADING_TAGS:
        return False
    if not any(ch.isdigit() for ch in key):
        return False
    tokens = key.split()
    if all(t.isdigit() or t in DATE_WORDS or re.fullmatch(r"\d+h\d*|\d+(?:st|nd|rd|th)", t)
           for t in tokens):
        return True
    # A marker alone is not enough: "The study, published on 3 March, found …" is a sentence.
    return bool(DATELINE_MARKERS.search(key)) and (
        not block.text.rstrip().endswith((".", "!", "?"))
        or bool(re.search(r"\b(?:min|minutes?)\b", key))
    )


def _block_rule(block: _Block) -> str:
    """Rule name for a block that is boilerplate on its own, or ""."""
    key = block.key
    for name, keys in _WHOLE_KEYS.items():
        if key in keys:
            return name
    if key in _WIDGET_KEYS:
        return "widget_heading"
    if block.words <= 40 and _starts_with(key, _COMMENT_RE):
        return "comment_form"
    if _read_also(block):
        return "read_also"
    if _is_share_row(block):
        return "share"
    if (
        block.words <= BYLINE_MAX_WORDS
        and BYLINE.match(key)
        and not block.text.rstrip().endswith((".", "!", "?", ":"))
        and block.tag not in HEADING_TAGS
    ):
        return "byline"
    if block.text.startswith(_QUOTES):
        return ""  # a quotation is somebody's words, whatever they mention
    if _is_dateline(block):
        return "dateline"
    for name, pattern in _CHROME_RES.items():
        if block.words <= CHROME_MAX_WORDS[name] and pattern.search(key):
            if name != "cookies" or _COOKIE_CONTEXT_RE.search(key):
                return name
    if block.words <= CREDIT_MAX_WORDS * len(block.lines) and all(map(_is_credit, block.lines)):
        attributed = len(block.lines) == 1 and _credit_kind(block.lines[0]) == "attributed"
        return "photo_credit" if attributed else "photo_label"
    if len(block.lines) > 1 and _is_credit(block.lines[-1]) and block.words <= CAPTION_MAX_WORDS:
        return "caption_credit"
    return ""


# ------------------------------------------------------------------ sequence rules


def _title_variants(titles: Sequence[str]) -> list[str]:
    variants: set[str] = set()
    for title in titles:
        if not title:
            continue
        variants.add(_key(title))
        # "Headline - Site name" / "Site | Headline": the headline part alone also counts.
        for part in re.split(r"\s+[|–—-]\s+|\s+::\s+", title):
            if len(part.split()) >= 3:
                variants.add(_key(part))
    return sorted(v for v in variants if v)


def _matches_title(key: str, variants: Sequence[str]) -> bool:
    for variant in variants:
        if key == variant:
            return True
        shorter, longer = sorted((len(key), len(variant)))
        if longer < 400 and shorter >= 0.8 * longer:
            if SequenceMatcher(None, key, variant, autojunk=False).ratio() >= TITLE_SIMILARITY:
                return True
    return False


def _mark_repeated_title(blocks: list[_Block], titles: Sequence[str]) -> None:
    head = blocks[:TITLE_SCAN_BLOCKS]
    h1 = next((b.text for b in head if b.tag == "h1"), "")
    variants = _title_variants([*titles, h1])
    if not variants:
        return
    for i, block in enumerate(head):
        if not block.removed and _matches_title(block.key, variants):
            block.rule = "repeated_title"
            # A one- or two-word section label ("Culture", "Reviews") above the headline.
            for before in head[:i]:
                if not before.removed and before.words <= 2 and not before.is_line:
                    before.rule = "kicker"


def _mark_captions(blocks: list[_Block]) -> None:
    for i, block in enumerate(blocks):
        if block.rule != "photo_credit" or i == 0:
            continue
        caption = blocks[i - 1]
        if (
            not caption.removed
            and caption.tag not in HEADING_TAGS
            and caption.words <= CAPTION_MAX_WORDS
        ):
            caption.rule = "caption"


def _is_substantial(block: _Block) -> bool:
    sentence = block.words >= 8 and block.text.rstrip("”»\"')").endswith((".", "!", "?", "…"))
    return (
        not block.removed
        and (block.words >= 20 or sentence)
        and block.link_ratio < 0.5
        and not block.is_line
        and block.tag not in HEADING_TAGS
    )


def _is_list_like(block: _Block) -> bool:
    return block.is_line or block.link_ratio >= 0.5 or (
        block.words <= 12 and not block.text.rstrip("”»\"'").endswith((".", "!", "?"))
    )


def _mark_tails(blocks: list[_Block]) -> None:
    """Comment forms and widget headings take the rest of the content, or the list after them."""
    total = sum(len(b.text) for b in blocks) or 1
    # Suffix tables keep this linear even on pages made of hundreds of widget headings.
    kept_after = [0] * (len(blocks) + 1)
    substantial_after = [False] * (len(blocks) + 1)
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        kept_after[i] = kept_after[i + 1] + (0 if block.removed else len(block.text))
        substantial_after[i] = substantial_after[i + 1] or _is_substantial(block)
    for i, block in enumerate(blocks):
        opens_tail = block.rule in ("comment_form", "widget_heading") or (
            block.rule == "read_also" and block.words <= 4
        )
        if not opens_tail:
            continue
        near_end = block.rule == "comment_form" and kept_after[i + 1] < 0.3 * total
        takes_rest = block.rule != "read_also" and (near_end or not substantial_after[i + 1])
        if takes_rest:
            for follower in blocks[i + 1 :]:
                follower.rule = follower.rule or f"after_{block.rule}"
            return
        for follower in blocks[i + 1 :]:
            if follower.removed:
                continue
            if not _is_list_like(follower):
                break
            follower.rule = f"after_{block.rule}"


def _looks_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    if len(words) < 8:
        return False
    return sum(w in _ENGLISH_MARKERS for w in words) / len(words) > 0.12


def _remove_mt_brackets(blocks: list[_Block], lang: str) -> None:
    """Delete "[is]"-style leftovers of machine translation from non-English text."""
    lang = lang.split("-")[0].split("_")[0].lower()
    kept = [b for b in blocks if not b.removed]
    if lang == "en" or (not lang and _looks_english(" ".join(b.text for b in kept))):
        return
    for block in kept:
        if "[" not in block.text:
            continue
        changed = False
        for node in block.el.iter():
            for attr in ("text", "tail"):
                if node is block.el and attr == "tail":
                    continue
                value = getattr(node, attr)
                if value and "[" in value:
                    new = _MT_BRACKET.sub("", value)
                    if new != value:
                        setattr(node, attr, new)
                        changed = True
        if changed:
            block.edited = "mt_bracket"


def _remove_empty(root: etree._Element) -> None:
    # Containers left with no text and no image after removals would render as empty boxes.
    for el in reversed(list(root.iter())):
        if el is root or not isinstance(el.tag, str) or el.tag in ("br", "img", "hr"):
            continue
        if _is_block(el) and not el.text_content().strip() and el.find(".//img") is None:
            _drop(el)


# ------------------------------------------------------------------ public API


def _clean_tree(
    root: etree._Element, titles: Sequence[str], lang: str
) -> tuple[list[BlockDecision], list[_Block]]:
    decisions: list[BlockDecision] = []
    _remove_structural(root, decisions)
    _wrap_loose_text(root)
    blocks = _collect_blocks(root)
    for block in blocks:
        block.rule = _block_rule(block)
    _mark_repeated_title(blocks, titles)
    _mark_captions(blocks)
    _mark_tails(blocks)
    _remove_mt_brackets(blocks, lang)
    for block in blocks:
        decisions.append(
            BlockDecision(block.text, not block.removed, block.rule or block.edited, block.tag)
        )
        if block.removed:
            _drop(block.el)
    _remove_empty(root)
    return decisions, blocks


def _serialize(root: etree._Element) -> str:
    parts = [root.text or ""]
    parts.extend(etree.tostring(child, encoding="unicode", method="html") for child in root)
    return "".join(parts).strip()


def clean_tree_html(html: str, titles: Sequence[str] = (), lang: str = "") -> str:
    """clean_content() with several candidate titles (feed title, og:title, <title>...)."""
    root = parse_fragment(html) if html else None
    if root is None:
        return ""
    _clean_tree(root, titles, lang)
    return _serialize(root)


def clean_content(html: str, title: str = "", lang: str = "") -> str:
    """Return the fragment without boilerplate blocks, as HTML (not yet sanitized)."""
    return clean_tree_html(html, [title] if title else [], lang)


def explain_blocks(html: str, title: str = "", lang: str = "") -> list[BlockDecision]:
    """Each block of the fragment, in order, with kept/removed and the rule that decided."""
    root = parse_fragment(html) if html else None
    if root is None:
        return []
    decisions, _ = _clean_tree(root, [title] if title else [], lang)
    return decisions
