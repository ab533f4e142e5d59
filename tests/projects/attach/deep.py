"""Calls a function a known number of times, for deep mode."""


def inner():
    return 1


def outer():
    for _ in range(3):
        inner()


outer()
