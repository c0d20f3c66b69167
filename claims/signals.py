"""Signals the claims app sends for other apps (webhooks, notifications) to act on.

Sent by services once the transaction commits; receivers are connected in `ready()`.
"""

from django.dispatch import Signal

# A re-check found evidence that updates or contradicts a claim and flagged it "needs
# attention". Keyword arguments: claim_id, check_id (ClaimRecheck), run_id, findings
# (the findings that raised it, as stored on the check).
claim_recheck_raised = Signal()
