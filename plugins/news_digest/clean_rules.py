"""Boilerplate pattern tables for clean.py: per-language phrases, credits, structural words.

Data only. Phrases are written the way pages print them; clean.py folds them (case, accents,
punctuation) once at import, so "À lire aussi :" and "A LIRE AUSSI" need one entry.
"""

from __future__ import annotations

import re

# Pattern tables (data). Phrases are written naturally; they are folded with _key() at import.

# Related-link lines: a short (or mostly-link) block starting with one of these.
READ_ALSO = {
    "en": ["read more", "read also", "also read", "see also", "read next", "more on this story"],
    "fr": ["lire aussi", "à lire aussi", "lire également", "à lire également", "voir aussi",
           "à voir aussi", "lire la suite", "relire"],
    "de": ["lesen sie auch", "lesen sie mehr", "mehr zum thema", "siehe auch", "auch interessant"],
    "es": ["lea también", "lee también", "ver también", "lea más", "le puede interesar",
           "te puede interesar", "noticia relacionada"],
    "it": ["leggi anche", "vedi anche", "leggi pure", "approfondisci"],
    "pt": ["leia também", "leia mais", "veja também", "saiba mais"],
    "nl": ["lees ook", "lees meer", "zie ook", "lees verder"],
}
# These also start ordinary sentences ("Related to this, ..."), so they need a colon right after
# them, or a block that is mostly a link.
READ_ALSO_STRICT = {"en": ["related", "recommended", "more", "see more"], "fr": ["à voir"],
                    "de": ["dazu", "auch lesen"], "es": ["lea", "lee", "mira"],
                    "pt": ["leia", "veja"], "it": ["leggi"]}

