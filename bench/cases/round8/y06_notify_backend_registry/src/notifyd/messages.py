from dataclasses import dataclass, field

TEMPLATES = {
    "welcome": "Hi {name}, welcome to Parcelpoint!",
    "shipped": "Hi {name}, order {order} is on its way.",
    "reset": "Hi {name}, use code {code} to reset your password.",
}


@dataclass
class Message:
    to: str
    subject: str
    body: str
    headers: dict = field(default_factory=dict)


def render(template, to, **ctx):
    body = TEMPLATES[template].format(**ctx)
    subject = template.replace("_", " ").capitalize()
    return Message(to=to, subject=subject, body=body)
