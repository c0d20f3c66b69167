"""Run the re-checks by hand: the same service the periodic task runs."""

from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from tqdm import tqdm

from articles.errors import ApplicationError
from claims.models import RecheckOutcome, RecheckTrigger
from claims.selectors.rechecks import recheck_due_list
from claims.services.rechecks import claims_recheck_due


def _moment(value: str) -> datetime:
    """A date (its start, local time) or a date and time; naive values are local."""
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(
                f"“{value}” is not a date: give --due-before as YYYY-MM-DD or YYYY-MM-DDTHH:MM."
            )
        moment = datetime.combine(day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = (
        "Re-check the claims that are due (or the ones given with --claim) against what "
        "was ingested since their last check. Raises claims with new evidence; never "
        "changes a decision."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--due-before",
            type=_moment,
            help="Re-check claims due before this time, or the start of this date (default: now).",
        )
        parser.add_argument(
            "--claim",
            type=int,
            action="append",
            default=[],
            dest="claim_ids",
            metavar="ID",
            help="Re-check this claim now, due or not (repeatable).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, due_before, claim_ids, no_progress, **options):
        if due_before and claim_ids:
            raise CommandError("Give either --due-before or --claim, not both.")
        total = (
            len(set(claim_ids))
            if claim_ids
            else recheck_due_list(due_before=due_before or timezone.now()).count()
        )
        outcomes = dict.fromkeys(RecheckOutcome.values, 0)
        with tqdm(total=total, unit="claim", disable=no_progress, file=self.stderr._out) as bar:

            def on_checked(check):
                outcomes[check.outcome] += 1
                bar.update()

            try:
                run = claims_recheck_due(
                    actor=None,
                    due_before=due_before,
                    claim_ids=claim_ids,
                    trigger=RecheckTrigger.COMMAND,
                    on_checked=on_checked,
                )
            except ApplicationError as error:
                raise CommandError(error.message) from error
        labels = dict(RecheckOutcome.choices)
        summary = ", ".join(
            f"{count} {labels[outcome].lower()}" for outcome, count in outcomes.items()
        )
        self.stdout.write(
            f"Re-check run #{run.pk}: {run.claims_checked} claim(s) checked ({summary}); "
            f"{run.claims_raised} need attention."
        )
