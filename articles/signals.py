from django.dispatch import Signal

# Sent inside the service's transaction when an article is created or its body changes.
# Receivers get `article` and should only queue work with `delay_on_commit`, so nothing
# runs for an article whose transaction rolls back.
article_text_changed = Signal()
