"""Workspace membership: invitations, members and welcome mail."""
