"""The visitor's optional rating of a call, and the supervisors' daily average."""