# A comment counter standing alone ("0 Comments", "Keine Kommentare"), matched on the folded key.
COMMENT_COUNT = re.compile(
    r"^(?:(?:\d+|no|keine|aucun|sin|nessun|sem|geen) )?(?:comments?|kommentare?|commentaires?|"
    r"comentarios?|commenti|commento|reacties?)$"
)
# A gallery's counter ("Image 1 of 5", "Foto 3 von 12"), matched on the folded key.
GALLERY_COUNTER = re.compile(
    r"^(?:(?:image|photo|picture|slide|foto|bild|imagen|immagine|afbeelding) )?"
    r"\d+ (?:of|de|von|di|van|sur|su) \d+$"
)
# "Follow us on Instagram", "Follow @Desk on Twitter", "Suivez-nous sur Facebook": one word
# between the verb and the network, so "Follow-up tweets on Twitter showed…" is not one.
SOCIAL_FOLLOW = re.compile(
    r"^(?:follow|suivez|folgen sie|folge|siguenos|sigue|seguici|segui|siga|volg) (?:\w+ )?"
    r"(?:on|sur|auf|en|su|no|op) (?:twitter|facebook|instagram|youtube|tiktok|linkedin|"
    r"threads|bluesky|mastodon|whatsapp|telegram|x)\b"
)
SOCIAL_FOLLOW_MAX_WORDS = 25
# How to reach the author ("Write to Jo Doe at jo@paper.com", "Have a tip? … at …@…"), or a
# line that is only an address or a handle; matched on the text, which keeps "@" and ".".
AUTHOR_CONTACT = re.compile(
    r"^(?:write to|contact|reach|e-?mail|you can reach|have a (?:news )?tip)\b.{0,200}?"
    r"[\w.+-]+@[\w-]+\.\w"
    r"|^(?:[\w.+-]+@[\w-]+\.[\w.]+|(?:https?://)?(?:www\.)?(?:twitter|x)\.com/\w+|@\w+)$",
    re.I,
)
AUTHOR_CONTACT_MAX_WORDS = 30

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
           "like this", "more from this author", "about the author", "print recipe",
           "back to top", "no comments", "related content", "recommended content"],
    "fr": ["les plus lus", "les plus lues", "articles récents", "derniers articles",
           "dernières actualités", "dernières nouvelles", "à la une", "vous aimerez aussi",
           "vous pourriez aussi aimer", "vous aimerez peut-être aussi", "articles similaires",
           "sur le même sujet", "dans la même rubrique", "à ne pas manquer", "les plus partagés",
           "le choix de la rédaction", "populaires", "tendances", "articles liés",
           "articles en relation", "catégories", "étiquettes", "archives", "partager",
           "à propos de l'auteur", "retour en haut", "aucun commentaire", "sur le même thème"],
    "de": ["ähnliche beiträge", "neueste beiträge", "meistgelesen", "meistgelesene artikel",
           "das könnte sie auch interessieren", "weitere artikel", "verwandte artikel",
           "beliebte beiträge", "neueste artikel", "kategorien", "schlagwörter", "schon gelesen",
           "auch lesen", "weitere artikel zum thema", "über den autor", "keine kommentare",
           "zurück nach oben", "empfohlener redaktioneller inhalt", "weitere themen",
           "das könnte dich auch interessieren", "weitere beiträge"],
    "es": ["artículos relacionados", "lo más leído", "entradas recientes", "noticias relacionadas",
           "te puede interesar", "últimas noticias", "lo más visto", "categorías",
           "entradas relacionadas", "notas relacionadas", "sobre el autor", "volver arriba",
           "sin comentarios", "más noticias"],
    "it": ["articoli correlati", "i più letti", "potrebbe interessarti anche", "articoli recenti",
           "ultime notizie", "più letti", "categorie", "potrebbe interessarti",
           "sull'autore", "torna su", "nessun commento"],
    "pt": ["artigos relacionados", "mais lidas", "mais lidos", "posts recentes",
           "notícias relacionadas", "você também pode gostar", "últimas notícias", "categorias",
           "sobre o autor", "voltar ao topo", "sem comentários"],
    "nl": ["gerelateerde artikelen", "meest gelezen", "recente berichten", "laatste nieuws",
           "meer nieuws", "gerelateerd", "categorieën", "over de auteur", "terug naar boven",
           "geen reacties"],
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
               "ya eres suscriptor", "suscríbete para seguir leyendo"],
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
CHROME_PHRASES["copyright"] = {
    "en": ["all rights reserved", "copyrighted property", "written permission",
           "may not be reproduced", "may not be republished"],
    "fr": ["tous droits réservés", "reproduction interdite"],
    "de": ["alle rechte vorbehalten"],
    "es": ["todos los derechos reservados", "prohibida su reproducción"],
    "it": ["tutti i diritti riservati", "riproduzione riservata"],
    "pt": ["todos os direitos reservados"],
    "nl": ["alle rechten voorbehouden"],
}
CHROME_PHRASES["app"] = {
    "en": ["download the app", "download our app", "get the app", "get our app",
           "apps for ios and android", "app for ios and android"],
    "fr": ["téléchargez l'application", "téléchargez notre application"],
    "de": ["laden sie unsere app", "app herunterladen", "jetzt die app"],
    "es": ["descarga la app", "descarga nuestra app", "descarga la aplicación"],
    "it": ["scarica l'app", "scarica la nostra app"],
    "pt": ["baixe o app", "baixe nosso app", "baixe o aplicativo"],
    "nl": ["download de app", "download onze app"],
}
CHROME_PHRASES["newsletter"]["de"] += ["mit unserem newsletter", "newsletter anmelden"]
CHROME_PHRASES["donation"]["es"] += ["hazte miembro", "hazte socio", "hazte suscriptor"]
CHROME_PHRASES["donation"]["de"] += ["werde mitglied", "jetzt unterstützen", "unterstütze uns"]
CHROME_PHRASES["donation"]["fr"] += ["devenez membre", "devenez abonné"]
CHROME_PHRASES["paywall"]["en"] += ["subscribe now", "subscribe today"]
# Reprint notices of news agencies and papers ("This copy is for your personal, non-commercial
# use only. To order presentation-ready copies…").
CHROME_PHRASES["copyright"]["en"] += ["for your personal non-commercial use only",
                                      "presentation-ready copies", "order reprints"]
