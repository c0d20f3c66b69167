"""Files in and out: fact-check files read (ClaimReview JSON-LD, JSON Lines) and the rows
the export commands write."""
