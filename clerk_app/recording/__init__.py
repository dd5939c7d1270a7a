"""Recording a call while the visitor consents, and uploading it afterwards (docs/recordings.md).

Qt-free: `recorder` (consent-gated WebM recording), `spool` (the files waiting for upload),
`uploader` (tus 1.0 through tuspy). The Qt model and view are `model` and `view`.
"""
