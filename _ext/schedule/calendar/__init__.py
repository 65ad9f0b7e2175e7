"""The calendar dates of a term's weeks and weeks that flow."""