# Messages of the page's own widgets, printed in the page before any script runs.
CHROME_PHRASES["interface"] = {
    "en": ["an error has occurred", "something went wrong", "please try again later",
           "this article has been sent to"],
    "fr": ["une erreur est survenue", "une erreur s'est produite", "veuillez réessayer plus tard"],
    "de": ["ein fehler ist aufgetreten", "bitte versuchen sie es später erneut"],
    "es": ["se ha producido un error", "ha ocurrido un error", "inténtalo de nuevo más tarde"],
    "it": ["si è verificato un errore", "riprova più tardi"],
    "pt": ["ocorreu um erro", "tente novamente mais tarde"],
    "nl": ["er is een fout opgetreden", "probeer het later opnieuw"],
}
CHROME_PHRASES["interface"]["en"] += ["you are not logged in"]
CHROME_PHRASES["interface"]["fr"] += ["vous n'êtes pas connecté"]
CHROME_PHRASES["interface"]["de"] += ["sie sind nicht eingeloggt",
                                      "sie sind aktuell nicht eingeloggt"]
CHROME_PHRASES["interface"]["en"] += ["this slideshow requires javascript",
                                      "please enable javascript", "javascript is disabled"]
CHROME_PHRASES["interface"]["fr"] += ["javascript est désactivé", "veuillez activer javascript"]
CHROME_PHRASES["interface"]["de"] += ["javascript ist deaktiviert",
                                      "bitte aktivieren sie javascript"]
CHROME_MAX_WORDS = {"newsletter": 40, "cookies": 60, "paywall": 40, "donation": 50,
                    "affiliate": 40, "copyright": 40, "app": 40, "interface": 20}

# Label rows: "Category: Press Releases", "Tags: …", "Themen: …". Short, and the label must be
# followed by a colon.
LABEL_ROW = re.compile(
    r"^\W*(?:categor(?:y|ies|ie|ia|ias|ía|ías|ieën)|filed under|tags?|topics?|kategorien?|"
    r"themen|schlagw(?:ö|o)rter|schlagworte|mots[- ]cl(?:é|e)s|(?:é|e)tiquettes?|th(?:è|e)mes?|"
    r"etiquetas|temas|argomenti|assuntos|onderwerpen|trefwoorden)\s*:",
    re.I,
)
LABEL_MAX_WORDS = 15

# Datelines and "meta" rows: "Par X · Publié le 21 novembre 2026 à 08 h 05 · 3 min de lecture",
# "November 20, 2026 at 6:00 a.m. PT". Short, with a digit, and made of date words only or
# carrying a publication marker.
DATELINE_MARKERS = re.compile(
    r"\b(?:publie le|publie a|mis a jour le|published|updated|posted|min read|minutes? read|"
    r"min de lecture|minutes? de lecture|lecture \d+ min|temps de lecture|reading time|"
    r"veroffentlicht am|aktualisiert am|lesezeit|publicado el|actualizado el|tiempo de lectura|"
    r"pubblicato il|aggiornato il|tempo di lettura|publicado em|atualizado em|tempo de leitura|"
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
QUOTES = ("“", "«", '"', "„", "‘", "'", "‹", "「", "『")

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
              "deel dit artikel", "partilhar", "partilhe",
              "tweet", "print", "imprimer", "email", "e-mail"],
}
# A share row is made only of these words (plus counts), with at least one network or verb.
SHARE_WORDS = frozenset(
    "facebook twitter x linkedin whatsapp telegram pinterest reddit tumblr pocket flipboard "
    "messenger bluesky threads mastodon vk xing skype sms email e mail print copy link copier le "
    "lien share shares sharing this article story on via tweet partager partage partagez sur cet "
    "l imprimer envoyer par courriel teilen drucken compartir en imprimir condividi stampa "
    "compartilhe compartilhar partilhar partilhe delen afdrukken google plus".split()
)
SHARE_STRONG = frozenset(
    "facebook twitter linkedin whatsapp telegram pinterest reddit tumblr flipboard bluesky "
    "mastodon share tweet partager partagez teilen compartir condividi compartilhe partilhar "
    "partilhe delen".split()
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
CREDIT_LABEL = re.compile(
    r"^(?:photo|photos|photographie|foto|fotos|image|images|picture|pictures|illustration|"
    r"credit|credits|credit photo|credits photo|photo credit|photo credits|bild|bildquelle|"
    r"quelle|imagen|immagine|crediti|credito|fonte|source photo|visuel) ?(?:[:/]|©)"
)
CREDIT_LINE = [
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
MT_BRACKET = re.compile(rf"\[(?:{MT_BRACKET_WORDS})\]\s*")
ENGLISH_MARKERS = frozenset(
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
