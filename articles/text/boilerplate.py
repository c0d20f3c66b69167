"""Web-page boilerplate in plain text: the trailing block after the article, and
stand-alone share/subscribe lines.

Articles copied from a web page as text keep what followed the story ("Check Also",
"Leave a Reply", the comment form, related links). trafilatura cannot help without the
HTML, so plain text is cleaned by rules. Every rule matches a whole line (a paragraph),
never a word inside prose: a sentence that says "reply" or "share" is article text.
"""

from __future__ import annotations

import re

# A line that is exactly one of these (case-insensitive, optional trailing ":" and
# punctuation) opens the trailing block: it and everything after it are dropped.
_BLOCK_STARTERS = (
    r"check also",
    r"see also",
    r"leave a (?:reply|comment)",
    r"post a comment",
    r"add a comment",
    r"\d* ?comments?",
    r"join the (?:conversation|discussion)",
    r"related(?: (?:posts?|articles?|stories|news|coverage|content|topics|reading))?",
    r"more (?:stories|news|articles)(?: from [\w .&'-]+)?",
    r"more from [\w .&'-]+",
    r"you (?:may|might) also (?:like|be interested in)",
    r"recommended(?: for you| stories| articles)?",
    r"read next",
    r"(?:most|more) (?:read|popular|viewed)",
    r"popular (?:posts|stories|articles)",
    r"trending(?: now)?",
    r"latest (?:news|posts|stories)",
    r"(?:previous|next) (?:article|post|story)",
    r"about the author",
    r"tags?",
    r"filed under",
    r"share this(?: article| story| post)?",
)

# Lines that mark the comment form or page footer; they open the block too, but may
# carry more words after the marker ("Your email address will not be published.
# Required fields are marked *").
_BLOCK_PREFIXES = (
    r"your email address will not be published",
    r"required fields are marked",
    r"you must be logged in to post a comment",
    r"save my name, email,? and website",
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}|[a-z])",
    r"all rights reserved",
    r"(?:tags?|filed under|topics)\s*:\s",
)

_SOCIAL = (
    r"(?:share|tweet|email|e-mail|print|copy link|whatsapp|facebook|twitter|x|linkedin"
    r"|telegram|reddit|pinterest|messenger)"
)
# Stand-alone lines dropped wherever they are (share bars, follow prompts, ads).
_NOISE_LINES = (
    r"share(?: this(?: article| story| post| page)?| (?:on|via) [\w .,/&-]+)?",
    _SOCIAL + r"(?:(?:\s*[|/·•,]\s*|\s+)" + _SOCIAL + r")*",
    r"(?:follow|like) us(?: on [\w .,&-]+)?",
    r"subscribe(?: (?:now|today|here|to (?:our|the) [\w -]+))?",
    r"sign up (?:for|to) (?:our|the) [\w -]+",
    r"click here to (?:subscribe|sign up|share|read more)[\w .-]*",
    r"advertisement",
    r"sponsored(?: content)?",
    r"read more(?::? .{0,120})?",
    r"(?:also read|read also|read|see|watch|listen)\s*:\s*.{1,120}",
)

_END = r"\s*[:.!…»>›-]*\s*"
_STARTER_RE = re.compile(r"(?:" + "|".join(_BLOCK_STARTERS) + r")" + _END + r"\Z", re.I)
_PREFIX_RE = re.compile(r"(?:" + "|".join(_BLOCK_PREFIXES) + r")", re.I)
_NOISE_RE = re.compile(r"(?:" + "|".join(_NOISE_LINES) + r")" + _END + r"\Z", re.I)

# A marker this far into the text (by characters) is the start of the page furniture; an
# earlier one is a stray line inside the article (dropped if it is noise, kept otherwise).
_TRAILING_FROM = 0.5
_MAX_MARKER_LINE = 160


def is_block_start(line: str) -> bool:
    """Whether a line opens the trailing web-page block ("Check Also", "Leave a Reply"...)."""
    line = line.strip()
    if not line or len(line) > _MAX_MARKER_LINE:
        return False
    return bool(_STARTER_RE.match(line) or _PREFIX_RE.match(line))


def is_noise_line(line: str) -> bool:
    """Whether a line is a stand-alone share/subscribe/follow/ad line."""
    line = line.strip()
    if not line or len(line) > _MAX_MARKER_LINE:
        return False
    if _NOISE_RE.match(line) is None:
        return False
    # "Read more: ..." and "Read: ..." are link teasers only when they are not a
    # sentence of the article (a teaser has no sentence end in the middle).
    if line.lower().startswith(("read", "also read", "see", "watch", "listen")):
        return line.count(". ") == 0
    return True


def strip_boilerplate(paragraphs: list[str]) -> list[str]:
    """Drop the trailing block and stand-alone noise lines from a list of paragraphs."""
    total = sum(len(p) + 2 for p in paragraphs)
    seen = 0
    cut = len(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if index > 0 and seen >= _TRAILING_FROM * total and is_block_start(paragraph):
            cut = index
            break
        seen += len(paragraph) + 2
    return [p for p in paragraphs[:cut] if not is_noise_line(p)]
