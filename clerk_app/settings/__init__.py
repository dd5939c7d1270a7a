"""The clerk app's settings: a config file for installers, preferences the clerk picks."""
