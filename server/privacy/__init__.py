"""What the server says about its own processing: sub-processors, where data is stored, the
record of processing activities (GDPR Art. 30), and restrictions of processing."""
