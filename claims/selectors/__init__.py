"""The reads, one module a subject: claims (`claims`), the review pages (`review`), links
(`links`), tracked claims (`tracked_claims`) and re-checks (`rechecks`)."""
