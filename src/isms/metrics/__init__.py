"""Stage 4: coverage and effectiveness, computed from the model and the day's state."""
