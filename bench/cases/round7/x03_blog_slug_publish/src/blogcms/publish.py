from dataclasses import dataclass

from .render import Renderer, SpellService
from .slugs import slugify, unique_slug
from .store import Post


class StyleError(ValueError):
    pass


@dataclass
class Draft:
    title: str
    body: str
    author: str


class Publisher:
    def __init__(self, store, renderer=None, spell=None):
        self.store = store
        self.renderer = renderer or Renderer()
        self.spell = spell or SpellService()

    def publish(self, draft):
        problems = self.spell.check(draft.body)
        if problems:
            raise StyleError(", ".join(problems))
        slug = unique_slug(slugify(draft.title), self.store.exists)
        html = self.renderer.render(draft.body)
        post = Post(slug=slug, title=draft.title, author=draft.author, html=html)
        self.store.put(post)
        return post

    def revise(self, slug, body):
        post = self.store.get(slug)
        if post is None:
            raise KeyError(slug)
        post.html = self.renderer.render(body)
        post.revision += 1
        self.store.put(post)
        return post

    def unpublish(self, slug):
        return self.store.delete(slug)
