"""Find a quoted span again in edited text (W3C Web Annotation text-quote selector)."""


def relocate_span(
    text: str, *, quote: str, prefix: str = "", suffix: str = "", hint: int = 0
) -> tuple[int, int] | None:
    """The (start, end) of `quote` in `text`, choosing among repeats by context, then nearness."""
    if not quote:
        return None
    best: tuple[int, int, int] | None = None  # (context score, -distance, start)
    start = text.find(quote)
    while start != -1:
        end = start + len(quote)
        context = _common_suffix(text[max(0, start - len(prefix)) : start], prefix)
        context += _common_prefix(text[end : end + len(suffix)], suffix)
        candidate = (context, -abs(start - hint), start)
        if best is None or candidate > best:
            best = candidate
        start = text.find(quote, start + 1)
    if best is None:
        return None
    return best[2], best[2] + len(quote)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
