"""Legal holds: the operator suspends the deletion of an organisation's data, or one call's."""
