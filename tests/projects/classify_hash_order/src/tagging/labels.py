"""Folders for tagged documents: a document is filed under its first tag."""


def normalise(tag):
    return tag.strip().lower()


def folder_for(tags):
    unique = {normalise(t) for t in tags}  # @cause
    for tag in unique:
        return tag
    return "misc"
