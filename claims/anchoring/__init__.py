"""Claims' spans in the article body: re-anchoring by text-quote selector, and the
highlighted body the article page shows."""
