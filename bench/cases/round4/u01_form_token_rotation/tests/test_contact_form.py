from formguard.forms import FormService


def _fill(page, **overrides):
    data = {
        "csrf_token": FormService.extract_token(page),
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "message": "Please call me back about the engine.",
    }
    data.update(overrides)
    return data


def test_rendered_form_has_token(service):
    page = service.render_contact_form("sess-9")
    assert len(FormService.extract_token(page)) == 49


def test_contact_submission_accepted(service, spam_filter):
    page = service.render_contact_form("sess-9")
    result = service.submit_contact("sess-9", _fill(page))
    assert spam_filter.calls == 1
    assert result.accepted, result.reason
    assert service.inbox[-1]["email"] == "ada@example.org"


def test_missing_fields_rejected(service):
    page = service.render_contact_form("sess-9")
    result = service.submit_contact("sess-9", _fill(page, message="  "))
    assert not result.accepted
    assert result.reason == "missing: message"


def test_spam_rejected_before_token_check(service):
    page = service.render_contact_form("sess-9")
    spammy = "BUY NOW http://a.example http://b.example http://c.example"
    result = service.submit_contact("sess-9", _fill(page, message=spammy))
    assert result.reason == "spam"


def test_foreign_session_token_rejected(service):
    page = service.render_contact_form("sess-9")
    result = service.submit_contact("sess-other", _fill(page))
    assert result.reason == "csrf"
    assert service.inbox == []
