"""The Qt shell around the service layer: start-up, windows, translations, theme."""
