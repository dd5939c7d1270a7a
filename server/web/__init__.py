"""The HTTP edge: pure ASGI middlewares for body limits, hosts and security headers, and docs."""
