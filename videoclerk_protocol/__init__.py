"""The WebSocket protocol shared by the server and the clerk app (pydantic only).

Both ends validate with the very same models; docs/protocol.md describes them for people.
The clerk app imports this package and never the server.
"""
