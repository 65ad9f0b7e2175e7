"""The staff guide's reference tables, generated from the code."""
