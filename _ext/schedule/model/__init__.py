"""What a schedule may hold: the pydantic models and the constrained value types they are made of (every constraint declared once)."""
