"""A feed's DOCTYPE, read without ever expanding anything dangerous.

Real feeds declare harmless entities (`<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>`); attacks
declare external entities, parameter entities and expansion bombs. We never hand a DTD to a
parser: this module reads the internal subset as text and decides, per entity, what each
reference becomes. Plain text and character references are resolved (bounded in size, alone
and in total); an entity whose value is markup is left as its literal name; external and
parameter entities, and whatever an external DTD would have defined, are refused: never
fetched, never read. Nothing here touches the network or the disk.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Doctype", "read_doctype", "MAX_ENTITY_CHARS", "MAX_EXPANSION"]

MAX_ENTITY_CHARS = 10_000  # one entity's replacement text; a long notice, never a page
MAX_EXPANSION = 1_000_000  # characters that all references of one feed may add
MAX_NESTING = 8

_HTML_ENTITIES = html.entities.html5
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_NAME = r"[A-Za-z_:][\w.:-]*"
_PROLOG_SKIP_RE = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_DOCTYPE_HEAD_RE = re.compile(
    rf"<!DOCTYPE\s+{_NAME}(?:\s+(SYSTEM|PUBLIC)\s*(\"[^\"]*\"|'[^']*')(?:\s*(\"[^\"]*\"|'[^']*'))?)?"
    r"\s*(\[)?"
)
_ENTITY_RE = re.compile(
    rf"<!ENTITY\s+(%\s+)?({_NAME})\s+(?:(\"[^\"]*\"|'[^']*')\s*>|(SYSTEM|PUBLIC)\b(.*)>)\Z", re.S
)
_PE_REF_RE = re.compile(rf"%({_NAME});")
_VALUE_TOKEN_RE = re.compile(rf"&#(\d{{1,8}});|&#[xX]([0-9a-fA-F]{{1,8}});|&({_NAME});|[&<%]")
# The standard entity sets of (X)HTML: their names are HTML's, which we know without them.
_HARMLESS_PUBLIC = re.compile(r"^-//(?:W3C|Netscape Communications)//(?:ENTITIES|DTD) ", re.I)


class _Refused(Exception):
    """This entity is never resolved; the reason says why."""


class _Markup(Exception):
    """This entity's value is markup: its references stay as their literal name."""


@dataclass
class Doctype:
    """What each entity reference of a feed becomes, and what was refused."""

    replacements: dict[str, str] = field(default_factory=dict)  # name -> XML-escaped text
    literal: set[str] = field(default_factory=set)  # declared, but its value is markup
    refused: dict[str, str] = field(default_factory=dict)  # name -> why it is never resolved
    problems: list[str] = field(default_factory=list)  # feed-level refusals
    external: bool = False  # an external DTD or parameter entity would define more names

    @property
    def hostile(self) -> bool:
        return bool(self.refused or self.problems)

    def reason(self) -> str:
        """One line naming every refusal, for the feed's health row."""
        parts = list(self.problems)
        parts += [f"entity '{name}' {why}" for name, why in sorted(self.refused.items())]
        if len(parts) > 3:  # a bomb declares dozens; the first few say what it is
            parts = [*parts[:3], f"and {len(parts) - 3} more"]
        return "refused: " + "; ".join(parts) if parts else ""

    def bound_expansion(self, counts: dict[str, int]) -> None:
        """Refuse the entities that add the most text until all references add at most
        MAX_EXPANSION characters (a small entity used many times is a bomb too)."""
        growth = {
            name: counts[name] * max(0, len(text) - len(name) - 2)
            for name, text in self.replacements.items() if counts.get(name)
        }
        total = sum(growth.values())
        for name in sorted(growth, key=lambda n: (-growth[n], n)):
            if total <= MAX_EXPANSION:
                break
            total -= growth[name]
            del self.replacements[name]
            self.refused[name] = f"would add {growth[name]:,} characters (expansion bomb)"


def _doctype_span(text: str) -> int:
    """Where the DOCTYPE starts, after the XML declaration, comments and white space; -1 if
    the prolog has none (a declaration anywhere else is never read)."""
    i = 0
    while (match := _PROLOG_SKIP_RE.match(text, i)) and match.end() > i:
        i = match.end()
    return i if text.startswith("<!DOCTYPE", i) else -1


def _literal(quoted: str) -> str:
    return quoted[1:-1]


def _subset_declarations(text: str, start: int,
                         declaration_end) -> Iterable[tuple[str, str]]:
    """('decl', text) and ('peref', name) items of an internal subset starting at `start`."""
    i, n = start, len(text)
    while i < n:
        c = text[i]
        if c == "]":
            return
        if c.isspace():
            i += 1
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            i = n if end < 0 else end + 3
        elif text.startswith("<?", i):
            end = text.find("?>", i + 2)
            i = n if end < 0 else end + 2
        elif text.startswith("<!", i):
            end = declaration_end(text, i + 2)
            yield "decl", text[i:end]
            i = end
        elif match := _PE_REF_RE.match(text, i):
            yield "peref", match.group(1)
            i = match.end()
        else:
            i += 1  # stray text in a subset: not ours to make sense of


