"""Admin screens: users, API keys, widgets and queues, the audit trail.

`service` is Qt-free (AdminService and its dataclasses); `models` holds the Qt table models,
`common` and `dialogs` the building blocks, and `view` the AdminPanel the shell hosts.
"""
