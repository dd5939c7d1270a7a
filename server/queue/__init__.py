"""Call queues, clerk presence, dispatch, signalling relay and call records."""
