"""What each process loads once: the spaCy pipeline named in settings."""
