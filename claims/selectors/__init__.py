"""The reads, one module a subject: claims (`claims`), the review pages (`review`), links
(`links`), tracked claims (`tracked_claims`), re-checks (`rechecks`) and the API's lists
(`api`)."""
