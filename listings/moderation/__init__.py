"""Moderators keep the board clean: queue flags, approve/reject/remove, expiry, reports, the admin queue."""
