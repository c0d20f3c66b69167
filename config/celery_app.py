import os

from celery import Celery
from celery.signals import worker_init, worker_process_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("claimtrack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def sweep_when_a_worker_starts(sender=None, **kwargs) -> None:
    """Work a stopped worker left behind is queued again as soon as a worker is back."""
    sender.app.send_task("claims.tasks.article_processing_sweep_task")


@worker_init.connect
def load_models_in_the_worker(sender=None, **kwargs) -> None:
    """A solo or thread pool runs tasks in this process: load the models before the
    first task. A prefork pool loads them in each child (below), after the fork."""
    pool = getattr(sender, "pool_cls", "")
    if "prefork" not in str(getattr(pool, "__module__", pool)):
        from claims.runtime.preload import models_preload

        models_preload()


@worker_process_init.connect
def load_models_in_each_child(**kwargs) -> None:
    from claims.runtime.preload import models_preload

    models_preload()
