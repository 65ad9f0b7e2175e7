"""Checks beyond the model: the mistakes real schedules contain, links that lead nowhere, translations that may not be shown."""
