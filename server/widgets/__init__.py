"""Call queues and the visitor's video widget: configuration, business hours, public panel.

Keeps P1 and P2: visitors are anonymous and never sign up.
"""
