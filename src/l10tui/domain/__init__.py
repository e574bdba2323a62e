"""Pure records and rules of the Level 10 meeting. Imports nothing of ours."""
