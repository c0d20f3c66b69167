from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from articles.signals import article_text_changed
        from claims import receivers

        article_text_changed.connect(
            receivers.queue_extraction_for_changed_article, dispatch_uid="claims-extraction"
        )
