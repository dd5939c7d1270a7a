"""A user's requests about their own data (P11): their details, privacy choices, export."""
