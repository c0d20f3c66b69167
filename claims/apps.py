from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from articles.signals import article_text_changed
        from claims import receivers
        from claims.models import change_triggers, review_triggers

        article_text_changed.connect(
            receivers.queue_extraction_for_changed_article, dispatch_uid="claims-extraction"
        )
        # The review history's guard in the database (claims/models/review_triggers.py).
        connection_created.connect(
            receivers.enable_recursive_triggers, dispatch_uid="claims-recursive-triggers"
        )
        pre_migrate.connect(
            review_triggers.lift_before_migrate, sender=self, dispatch_uid="claims-triggers-lift"
        )
        post_migrate.connect(
            review_triggers.reinstall_after_migrate, sender=self, dispatch_uid="claims-triggers"
        )
        # The changes feed's triggers (claims/models/change_triggers.py), lifted the same way.
        pre_migrate.connect(
            change_triggers.lift_before_migrate, sender=self, dispatch_uid="claims-changes-lift"
        )
        post_migrate.connect(
            change_triggers.reinstall_after_migrate, sender=self, dispatch_uid="claims-changes"
        )
        # Webhook events (claims/services/webhooks.py).
        from django.db.models.signals import post_save

        from claims.models import ExtractionRun, ReviewEvent
        from claims.signals import claim_recheck_raised

        post_save.connect(
            receivers.webhook_for_review_event,
            sender=ReviewEvent,
            dispatch_uid="claims-hook-review",
        )
        post_save.connect(
            receivers.webhook_for_extraction_run,
            sender=ExtractionRun,
            dispatch_uid="claims-hook-extraction",
        )
        claim_recheck_raised.connect(
            receivers.webhook_for_recheck_raised, dispatch_uid="claims-hook-recheck"
        )
