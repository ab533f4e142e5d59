from .writer import Writer
