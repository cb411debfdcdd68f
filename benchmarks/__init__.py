"""Measurements that print figures (never pass/fail): accuracy, language identification, load."""
