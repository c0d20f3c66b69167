"""The default schedule of the processing sweep (editable in the admin, under Periodic tasks)."""

from django.db import migrations

TASK = "claims.tasks.article_processing_sweep_task"
NAME = "Re-queue stopped article processing (sweep)"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = IntervalSchedule.objects.get_or_create(every=2, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": TASK,
            "interval": every,
            "description": "Queues again articles whose extraction or linking stopped "
            "(no heartbeat for CLAIMS_PROCESSING_STALE_SECONDS).",
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0008_recheck"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