def read_doctype(text: str, declaration_end) -> Doctype:
    """Read the prolog's DOCTYPE (if any) of decoded feed text; `declaration_end(text, i)`
    finds where a declaration that starts before `i` ends."""
    doctype = Doctype()
    at = _doctype_span(text)
    if at < 0:
        return doctype
    head = _DOCTYPE_HEAD_RE.match(text, at)
    if head is None:
        return doctype
    keyword, first, _second, bracket = head.groups()
    if keyword == "SYSTEM":
        doctype.problems.append("the feed names an external DTD (never read)")
        doctype.external = True
    elif keyword == "PUBLIC" and not _HARMLESS_PUBLIC.match(_literal(first)):
        doctype.problems.append(f"the feed names an unknown public DTD {_literal(first)!r} "
                                "(never read)")
        doctype.external = True
    if not bracket:
        return doctype
    values: dict[str, str] = {}
    harmless_parameters: set[str] = set()
    refused_parameters: set[str] = set()
    for kind, value in _subset_declarations(text, head.end(), declaration_end):
        if kind == "peref":
            if value not in harmless_parameters and value not in refused_parameters:
                doctype.problems.append(f"parameter entity reference %{value};")
                doctype.external = True
            continue
        match = _ENTITY_RE.match(value)
        if match is None:
            continue  # ELEMENT, ATTLIST, NOTATION or a malformed ENTITY: nothing to resolve
        parameter, name, quoted, external, rest = match.groups()
        if parameter:
            public = re.match(r"\s*(\"[^\"]*\"|'[^']*')", rest or "") if external == "PUBLIC" \
                else None
            if public and _HARMLESS_PUBLIC.match(_literal(public.group(1))):
                harmless_parameters.add(name)  # an (X)HTML entity set: names we know
            else:
                doctype.problems.append(f"parameter entity %{name}")
                doctype.external = True
                refused_parameters.add(name)
        elif name in values or name in doctype.refused:
            continue  # XML: the first declaration of a name wins
        elif external:
            doctype.refused[name] = "is external (never read)"
        else:
            values[name] = _literal(quoted)
    _resolve_all(doctype, values)
    return doctype


def _resolve_all(doctype: Doctype, values: dict[str, str]) -> None:
    done: dict[str, str] = {}

    def resolve(name: str, stack: tuple[str, ...]) -> str:
        if name in done:
            return done[name]
        if name in doctype.refused:
            raise _Refused(f"uses the refused entity '{name}'")
        if name in doctype.literal:
            raise _Markup
        if name in stack:
            raise _Refused("refers to itself")
        if len(stack) >= MAX_NESTING:
            raise _Refused("is nested too deeply")
        text = _decode_value(values[name], lambda ref: resolve(ref, (*stack, name)), values,
                             doctype.external)
        done[name] = text
        return text

    for name in values:
        try:
            resolve(name, ())
        except _Refused as exc:
            doctype.refused[name] = str(exc)
        except _Markup:
            doctype.literal.add(name)
    for name, text in done.items():
        if name not in doctype.refused and name not in doctype.literal:
            doctype.replacements[name] = _escape(text)


def _decode_value(value: str, resolve, values: dict[str, str], external: bool) -> str:
    """An entity value's text: references resolved, size bounded; raises _Markup/_Refused."""
    out: list[str] = []
    size, i = 0, 0
    for match in _VALUE_TOKEN_RE.finditer(value):
        piece = value[i:match.start()]
        i = match.end()
        decimal, hexadecimal, name = match.groups()
        if decimal or hexadecimal:
            code = int(decimal) if decimal else int(hexadecimal, 16)
            char = chr(code) if _is_xml_char(code) else ""
            if char in ("<", "&"):
                raise _Markup  # a character reference that would open markup when used
            piece += char
        elif name in _PREDEFINED:
            piece += _PREDEFINED[name]
        elif name in values:
            piece += resolve(name)
        elif name is not None and name + ";" in _HTML_ENTITIES and not external:
            piece += _HTML_ENTITIES[name + ";"]
        elif name is not None and external:
            raise _Refused(f"uses '{name}', which only an external DTD could define")
        else:
            raise _Markup  # "<", a bare "&", "%" or an unknown name: not plain text
        out.append(piece)
        size += len(piece)
        if size > MAX_ENTITY_CHARS:
            raise _Refused(f"expands beyond {MAX_ENTITY_CHARS:,} characters")
    out.append(value[i:])
    text = "".join(out)
    if len(text) > MAX_ENTITY_CHARS:
        raise _Refused(f"expands beyond {MAX_ENTITY_CHARS:,} characters")
    return text


def _is_xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or (
        0x10000 <= code <= 0x10FFFF
    )


def _escape(text: str) -> str:
    # Safe in element text and in either kind of quoted attribute; "]]>" cannot form.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))
