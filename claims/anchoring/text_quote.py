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


def relocate_by_context(
    text: str, *, prefix: str, suffix: str, hint: int = 0, max_length: int = 2000
) -> tuple[int, int] | None:
    """Where the words between `prefix` and `suffix` are now, when the quote itself was
    edited: the (start, end) between the context that is still there, nearest to `hint`.
    Tries the whole context, then its nearer half (the far end may have been edited too)."""
    for keep in (None, 0.5):
        before = prefix[-max(8, int(len(prefix) * keep)) :] if keep and prefix else prefix
        after = suffix[: max(8, int(len(suffix) * keep))] if keep and suffix else suffix
        if not before and not after:
            return None
        found = _between(text, before=before, after=after, hint=hint, max_length=max_length)
        if found is not None:
            return found
    return None


def _between(
    text: str, *, before: str, after: str, hint: int, max_length: int
) -> tuple[int, int] | None:
    starts = _occurrences(text, before, end=True) if before else [0]
    best: tuple[int, int, int] | None = None  # (distance, start, end)
    for start in starts:
        end = text.find(after, start, start + max_length + len(after)) if after else len(text)
        if end == -1 or (not after and end - start > max_length):
            continue
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and (best is None or abs(start - hint) < best[0]):
            best = (abs(start - hint), start, end)
    return None if best is None else (best[1], best[2])


def _occurrences(text: str, needle: str, *, end: bool) -> list[int]:
    found, position = [], text.find(needle)
    while position != -1:
        found.append(position + len(needle) if end else position)
        position = text.find(needle, position + 1)
    return found
